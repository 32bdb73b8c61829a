/**
 * The ward's settings that belong to the responsible organization (hospital IT), not to the user: how soon an
 * idle station locks, and the first part of the alarm policy. Stored at the gateway, changed only by an admin,
 * pushed to every station when they change.
 */
import { z } from 'zod';

/** Station behaviour. */
export const stationSettingsSchema = z.object({
  /** Minutes without a touch, key or click before a signed-in station locks; 0 never locks (not advised). */
  autoLockMinutes: z.number().int().min(0).max(240),
});

const range = (min: number, max: number) =>
  z
    .object({ low: z.number().min(min).max(max), high: z.number().min(min).max(max) })
    .refine((r) => r.low < r.high, 'low must be below high');

/**
 * Heart rate limits with their severity ladder: HR LOW / HR HIGH (MEDIUM) outside low–high, EXTREME BRADY / EXTREME
 * TACHY (HIGH) outside extremeLow–extremeHigh, which must lie at or beyond the first pair. The extremes default to
 * 40 and 140 bpm (the PhysioNet 2015 challenge's thresholds), also for a policy stored before they existed.
 */
const heartRateLimits = z
  .object({
    low: z.number().min(15).max(300),
    high: z.number().min(15).max(300),
    extremeLow: z.number().min(15).max(300).default(40),
    extremeHigh: z.number().min(15).max(300).default(140),
  })
  .refine((r) => r.low < r.high, 'low must be below high')
  .refine((r) => r.extremeLow <= r.low, 'the extreme brady limit must be at or below the low limit')
  .refine((r) => r.extremeHigh >= r.high, 'the extreme tachy limit must be at or above the high limit');

/** SpO2 LOW (MEDIUM) below `low`, DESAT (HIGH) below `desat` (85 % by default), which may not be above `low`. */
const spo2Limits = z
  .object({ low: z.number().min(50).max(99), desat: z.number().min(50).max(99).default(85) })
  .refine((r) => r.desat <= r.low, 'the desat limit must be at or below the SpO2 low limit');

/** Alarm limits: an alarm condition exists outside them. */
export const alarmLimitsSchema = z.object({
  HR: heartRateLimits,
  SPO2: spo2Limits,
  RR: range(3, 100),
  NIBP_SYS: range(40, 270),
  ABP_SYS: range(40, 300),
});

/** See {@link alarmLimitsSchema}. */
export type AlarmLimits = z.infer<typeof alarmLimitsSchema>;

/** Alarm policy (IEC 60601-1-8: the responsible organization's settings, not the user's). */
export const alarmPolicySchema = z.object({
  /** How long AUDIO PAUSED lasts. */
  audioPauseSeconds: z.number().int().min(30).max(300),
  /** The quietest an operator may turn alarm sound down to, percent of full volume. */
  minimumVolumePercent: z.number().int().min(10).max(100),
  /** An alarm unacknowledged this long goes up one priority; 0 never escalates. */
  escalationSeconds: z.number().int().min(0).max(600),
  /** Which priorities latch: the alarm stays until reset after its condition ended. */
  latching: z.object({ HIGH: z.boolean(), MEDIUM: z.boolean(), LOW: z.boolean() }),
  /** Alarm condition delays: how long a condition must last before it alarms. */
  delaysSeconds: z.object({
    arrhythmia: z.number().min(0).max(30),
    HR: z.number().min(0).max(60),
    SPO2: z.number().min(0).max(60),
    RR: z.number().min(0).max(60),
    APNEA: z.number().min(5).max(60),
    /** NIBP is a single measurement every few minutes: it alarms at once. */
    NIBP: z.number().min(0).max(60),
    /** Invasive pressure is beat by beat: a damped or flushed line must not alarm at once. */
    ABP: z.number().min(0).max(60),
    technical: z.number().min(0).max(60),
  }),
  /** The ward's limits. */
  limits: alarmLimitsSchema,
  /** How long full-disclosure waveforms are kept (hours). */
  fullDisclosureHours: z.number().int().min(1).max(744),
  /** How long one-minute numeric trends are kept (hours). */
  trendHours: z.number().int().min(1).max(744),
  /** How often every bed's vitals go to the EMR as PCD-01 when the gateway has one (minutes; 0: on demand only). */
  vitalsToEmrMinutes: z.number().int().min(0).max(1440),
  /** Limits of particular beds (a bradycardic athlete, a neonate…), by bed id, overriding the ward's. */
  bedLimits: z.record(z.string().min(1).max(64), alarmLimitsSchema.partial()),
});

/** Everything the gateway keeps. */
export const wardSettingsSchema = z.object({ station: stationSettingsSchema, alarmPolicy: alarmPolicySchema });

/** See {@link stationSettingsSchema}. */
export type StationSettings = z.infer<typeof stationSettingsSchema>;
/** See {@link alarmPolicySchema}. */
export type AlarmPolicy = z.infer<typeof alarmPolicySchema>;
/** Some station settings, as a change request carries them. */
export type StationSettingsChanges = { readonly [K in keyof StationSettings]?: StationSettings[K] | undefined };

/** See {@link wardSettingsSchema}. */
export type WardSettings = z.infer<typeof wardSettingsSchema>;

/**
 * Defaults a new ward starts with: lock after 5 idle minutes; AUDIO PAUSED 2 min; volume floor 40 %; HIGH latches;
 * unacknowledged alarms escalate after 60 s; adult limits and delays as common central stations ship them.
 */
export const DEFAULT_WARD_SETTINGS: WardSettings = {
  station: { autoLockMinutes: 5 },
  alarmPolicy: {
    audioPauseSeconds: 120,
    minimumVolumePercent: 40,
    escalationSeconds: 60,
    latching: { HIGH: true, MEDIUM: false, LOW: false },
    delaysSeconds: { arrhythmia: 0, HR: 5, SPO2: 10, RR: 10, APNEA: 20, NIBP: 0, ABP: 5, technical: 5 },
    limits: {
      HR: { low: 50, high: 120, extremeLow: 40, extremeHigh: 140 },
      SPO2: { low: 90, desat: 85 },
      RR: { low: 8, high: 30 },
      NIBP_SYS: { low: 90, high: 160 },
      ABP_SYS: { low: 90, high: 160 },
    },
    fullDisclosureHours: 72,
    trendHours: 72,
    vitalsToEmrMinutes: 5,
    bedLimits: {},
  },
};

/** The limits that apply to a bed: the ward's, with the bed's own overrides. */
export function limitsForBed(policy: AlarmPolicy, bedId: string): AlarmLimits {
  const own = policy.bedLimits[bedId] ?? {};
  return {
    HR: own.HR ?? policy.limits.HR,
    SPO2: own.SPO2 ?? policy.limits.SPO2,
    RR: own.RR ?? policy.limits.RR,
    NIBP_SYS: own.NIBP_SYS ?? policy.limits.NIBP_SYS,
    ABP_SYS: own.ABP_SYS ?? policy.limits.ABP_SYS,
  };
}
