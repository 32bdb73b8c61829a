/**
 * The alarm model (IEC 60601-1-8 vocabulary, DESIGN.md §3), shared by the gateway's engine, the station and the
 * history review: priorities, the alarm conditions WardWatch knows, and an alarm as it travels to stations.
 */
import { z } from 'zod';

/** Priorities, most urgent first. */
export const ALARM_PRIORITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;

/** One of {@link ALARM_PRIORITIES}. */
export type AlarmPriority = (typeof ALARM_PRIORITIES)[number];

/** 0 for HIGH, 1 for MEDIUM, 2 for LOW: sort ascending for most urgent first. */
export function priorityRank(priority: AlarmPriority): number {
  return ALARM_PRIORITIES.indexOf(priority);
}

/** The next priority up (escalation); HIGH stays HIGH. */
export function escalatedPriority(priority: AlarmPriority): AlarmPriority {
  return ALARM_PRIORITIES[Math.max(0, priorityRank(priority) - 1)] as AlarmPriority;
}

/**
 * Whether a condition is about the patient, about the equipment, or an advisory: a clinical response the ward's
 * early warning protocol asks for (NEWS2), shown and acknowledged like an alarm but never a bedside HIGH, never
 * latched and never escalated — its answer is a clinician's review, not a faster tone.
 */
export type AlarmCategory = 'physiological' | 'technical' | 'advisory';

/** Every {@link AlarmCategory}. */
export const ALARM_CATEGORIES = ['physiological', 'technical', 'advisory'] as const satisfies readonly AlarmCategory[];

