/**
 * The station API contract: for each call its request and reply schema, for each event its payload schema.
 * Main validates every request and reply against it; the renderer's types come from it. Add a channel by adding
 * its name to `channels.ts` and its schemas here — the `satisfies` clauses fail to compile until both exist.
 */
import { z } from 'zod';
import type { CallMethod, EventName } from './channels';
import { gatewayLinkStateSchema } from '../station/gateway-link-state';
import { stationIdentitySchema } from '../station/station-identity';
import { censusSchema } from '../wire/ward-messages';
import { securityLogSchema } from '../wire/security-events';
import { WARD_REQUESTS } from '../wire/ward-requests';
import { credentialStoreStatusSchema } from '../station/credential-store-status';
import { sessionStateSchema, signInRequestSchema } from '../station/session-state';
import { alarmPolicySchema, stationSettingsSchema, wardSettingsSchema } from '../wire/ward-settings';
import { alarmActionOutcomeSchema, commsLostPauseSchema, stationAlarmsSchema } from '../station/station-alarms';
import { audioPauseSchema } from '../alarms/alarm-model';
import { updateStatusSchema } from '../station/update-status';
import {
  alarmDetailSchema,
  alarmHistoryPageSchema,
  alarmHistoryQuerySchema,
  alarmStatsQuerySchema,
  alarmStatsSchema,
  stripQuerySchema,
  stripSchema,
} from '../wire/history-messages';

/** A call's schemas. A call without arguments takes `z.undefined()`. */
export interface CallDefinition {
  readonly request: z.ZodType;
  readonly reply: z.ZodType;
}

