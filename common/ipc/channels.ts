/**
 * The names of the station API: one table of calls and one of events, shared by main, preload and renderer
 * (the Electron Fiddle habit). This file has no schemas so that the sandboxed preload can import it without
 * pulling in a validation library; the schemas live in `contract.ts`, keyed by the same method names.
 */

/** Request/reply calls, by the method name the station API exposes → the channel name on the wire. */
export const CALL_CHANNELS = {
  getStationIdentity: 'station:get-identity',
  getCensus: 'ward:get-census',
  getCredentialStoreStatus: 'station:get-credential-store-status',
  getSession: 'session:get',
  signIn: 'session:sign-in',
  signOut: 'session:sign-out',
  lockStation: 'session:lock',
  unlockStation: 'session:unlock',
  noteActivity: 'session:note-activity',
  getStreamCredential: 'session:get-stream-credential',
  enrollStation: 'station:enroll',
  forgetStation: 'station:forget',
  getWardSettings: 'ward:get-settings',
  updateStationSettings: 'ward:update-station-settings',
  updateAlarmPolicy: 'ward:update-alarm-policy',
  getAlarms: 'alarms:get',
  acknowledgeAlarm: 'alarms:acknowledge',
  resetAlarm: 'alarms:reset',
  pauseAlarmAudio: 'alarms:pause-audio',
  pauseCommsLostAudio: 'alarms:pause-comms-lost-audio',
  dismissAcknowledgment: 'alarms:dismiss-acknowledgment',
  getAlarmHistory: 'history:get-alarms',
  getAlarmDetail: 'history:get-alarm-detail',
  getWaveformStrip: 'history:get-strip',
  getAlarmStats: 'history:get-stats',
  saveReportAsPdf: 'history:save-report-pdf',
  getSecurityLog: 'security:get-log',
  listUsers: 'users:list',
  setUserDisabled: 'users:set-disabled',
  resetUserPassword: 'users:reset-password',
  addUser: 'users:add',
  listDevices: 'devices:list',
  assignDevice: 'devices:assign',
  sendVitals: 'vitals:send',
  chartObservations: 'observations:chart',
  listRemote: 'remote:list',
  enrollRemote: 'remote:enroll',
  registerRemoteDevice: 'remote:register-device',
  getTrends: 'trends:get',
  getUpdateStatus: 'updates:get-status',
  checkForUpdate: 'updates:check',
  installUpdate: 'updates:install',
} as const;

/** Events pushed from the station to its UI, by listener name → the channel name on the wire. */
export const EVENT_CHANNELS = {
  gatewayLinkChanged: 'station:gateway-link-changed',
  censusChanged: 'ward:census-changed',
  sessionChanged: 'session:changed',
  wardSettingsChanged: 'ward:settings-changed',
  alarmsChanged: 'alarms:changed',
  updateStatusChanged: 'updates:status-changed',
} as const;

/** A method of the station API. */
export type CallMethod = keyof typeof CALL_CHANNELS;
/** A wire channel of a call. */
export type CallChannel = (typeof CALL_CHANNELS)[CallMethod];
/** An event of the station API. */
export type EventName = keyof typeof EVENT_CHANNELS;
/** A wire channel of an event. */
export type EventChannel = (typeof EVENT_CHANNELS)[EventName];

const methodByChannel = new Map<string, CallMethod>(
  Object.entries(CALL_CHANNELS).map(([method, channel]) => [channel, method as CallMethod]),
);
const eventByChannel = new Map<string, EventName>(
  Object.entries(EVENT_CHANNELS).map(([event, channel]) => [channel, event as EventName]),
);

/** The method behind a wire channel, or undefined when the channel is not part of the contract. */
export function callMethodOf(channel: unknown): CallMethod | undefined {
  return typeof channel === 'string' ? methodByChannel.get(channel) : undefined;
}

/** The event behind a wire channel, or undefined when the channel is not part of the contract. */
export function eventNameOf(channel: unknown): EventName | undefined {
  return typeof channel === 'string' ? eventByChannel.get(channel) : undefined;
}