/** What each alarm condition is called on screen and how urgent it is by default. */
export const ALARM_CONDITIONS = {
  ASYSTOLE: { label: 'ASYSTOLE', category: 'physiological', priority: 'HIGH' },
  VF: { label: 'VFIB', category: 'physiological', priority: 'HIGH' },
  VT: { label: 'VTACH', category: 'physiological', priority: 'HIGH' },
  /** The severity ladder above HR LOW / HR HIGH (limits 40 and 140 bpm by default, as the PhysioNet 2015 challenge). */
  EXTREME_BRADY: { label: 'EXTREME BRADY', category: 'physiological', priority: 'HIGH' },
  EXTREME_TACHY: { label: 'EXTREME TACHY', category: 'physiological', priority: 'HIGH' },
  /** Rhythm advisories of the ECG analysis (not lethal): a run of 3–4 PVCs, a pause, an irregular rhythm, a couplet. */
  V_RUN: { label: 'RUN PVCs', category: 'physiological', priority: 'MEDIUM' },
  PAUSE: { label: 'PAUSE', category: 'physiological', priority: 'MEDIUM' },
  AFIB: { label: 'AFIB', category: 'physiological', priority: 'LOW' },
  PVC_COUPLET: { label: 'PAIR PVCs', category: 'physiological', priority: 'LOW' },
  HR_HIGH: { label: 'HR HIGH', category: 'physiological', priority: 'MEDIUM' },
  HR_LOW: { label: 'HR LOW', category: 'physiological', priority: 'MEDIUM' },
  SPO2_LOW: { label: 'SpO2 LOW', category: 'physiological', priority: 'MEDIUM' },
  /** The severity ladder above SpO2 LOW (below 85 % by default). */
  DESAT: { label: 'DESAT', category: 'physiological', priority: 'HIGH' },
  RR_HIGH: { label: 'RR HIGH', category: 'physiological', priority: 'MEDIUM' },
  RR_LOW: { label: 'RR LOW', category: 'physiological', priority: 'MEDIUM' },
  APNEA: { label: 'APNEA', category: 'physiological', priority: 'HIGH' },
  NIBP_HIGH: { label: 'NIBP SYS HIGH', category: 'physiological', priority: 'MEDIUM' },
  NIBP_LOW: { label: 'NIBP SYS LOW', category: 'physiological', priority: 'MEDIUM' },
  ABP_HIGH: { label: 'ABP SYS HIGH', category: 'physiological', priority: 'MEDIUM' },
  ABP_LOW: { label: 'ABP SYS LOW', category: 'physiological', priority: 'MEDIUM' },
  LEADS_OFF: { label: 'ECG LEADS OFF', category: 'technical', priority: 'MEDIUM' },
  SPO2_PROBE_OFF: { label: 'SpO2 PROBE OFF', category: 'technical', priority: 'LOW' },
  NO_SIGNAL: { label: 'NO SIGNAL', category: 'technical', priority: 'MEDIUM' },
  /** A measurement the bed has (its channel streams, or it reported a value before) has no valid value. */
  ECG_NO_SIGNAL: { label: 'ECG NO SIGNAL', category: 'technical', priority: 'MEDIUM' },
  /** Every ECG lead is noise (muscle, motion) or clipped: the arrhythmia analysis cannot judge the rhythm. */
  ECG_ARTIFACT: { label: 'ECG ARTIFACT', category: 'technical', priority: 'MEDIUM' },
  SPO2_NO_SIGNAL: { label: 'SpO2 NO SIGNAL', category: 'technical', priority: 'MEDIUM' },
  RESP_NO_SIGNAL: { label: 'RESP NO SIGNAL', category: 'technical', priority: 'LOW' },
  ABP_NO_SIGNAL: { label: 'ABP NO SIGNAL', category: 'technical', priority: 'MEDIUM' },
  /** The gateway cannot write its alarm journal (the database failed, or events overflowed while it opened). */
  ALARM_LOG_FAILURE: { label: 'ALARM LOG FAILURE', category: 'technical', priority: 'MEDIUM' },
  /** The gateway cannot write full-disclosure waveforms (disk full, permissions): the review will have holes. */
  DISCLOSURE_FAILURE: { label: 'FULL DISCLOSURE FAILURE', category: 'technical', priority: 'LOW' },
  /**
   * A device's own alarm, reported over HL7 (IHE PCD-04): an infusion pump's occlusion, a monitor's low SpO2. Its
   * priority, category and words are the device's (the alarm's `device` part); this entry is only the default.
   */
  DEVICE_ALARM: { label: 'DEVICE ALARM', category: 'technical', priority: 'MEDIUM' },
  /**
   * The hospital's alarm communication system (nurses' phones, IHE ACM Alarm Manager) does not take the alarms the
   * gateway forwards: secondary notification is failing, and the stations say so.
   */
  ALARM_FORWARDING_FAILURE: { label: 'PHONE ALERTS FAILING', category: 'technical', priority: 'MEDIUM' },
  /**
   * NEWS2 advisories (RCP 2017): an aggregate of 5–6, or 3 in any one parameter, asks for an urgent review by a
   * clinician; 7 or more for an emergency response. The message carries the breakdown.
   */
  NEWS2_URGENT: { label: 'NEWS2 URGENT REVIEW', category: 'advisory', priority: 'LOW' },
  NEWS2_EMERGENCY: { label: 'NEWS2 EMERGENCY', category: 'advisory', priority: 'MEDIUM' },
  /**
   * Remote patients' alerts (issue 16): a home reading past a clinician's threshold, or readings that did not come
   * on schedule. Advisories of a remote programme — a nurse reviews and calls the patient — never bedside alarms:
   * LOW (one prompt, no repeating tone at the ward's central), but for a low glucose or SpO2 at home, which may
   * need someone sent now.
   */
  HOME_BP_HIGH: { label: 'HOME BP HIGH', category: 'advisory', priority: 'LOW' },
  HOME_BP_LOW: { label: 'HOME BP LOW', category: 'advisory', priority: 'LOW' },
  HOME_GLUCOSE_LOW: { label: 'HOME GLUCOSE LOW', category: 'advisory', priority: 'MEDIUM' },
  HOME_GLUCOSE_HIGH: { label: 'HOME GLUCOSE HIGH', category: 'advisory', priority: 'LOW' },
  HOME_SPO2_LOW: { label: 'HOME SpO2 LOW', category: 'advisory', priority: 'MEDIUM' },
  HOME_WEIGHT_GAIN: { label: 'HOME WEIGHT GAIN', category: 'advisory', priority: 'LOW' },
  HOME_READING_MISSED: { label: 'HOME READING MISSED', category: 'advisory', priority: 'LOW' },
  /** Raised by the station itself when it hears nothing from the gateway. */
  COMMS_LOST: { label: 'COMMS LOST', category: 'technical', priority: 'HIGH' },
} as const satisfies Record<string, { label: string; category: AlarmCategory; priority: AlarmPriority }>;