/** Request and reply schemas of every call, by method name. */
export const CALL_CONTRACT = {
  getStationIdentity: { request: z.undefined(), reply: stationIdentitySchema },
  /** The ward's beds and patients; null until the gateway has sent its census. */
  getCensus: { request: z.undefined(), reply: censusSchema.nullable() },
  /** Whether the OS keychain can hold this station's credentials right now (checked on each call). */
  getCredentialStoreStatus: { request: z.undefined(), reply: credentialStoreStatusSchema },
  /** Who is signed in, whether the station is locked, how it shows the ward unattended. */
  getSession: { request: z.undefined(), reply: sessionStateSchema },
  /** Signs a user in (replacing whoever was, e.g. a user switch at a locked station). */
  signIn: { request: signInRequestSchema, reply: sessionStateSchema },
  signOut: { request: z.undefined(), reply: sessionStateSchema },
  /** Locks at once: the ward stays live, nothing can be acknowledged until unlocked. */
  lockStation: { request: z.undefined(), reply: sessionStateSchema },
  /** Unlocks for the signed-in user with their password. */
  unlockStation: { request: z.object({ password: z.string().min(1).max(256) }), reply: sessionStateSchema },
  /** The user is active (pointer, keys): postpones the automatic lock. */
  noteActivity: { request: z.undefined(), reply: z.null() },
  /**
   * A view-only token for the stream worker's own gateway connection (it can watch, never act); null when the
   * station may not show the ward now. `fresh` asks for a new one (a renewal).
   */
  getStreamCredential: {
    request: z.object({ fresh: z.boolean() }),
    reply: z.object({ token: z.string().min(1), expiresAtMs: z.number() }).nullable(),
  },
  /** Enrolls this station at the gateway (admin signed in); its secret goes to the keychain. */
  enrollStation: { request: z.undefined(), reply: sessionStateSchema },
  /** Revokes this station's enrollment and deletes its keychain entries. */
  forgetStation: { request: z.undefined(), reply: sessionStateSchema },
  /** The ward's settings as the gateway last sent them; null before the first. */
  getWardSettings: { request: z.undefined(), reply: wardSettingsSchema.nullable() },
  /** Changes station settings for the whole ward (admin). */
  updateStationSettings: { request: stationSettingsSchema.partial(), reply: wardSettingsSchema },
  /** Changes the ward's alarm policy (admin): limits, delays, latching, escalation, audio pause, volume floor. */
  updateAlarmPolicy: { request: alarmPolicySchema.partial(), reply: wardSettingsSchema },
  /** The ward's alarms and this station's acknowledgments waiting for the gateway. */
  getAlarms: { request: z.undefined(), reply: stationAlarmsSchema },
  /** Acknowledges an alarm as the signed-in clinician; recorded in the journal, or queued while offline. */
  acknowledgeAlarm: { request: z.object({ alarmId: z.string().min(1).max(64) }), reply: alarmActionOutcomeSchema },
  /** Resets a latched alarm whose condition has ended. */
  resetAlarm: { request: z.object({ alarmId: z.string().min(1).max(64) }), reply: alarmActionOutcomeSchema },
  /** AUDIO PAUSED for the ward, for the policy's time. */
  pauseAlarmAudio: { request: z.undefined(), reply: audioPauseSchema },
  /**
   * Pauses the sound of this station's own COMMS LOST for the ward's AUDIO PAUSED time: only a signed-in, unlocked
   * nurse or physician may, and the station's log records who (the gateway cannot be told: it is unreachable).
   */
  pauseCommsLostAudio: { request: z.undefined(), reply: commsLostPauseSchema },
  /** Removes an acknowledgment the gateway refused for good from the station's list (a clinician; logged). */
  dismissAcknowledgment: {
    request: z.object({ idempotencyKey: z.string().min(1).max(64) }),
    reply: z.object({}),
  },
  /** A page of the alarm history (the signed-in user's role must allow history). */
  getAlarmHistory: { request: alarmHistoryQuerySchema, reply: alarmHistoryPageSchema },
  /** One alarm: its row, journal timeline and onset numerics. */
  getAlarmDetail: { request: z.object({ alarmId: z.string().min(1).max(64) }), reply: alarmDetailSchema },
  /** A bed's full-disclosure waveforms between two times. */
  getWaveformStrip: { request: stripQuerySchema, reply: stripSchema },
  /** Alarm load over a period. */
  getAlarmStats: { request: alarmStatsQuerySchema, reply: alarmStatsSchema },
  /** Saves the calling window as a PDF report (the desktop app asks where); UNSUPPORTED in the browser host. */
  /** The gateway's security event log and its alerts (admin). */
  getSecurityLog: { request: z.object({ limit: z.number().int().min(1).max(1000) }), reply: securityLogSchema },
  /** The gateway's users (admin), never a password or hash. */
  listUsers: { request: z.undefined(), reply: WARD_REQUESTS.listUsers.reply },
  /** Disables or enables a user on the live gateway (admin); disabling ends their sessions at once. */
  setUserDisabled: { request: WARD_REQUESTS.setUserDisabled.payload, reply: WARD_REQUESTS.setUserDisabled.reply },
  /** Sets a user's new password on the live gateway (admin); their sessions end. */
  resetUserPassword: { request: WARD_REQUESTS.resetUserPassword.payload, reply: WARD_REQUESTS.resetUserPassword.reply },
  /** Adds a user on the live gateway (admin). */
  addUser: { request: WARD_REQUESTS.addUser.payload, reply: WARD_REQUESTS.addUser.reply },
  /** The devices the gateway hears over HL7 and the beds they feed (unassigned ones first). */
  listDevices: { request: z.undefined(), reply: WARD_REQUESTS.listDevices.reply },
  /** Assigns a device to a device-fed bed, or unassigns it (bedId null), on the live gateway (admin). */
  assignDevice: { request: WARD_REQUESTS.assignDevice.payload, reply: WARD_REQUESTS.assignDevice.reply },
  /** One bed's one-minute numeric trends between two times. */
  getTrends: { request: WARD_REQUESTS.trends.payload, reply: WARD_REQUESTS.trends.reply },
  /** Sends a bed's (or the ward's) vitals to the EMR now (PCD-01); REFUSED when the gateway has no EMR. */
  sendVitals: { request: WARD_REQUESTS.sendVitals.payload, reply: WARD_REQUESTS.sendVitals.reply },
  /** A nurse charts a bed's NEWS2 observations (oxygen, ACVPU, temperature, SpO2 scale). */
  chartObservations: {
    request: WARD_REQUESTS.chartObservations.payload,
    reply: WARD_REQUESTS.chartObservations.reply,
  },
  /** The remote patients with their latest readings and 14 days of each kind. */
  listRemote: { request: z.undefined(), reply: WARD_REQUESTS.listRemote.reply },
  /** Enrolls a patient at home with thresholds and a schedule. */
  enrollRemote: { request: WARD_REQUESTS.enrollRemote.payload, reply: WARD_REQUESTS.enrollRemote.reply },
  /** Registers a home device to a remote patient: its id and its secret, shown once. */
  registerRemoteDevice: {
    request: WARD_REQUESTS.registerRemoteDevice.payload,
    reply: WARD_REQUESTS.registerRemoteDevice.reply,
  },
  saveReportAsPdf: {
    request: z.object({ title: z.string().min(1).max(120) }),
    reply: z.object({ savedTo: z.string() }),
  },
  /** The station's updates: version, what the hospital's server offers, who may install it. */
  getUpdateStatus: { request: z.undefined(), reply: updateStatusSchema },
  /** Asks the hospital's update server now. */
  checkForUpdate: { request: z.undefined(), reply: updateStatusSchema },
  /** An admin installs the downloaded update: the station restarts (refused while an alarm stands). */
  installUpdate: { request: z.undefined(), reply: updateStatusSchema },
} as const satisfies Record<CallMethod, CallDefinition>;

/** Payload schema of every event, by event name. */
export const EVENT_CONTRACT = {
  gatewayLinkChanged: gatewayLinkStateSchema,
  censusChanged: censusSchema,
  sessionChanged: sessionStateSchema,
  wardSettingsChanged: wardSettingsSchema,
  alarmsChanged: stationAlarmsSchema,
  updateStatusChanged: updateStatusSchema,
} as const satisfies Record<EventName, z.ZodType>;

/** The request type of a call. */
export type CallRequest<M extends CallMethod> = z.input<(typeof CALL_CONTRACT)[M]['request']>;
/** The reply type of a call. */
export type CallReply<M extends CallMethod> = z.output<(typeof CALL_CONTRACT)[M]['reply']>;
/** The payload type of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof EVENT_CONTRACT)[E]>;
