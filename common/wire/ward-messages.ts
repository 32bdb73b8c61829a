/**
 * The gateway's reliable messages (JSON over socket.io): the census of the ward, numerics once a second, and the
 * subscription a stream client sends. Waveforms travel separately as binary batches (frame-codec.ts).
 */
import { z } from 'zod';
import { CHANNEL_KEYS } from './channel-catalog';
import { MAX_SAMPLE_RATE } from './frame-codec';
import { earlyWarningSchema } from './early-warning';

/** Event names on the gateway socket besides the handshake's. */
export const WARD_EVENTS = {
  census: 'census',
  numerics: 'numerics',
  waves: 'waves',
  subscribe: 'subscribe',
  setScenario: 'set-scenario',
  getSettings: 'settings:get',
  setStationSettings: 'station-settings:set',
  setAlarmPolicy: 'alarm-policy:set',
  settingsChanged: 'settings-changed',
  acknowledgeAlarm: 'alarm:acknowledge',
  resetAlarm: 'alarm:reset',
  pauseAudio: 'audio:pause',
  /** Gateway → clients: the ward's alarm snapshot, on connect and after every change. */
  alarms: 'alarms',
  queryHistory: 'history:query',
  historyAlarms: 'history:alarms',
  historyDetail: 'history:alarm-detail',
  historyStrip: 'history:strip',
  historyStats: 'history:stats',
  listUsers: 'users:list',
  setUserDisabled: 'users:set-disabled',
  resetUserPassword: 'users:reset-password',
  addUser: 'users:add',
  securityLog: 'security:log',
  listDevices: 'devices:list',
  assignDevice: 'devices:assign',
  sendVitals: 'vitals:send',
  trends: 'trends:get',
  chartObservations: 'observations:chart',
  listRemote: 'remote:list',
  enrollRemote: 'remote:enroll',
  registerRemoteDevice: 'remote:register-device',
} as const;

/** Numerics a monitor reports. */
export const NUMERIC_KEYS = [
  'HR',
  'PULSE',
  'SPO2',
  'RR',
  'NIBP_SYS',
  'NIBP_DIA',
  'NIBP_MEAN',
  'ABP_SYS',
  'ABP_DIA',
  'ABP_MEAN',
  'TEMP',
] as const;

/** A numeric's name. */
export type NumericKey = (typeof NUMERIC_KEYS)[number];

/** Where a value came from: the source device or recording, or derived by the gateway from a waveform. */
export const NUMERIC_ORIGINS = ['device', 'recording', 'derived'] as const;

/** One numeric value. `value` null means "no valid value now", with `note` saying why (LEADS OFF…). */
export const numericValueSchema = z.object({
  value: z.number().finite().nullable(),
  unit: z.string().max(16),
  origin: z.enum(NUMERIC_ORIGINS),
  /** When the value was measured (a NIBP is minutes old), gateway clock, epoch ms. */
  measuredAtMs: z.number().finite(),
  note: z.string().max(40).nullable(),
});

/** See {@link numericValueSchema}. */
export type NumericValue = z.infer<typeof numericValueSchema>;

/** One bed's numerics at one moment. */
export const bedNumericsSchema = z.object({
  bed: z.number().int().min(0).max(65535),
  timeMs: z.number().finite(),
  values: z.partialRecord(z.enum(NUMERIC_KEYS), numericValueSchema),
  /** The rhythm the gateway's ECG analysis reads now, e.g. `SINUS 72`, `AFIB 110`, `VTACH 178` (beds with an ECG). */
  rhythm: z.string().max(24).optional(),
  /** The bed's NEWS2 as the gateway scores it (issue 16); absent while nothing of it can be scored. */
  earlyWarning: earlyWarningSchema.optional(),
});

/** See {@link bedNumericsSchema}. */
export type BedNumerics = z.infer<typeof bedNumericsSchema>;

/** A bed's numeric values by key. */
export type NumericValues = BedNumerics['values'];

/** The numerics message: every subscribed bed's numerics of this second. */
export const numericsMessageSchema = z.array(bedNumericsSchema).max(4096);

/** A channel a bed streams. */
export const bedChannelSchema = z.object({
  key: z.enum(CHANNEL_KEYS),
  id: z.number().int().min(0).max(255),
  sampleRate: z.number().positive().max(MAX_SAMPLE_RATE),
  unit: z.string().max(16),
});

/** One bed of the census. */
export const bedDescriptionSchema = z.object({
  /** Number used on the wire (u16) for this bed's frames and numerics. */
  bed: z.number().int().min(0).max(65535),
  /** Stable id, used in subscriptions and journals. */
  bedId: z.string().min(1).max(64),
  label: z.string().min(1).max(32),
  patient: z
    .object({
      name: z.string().max(80),
      mrn: z.string().max(32),
      ageYears: z.number().int().min(0).max(130).nullable(),
      sex: z.enum(['F', 'M', 'U']),
      /** `YYYY-MM-DD`, from the hospital's ADT. */
      dateOfBirth: z.string().max(10).nullable().optional(),
      /** The attending doctor, from the hospital's ADT. */
      attending: z.string().max(80).nullable().optional(),
    })
    .nullable(),
  /** Where its data comes from: the simulator, a recording, or devices over HL7 (detail: which ones). */
  source: z.object({ kind: z.enum(['simulator', 'recording', 'device']), detail: z.string().max(200) }),
  channels: z.array(bedChannelSchema).max(32),
  /** True for a device-fed bed that no device feeds: not monitored, nothing about it alarms. */
  standby: z.boolean().optional(),
});

/** See {@link bedDescriptionSchema}. */
export type BedDescription = z.infer<typeof bedDescriptionSchema>;

/** The ward as the gateway serves it. */
export const censusSchema = z.object({
  wardName: z.string(),
  generatedAtMs: z.number().finite(),
  beds: z.array(bedDescriptionSchema).max(4096),
});

/** See {@link censusSchema}. */
export type Census = z.infer<typeof censusSchema>;

/** What a stream client asks for: some beds (or all) and whether it wants their waveforms too. */
export const subscribeRequestSchema = z.object({
  beds: z.union([z.literal('all'), z.array(z.string().min(1).max(64)).max(4096)]),
  waveforms: z.boolean(),
});

/** See {@link subscribeRequestSchema}. */
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;