/** An alarm condition's key. */
export type AlarmConditionKey = keyof typeof ALARM_CONDITIONS;

/** Every condition key. */
export const ALARM_CONDITION_KEYS = Object.keys(ALARM_CONDITIONS) as [AlarmConditionKey, ...AlarmConditionKey[]];

/** Who acknowledged, where and when. */
export const acknowledgmentSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  station: z.string(),
  atMs: z.number(),
});

/** What an alarm communication system reports of a forwarded alarm (IHE PCD-05 dissemination status). */
export const NOTIFICATION_STATUSES = [
  'received',
  'delivered',
  'read',
  'accepted',
  'rejected',
  'undeliverable',
  'cancelled',
] as const;

/** One of {@link NOTIFICATION_STATUSES}. */
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** An alarm as stations see it. */
export const alarmSchema = z.object({
  alarmId: z.string().min(1).max(64),
  bedId: z.string().min(1).max(64),
  bedLabel: z.string().max(32),
  condition: z.enum(ALARM_CONDITION_KEYS),
  priority: z.enum(ALARM_PRIORITIES),
  category: z.enum(ALARM_CATEGORIES),
  /** What was measured, e.g. "HR 162 > 120". */
  message: z.string().max(80),
  /** When the gateway raised it (after the condition delay), gateway clock, epoch ms. */
  onsetMs: z.number(),
  /** False once the condition has ended (a latched alarm waits for a reset). */
  conditionActive: z.boolean(),
  latched: z.boolean(),
  escalated: z.boolean(),
  acknowledged: acknowledgmentSchema.nullable(),
  /** Present when a device raised it (origin "device", condition DEVICE_ALARM): which device, and its own words. */
  device: z
    .object({
      deviceId: z.string().min(1).max(64),
      /** The device's identifier of this alarm, the same across its start, updates and end. */
      reference: z.string().min(1).max(64),
      /** What the device calls it, shown where a condition's label would be, e.g. `OCCLUSION`. */
      label: z.string().min(1).max(32),
    })
    .optional(),
  /** Who lay in the bed when it was raised, by the ward's ADT census; absent when the census did not say. */
  patient: z.object({ mrn: z.string().max(32), name: z.string().max(80) }).optional(),
  /**
   * What the hospital's alarm communication system said of it (IHE PCD-05), newest last: delivered to a nurse's
   * phone, read, accepted, rejected… Secondary notification: a supplement to the station, never instead of it.
   */
  notifications: z
    .array(
      z.object({
        status: z.enum(NOTIFICATION_STATUSES),
        /** Who or what it reached, e.g. `Ana Nurse (phone 4411)`; empty when the manager did not say. */
        recipient: z.string().max(80),
        /** Gateway clock, epoch ms: when the gateway heard it. */
        atMs: z.number(),
      }),
    )
    .max(8)
    .optional(),
});

/** See {@link alarmSchema}. */
export type Alarm = z.infer<typeof alarmSchema>;

/** What an alarm is called on screen: the device's own words for a device's alarm, else its condition's label. */
export function alarmLabel(alarm: Pick<Alarm, 'condition' | 'device'>): string {
  return alarm.device?.label ?? ALARM_CONDITIONS[alarm.condition].label;
}

/** The alarm conditions that are lethal arrhythmias: first among HIGH alarms in the bar (decision 0012). */
export const LETHAL_ARRHYTHMIAS: ReadonlySet<AlarmConditionKey> = new Set(['ASYSTOLE', 'VF', 'VT']);

