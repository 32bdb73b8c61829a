/**
 * The station → gateway contract: every request a client may send on the gateway socket, with the action it
 * needs (permissions.ts), the schema its payload must match and the schema of the value it is answered with.
 * The gateway registers its handlers from this table and checks each answer before it goes out; a client calls
 * through `GatewayLink.call`, which checks the payload before it goes and the answer when it comes. A request
 * cannot be added without saying who may send it and what it returns.
 */
import { z } from 'zod';
import type { Action } from '../identity/permissions';
import { ROLES } from '../identity/roles';
import { securityLogSchema } from './security-events';
import { alarmSchema, audioPauseSchema } from '../alarms/alarm-model';
import { subscribeRequestSchema, WARD_EVENTS } from './ward-messages';
import { chartObservationsSchema, earlyWarningSchema } from './early-warning';
import {
  enrollRemotePatientSchema,
  registeredDeviceSchema,
  remotePatientSchema,
  remoteSummarySchema,
} from './remote-patients';
import { trendQuerySchema, trendReplySchema } from './trend-messages';
import { alarmPolicySchema, stationSettingsSchema, wardSettingsSchema } from './ward-settings';
import {
  alarmDetailSchema,
  alarmHistoryPageSchema,
  alarmHistoryQuerySchema,
  alarmStatsQuerySchema,
  alarmStatsSchema,
  journalEventSchema,
  stripQuerySchema,
  stripSchema,
} from './history-messages';

/** One kind of request. */
export interface WardRequestDefinition {
  readonly event: string;
  readonly action: Action;
  readonly payload: z.ZodType;
  /** The value of a successful answer. */
  readonly reply: z.ZodType;
  /** How long a client waits for the answer (history queries scan the journal: longer). */
  readonly timeoutMs: number;
}

/** The usual wait for an answer. */
const ANSWER_MS = 5000;
/** History queries may scan much of the journal or full disclosure. */
const QUERY_MS = 15_000;
const alarmAction = z.object({ alarmId: z.string().min(1).max(64), idempotencyKey: z.string().min(8).max(64) });

const usernameSchema = z.string().trim().toLowerCase().min(1).max(32);
/** A user as an admin sees one: never a hash. */
const userSummarySchema = z.object({
  username: usernameSchema,
  displayName: z.string().min(1).max(80),
  role: z.enum(ROLES),
  disabled: z.boolean(),
});

/** A device the gateway heard over HL7 (or an admin assigned), as the Station screen lists it. */
export const deviceSummarySchema = z.object({
  deviceId: z.string().min(1).max(64),
  model: z.string().max(40),
  sender: z.string().max(64),
  location: z.string().max(120).nullable(),
  /** The bed it feeds; null: unassigned (its data shows on no bed). */
  bedId: z.string().max(64).nullable(),
  assignedBy: z.enum(['admin', 'location']).nullable(),
  /** Gateway clock, epoch ms; 0 when never heard (assigned before it sent anything). */
  lastSeenMs: z.number().finite(),
  messages: z.number().int().nonnegative(),
});

/** See {@link deviceSummarySchema}. */
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

const deviceListSchema = z.object({ devices: z.array(deviceSummarySchema).max(4096).readonly() });

