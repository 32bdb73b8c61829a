/**
 * Remote patients (issue 16): patients at home whose own devices — a blood-pressure cuff, a glucose meter, a pulse
 * oximeter, a scale, a thermometer — upload readings whenever they take them (FHIR R4 Observations to the gateway's
 * `/fhir`). A clinician enrolls each with thresholds and an expected schedule; readings past a threshold, and
 * readings that do not come, are alerts at the station. What the station and the gateway exchange about them.
 */
import { z } from 'zod';

/** The bed id a remote patient's alarms are filed under: `remote-` and the patient's id. */
export const REMOTE_ALARM_BED_PREFIX = 'remote-';

/** The alarm bed id of a remote patient. */
export function remoteAlarmBedOf(patientId: string): string {
  return `${REMOTE_ALARM_BED_PREFIX}${patientId}`;
}

/** What a home device measures. */
export const READING_KINDS = ['blood-pressure', 'glucose', 'spo2', 'pulse', 'weight', 'temperature'] as const;

/** One of {@link READING_KINDS}. */
export type ReadingKind = (typeof READING_KINDS)[number];

/** How each kind is written on a tile and in an alert, and its unit. */
export const READING_LABELS: Readonly<Record<ReadingKind, { label: string; unit: string }>> = {
  'blood-pressure': { label: 'BP', unit: 'mmHg' },
  glucose: { label: 'Glucose', unit: 'mg/dL' },
  spo2: { label: 'SpO2', unit: '%' },
  pulse: { label: 'Pulse', unit: '/min' },
  weight: { label: 'Weight', unit: 'kg' },
  temperature: { label: 'Temp', unit: '°C' },
};

/** "12 min ago", "5 h ago", "3 d ago": a reading's age, in the alert's and the tile's words (never negative). */
export function ageInWords(ageMs: number): string {
  const minutes = Math.max(0, Math.floor(ageMs / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}

/** A reading's value in words: whole numbers, one decimal for weight and temperature, BP as systolic/diastolic. */
export function readingText(reading: Pick<RemoteReading, 'kind' | 'value' | 'diastolic'>): string {
  if (reading.kind === 'blood-pressure')
    return `${Math.round(reading.value)}/${reading.diastolic === null ? '–' : Math.round(reading.diastolic)}`;
  return reading.kind === 'weight' || reading.kind === 'temperature'
    ? reading.value.toFixed(1)
    : String(Math.round(reading.value));
}

const limit = (min: number, max: number) => z.number().min(min).max(max).nullable();

/**
 * A clinician's thresholds for one patient; null: not watched. Limits are exclusive (a systolic of 180 with a high
 * limit of 180 is not an alert), as the ward's alarm limits are.
 */
export const remoteThresholdsSchema = z.object({
  systolicHigh: limit(100, 260),
  systolicLow: limit(60, 140),
  glucoseLowMgDl: limit(30, 150),
  glucoseHighMgDl: limit(120, 600),
  spo2Low: limit(70, 99),
  /** A gain of more than this much weight within `weightGainHours` (fluid retention in heart failure). */
  weightGainKg: limit(0.5, 10),
  weightGainHours: z.number().int().min(12).max(168),
});

/** See {@link remoteThresholdsSchema}. */
export type RemoteThresholds = z.infer<typeof remoteThresholdsSchema>;

/** The thresholds a programme starts with (heart failure and diabetes programmes' common defaults). */
export const DEFAULT_REMOTE_THRESHOLDS: RemoteThresholds = {
  systolicHigh: 180,
  systolicLow: 90,
  glucoseLowMgDl: 70,
  glucoseHighMgDl: 300,
  spo2Low: 90,
  weightGainKg: 2,
  weightGainHours: 48,
};

/** How often each kind is expected, in hours: a longer silence is an alert ("no BP reading for 26 h"). */
export const remoteScheduleSchema = z.partialRecord(
  z.enum(READING_KINDS),
  z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
);

/** See {@link remoteScheduleSchema}. */
export type RemoteSchedule = z.infer<typeof remoteScheduleSchema>;

/** One reading as the gateway keeps it. */
export const remoteReadingSchema = z.object({
  readingId: z.string().min(1).max(64),
  kind: z.enum(READING_KINDS),
  /** The value; for blood pressure the systolic, with the diastolic beside it. */
  value: z.number().finite(),
  diastolic: z.number().finite().nullable(),
  unit: z.string().max(16),
  /** When the patient measured it, as the device said (gateway clock for its age), epoch ms. */
  effectiveMs: z.number(),
  deviceId: z.string().min(1).max(64),
});

/** See {@link remoteReadingSchema}. */
export type RemoteReading = z.infer<typeof remoteReadingSchema>;

/** A patient enrolled in remote monitoring. */
export const remotePatientSchema = z.object({
  patientId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
  mrn: z.string().min(1).max(32),
  name: z.string().min(1).max(80),
  /** `YYYY-MM-DD`. */
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  thresholds: remoteThresholdsSchema,
  schedule: remoteScheduleSchema,
  /** Who enrolled them, and when (gateway clock): a missed schedule counts from then. */
  enrolledBy: z.string().max(80),
  enrolledAtMs: z.number(),
});

/** See {@link remotePatientSchema}. */
export type RemotePatient = z.infer<typeof remotePatientSchema>;

/** A device registered to a remote patient (its secret is shown once, never stored in the clear). */
export const remoteDeviceSchema = z.object({
  deviceId: z.string().min(1).max(64),
  patientId: z.string().min(1).max(40),
  model: z.string().min(1).max(64),
  lastUploadMs: z.number().nullable(),
});

/** See {@link remoteDeviceSchema}. */
export type RemoteDevice = z.infer<typeof remoteDeviceSchema>;

/** What a station shows of one remote patient: the latest of each kind and the last 14 days for small trends. */
export const remoteSummarySchema = z.object({
  patient: remotePatientSchema,
  devices: z.array(remoteDeviceSchema).max(16),
  latest: z.partialRecord(z.enum(READING_KINDS), remoteReadingSchema),
  recent: z.partialRecord(
    z.enum(READING_KINDS),
    z.array(z.object({ effectiveMs: z.number(), value: z.number() })).max(2000),
  ),
});

/** See {@link remoteSummarySchema}. */
export type RemoteSummary = z.infer<typeof remoteSummarySchema>;

/** An enrollment request. */
export const enrollRemotePatientSchema = remotePatientSchema.pick({
  mrn: true,
  name: true,
  birthDate: true,
  thresholds: true,
  schedule: true,
});

/** A device registration's answer: the secret the device signs in with, shown this once. */
export const registeredDeviceSchema = z.object({
  deviceId: z.string(),
  secret: z.string(),
});