/** AUDIO PAUSED for the ward, or null. */
export const audioPauseSchema = z.object({
  untilMs: z.number(),
  startedMs: z.number(),
  byUser: z.string(),
  station: z.string(),
  /** The most urgent priority sounding when the pause began; only a more urgent new alarm sounds through. */
  highestAtPause: z.enum(ALARM_PRIORITIES).nullable(),
});

/** See {@link audioPauseSchema}. */
export type AudioPause = z.infer<typeof audioPauseSchema>;

/**
 * Where the journal stands: `ok` (writing), `opening` (the database is not open yet; events wait in a bounded
 * queue), `failing` (a write failed and is being retried, or the queue overflowed: ALARM LOG FAILURE stands), `none`
 * (this gateway keeps no journal). Every event of snapshot `committedVersion` and before is committed.
 */
export const journalStatusSchema = z.object({
  state: z.enum(['ok', 'opening', 'failing', 'none']),
  committedVersion: z.number().int().nonnegative(),
  /** Events waiting to be written. */
  queued: z.number().int().nonnegative(),
  /** Events that could not be kept since the gateway started (queue overflow). */
  dropped: z.number().int().nonnegative(),
});

/** See {@link journalStatusSchema}. */
export type JournalStatus = z.infer<typeof journalStatusSchema>;

/** Everything a station needs to show the ward's alarms: sent on connect and on every change. */
export const alarmSnapshotSchema = z.object({
  /** Increases with every change, so a station can ignore an older snapshot that arrives late. */
  version: z.number().int().nonnegative(),
  /** Gateway clock, epoch ms: the one clock every alarm time is measured in. */
  generatedAtMs: z.number(),
  alarms: z.array(alarmSchema).max(4096),
  audioPause: audioPauseSchema.nullable(),
  journal: journalStatusSchema,
});

/** See {@link alarmSnapshotSchema}. */
export type AlarmSnapshot = z.infer<typeof alarmSnapshotSchema>;

/** Most urgent first, then oldest first: which alarm drives the sound (the gateway's snapshot order too). */
export function compareAlarms(a: Pick<Alarm, 'priority' | 'onsetMs'>, b: Pick<Alarm, 'priority' | 'onsetMs'>): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || a.onsetMs - b.onsetMs;
}

/**
 * The order of the alarm bar and of a bed's tile (decision 0012): unacknowledged before acknowledged, so what
 * sounds is never pushed out of sight by what was already answered; then most urgent; among HIGH alarms the lethal
 * arrhythmias first; then newest first — the alarm a nurse has not seen yet comes before the ones on screen.
 */
export function compareForBar(
  a: Pick<Alarm, 'priority' | 'onsetMs' | 'acknowledged' | 'condition'>,
  b: Pick<Alarm, 'priority' | 'onsetMs' | 'acknowledged' | 'condition'>,
): number {
  const answered = Number(a.acknowledged !== null) - Number(b.acknowledged !== null);
  const lethal = Number(!LETHAL_ARRHYTHMIAS.has(a.condition)) - Number(!LETHAL_ARRHYTHMIAS.has(b.condition));
  return answered || priorityRank(a.priority) - priorityRank(b.priority) || lethal || b.onsetMs - a.onsetMs;
}

/**
 * Kinds of journal entries. `condition-ended`: a latched alarm's condition ended (it stands until reset);
 * `superseded`: a latched alarm whose condition came back after it ended is replaced by a new alarm;
 * `settings-changed`: an admin changed the alarm policy or station settings (details: part, before, after) — the
 * limits and delays an alarm was judged by are part of the record; `notified`: the hospital's alarm communication
 * system reported delivery of the alarm (details: status, recipient, note); `charted`: a nurse charted a bed's
 * NEWS2 observations (details: what she charted, the score after it, note).
 */
export const ALARM_EVENT_KINDS = [
  'raised',
  'escalated',
  'acknowledged',
  'audio-paused',
  'reset',
  'resolved',
  'condition-ended',
  'superseded',
  'settings-changed',
  'notified',
  'charted',
] as const;

/** One of {@link ALARM_EVENT_KINDS}. */
export type AlarmEventKind = (typeof ALARM_EVENT_KINDS)[number];