/** The requests, by name. */
export const WARD_REQUESTS = {
  subscribe: {
    event: WARD_EVENTS.subscribe,
    action: 'ward.view',
    payload: subscribeRequestSchema,
    reply: z.object({ subscribed: z.array(z.string()).readonly(), unknownBeds: z.array(z.string()).readonly() }),
    timeoutMs: ANSWER_MS,
  },
  getSettings: {
    event: WARD_EVENTS.getSettings,
    action: 'ward.view',
    payload: z.object({}),
    reply: wardSettingsSchema,
    timeoutMs: ANSWER_MS,
  },
  setStationSettings: {
    event: WARD_EVENTS.setStationSettings,
    action: 'settings.change',
    payload: stationSettingsSchema.partial(),
    reply: wardSettingsSchema,
    timeoutMs: QUERY_MS,
  },
  setAlarmPolicy: {
    event: WARD_EVENTS.setAlarmPolicy,
    action: 'policy.change',
    payload: alarmPolicySchema.partial(),
    reply: wardSettingsSchema,
    timeoutMs: QUERY_MS,
  },
  acknowledgeAlarm: {
    event: WARD_EVENTS.acknowledgeAlarm,
    action: 'alarm.acknowledge',
    // The idempotency key makes a replayed acknowledgment (after a reconnect) count once.
    payload: alarmAction,
    reply: z.object({ alarm: alarmSchema.nullable(), duplicate: z.boolean() }),
    timeoutMs: ANSWER_MS,
  },
  resetAlarm: {
    event: WARD_EVENTS.resetAlarm,
    action: 'alarm.acknowledge',
    payload: alarmAction,
    reply: z.object({ duplicate: z.boolean() }),
    timeoutMs: ANSWER_MS,
  },
  pauseAudio: {
    event: WARD_EVENTS.pauseAudio,
    action: 'alarm.pause-audio',
    payload: z.object({}),
    reply: audioPauseSchema,
    timeoutMs: ANSWER_MS,
  },
  queryHistory: {
    event: WARD_EVENTS.queryHistory,
    action: 'history.read',
    payload: z.object({
      fromMs: z.number().finite(),
      toMs: z.number().finite(),
      limit: z.number().int().min(1).max(1000),
    }),
    reply: z.object({ events: z.array(journalEventSchema) }),
    timeoutMs: QUERY_MS,
  },
  historyAlarms: {
    event: WARD_EVENTS.historyAlarms,
    action: 'history.read',
    payload: alarmHistoryQuerySchema,
    reply: alarmHistoryPageSchema,
    timeoutMs: QUERY_MS,
  },
  historyDetail: {
    event: WARD_EVENTS.historyDetail,
    action: 'history.read',
    payload: z.object({ alarmId: z.string().min(1).max(64) }),
    reply: alarmDetailSchema,
    timeoutMs: QUERY_MS,
  },
  historyStrip: {
    event: WARD_EVENTS.historyStrip,
    action: 'history.read',
    payload: stripQuerySchema,
    reply: stripSchema,
    timeoutMs: QUERY_MS,
  },
  historyStats: {
    event: WARD_EVENTS.historyStats,
    action: 'history.read',
    payload: alarmStatsQuerySchema,
    reply: alarmStatsSchema,
    timeoutMs: QUERY_MS,
  },
  setScenario: {
    event: WARD_EVENTS.setScenario,
    action: 'simulator.control',
    payload: z.object({ bedId: z.string().min(1).max(64), scenario: z.string().min(1).max(32) }),
    reply: z.null(),
    timeoutMs: ANSWER_MS,
  },
  // Hospital IT manages users on a live gateway: the users command cannot open a database a running gateway holds.
  listUsers: {
    event: WARD_EVENTS.listUsers,
    action: 'users.manage',
    payload: z.object({}),
    reply: z.object({ users: z.array(userSummarySchema).readonly() }),
    timeoutMs: ANSWER_MS,
  },
  setUserDisabled: {
    event: WARD_EVENTS.setUserDisabled,
    action: 'users.manage',
    payload: z.object({ username: usernameSchema, disabled: z.boolean() }),
    // Disabling ends every session of the user at once, and drops their live connections.
    reply: z.object({ user: userSummarySchema, sessionsEnded: z.number().int().min(0) }),
    timeoutMs: ANSWER_MS,
  },
  resetUserPassword: {
    event: WARD_EVENTS.resetUserPassword,
    action: 'users.manage',
    payload: z.object({ username: usernameSchema, password: z.string().min(1).max(256) }),
    reply: z.object({ username: usernameSchema, sessionsEnded: z.number().int().min(0) }),
    // A password hash is slow on purpose (scrypt).
    timeoutMs: QUERY_MS,
  },
  addUser: {
    event: WARD_EVENTS.addUser,
    action: 'users.manage',
    payload: z.object({
      username: usernameSchema,
      displayName: z.string().trim().min(1).max(80),
      role: z.enum(ROLES),
      password: z.string().min(1).max(256),
    }),
    reply: z.object({ user: userSummarySchema }),
    // A password hash is slow on purpose (scrypt).
    timeoutMs: QUERY_MS,
  },
  listDevices: {
    event: WARD_EVENTS.listDevices,
    action: 'ward.view',
    payload: z.object({}),
    reply: deviceListSchema,
    timeoutMs: ANSWER_MS,
  },
  assignDevice: {
    event: WARD_EVENTS.assignDevice,
    action: 'devices.assign',
    payload: z.object({ deviceId: z.string().min(1).max(64), bedId: z.string().min(1).max(64).nullable() }),
    reply: deviceListSchema,
    timeoutMs: ANSWER_MS,
  },
  trends: {
    event: WARD_EVENTS.trends,
    action: 'history.read',
    payload: trendQuerySchema,
    reply: trendReplySchema,
    timeoutMs: QUERY_MS,
  },
  chartObservations: {
    event: WARD_EVENTS.chartObservations,
    action: 'observations.chart',
    payload: chartObservationsSchema,
    reply: z.object({ earlyWarning: earlyWarningSchema.nullable() }),
    timeoutMs: ANSWER_MS,
  },
  listRemote: {
    event: WARD_EVENTS.listRemote,
    action: 'history.read',
    payload: z.object({}),
    reply: z.object({ patients: z.array(remoteSummarySchema).max(1000) }),
    timeoutMs: QUERY_MS,
  },
  enrollRemote: {
    event: WARD_EVENTS.enrollRemote,
    action: 'remote.manage',
    payload: enrollRemotePatientSchema,
    reply: remotePatientSchema,
    timeoutMs: ANSWER_MS,
  },
  registerRemoteDevice: {
    event: WARD_EVENTS.registerRemoteDevice,
    action: 'remote.manage',
    payload: z.object({ patientId: z.string().min(1).max(40), model: z.string().min(1).max(64) }),
    reply: registeredDeviceSchema,
    timeoutMs: ANSWER_MS,
  },
  sendVitals: {
    event: WARD_EVENTS.sendVitals,
    action: 'vitals.export',
    // One bed, or the whole ward (null).
    payload: z.object({ bedId: z.string().min(1).max(64).nullable() }),
    reply: z.object({ beds: z.number().int().nonnegative() }),
    timeoutMs: ANSWER_MS,
  },
  securityLog: {
    event: WARD_EVENTS.securityLog,
    action: 'security.review',
    payload: z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
    reply: securityLogSchema,
    timeoutMs: ANSWER_MS,
  },
} as const satisfies Record<string, WardRequestDefinition>;

/** A request's name. */
export type WardRequestName = keyof typeof WARD_REQUESTS;
/** A request's payload, as the gateway's handler gets it (defaults applied). */
export type WardRequestPayload<N extends WardRequestName> = z.output<(typeof WARD_REQUESTS)[N]['payload']>;
/** A request's payload, as a client sends it. */
export type WardRequestInput<N extends WardRequestName> = z.input<(typeof WARD_REQUESTS)[N]['payload']>;
/** The value a request is answered with. */
export type WardReplyValue<N extends WardRequestName> = z.output<(typeof WARD_REQUESTS)[N]['reply']>;
