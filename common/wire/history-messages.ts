/**
 * History review over the gateway socket (action history.read): pages of alarms with filters, one alarm's
 * timeline, a bed's waveform strip from full disclosure, and alarm-load statistics. Strip samples travel as base64
 * of little-endian int16 with their scale and offset — compact, exact, and JSON-safe through the station API.
 */
import { z } from 'zod';
import { ALARM_CONDITION_KEYS, ALARM_EVENT_KINDS, ALARM_PRIORITIES } from '../alarms/alarm-model';
import { CHANNEL_KEYS } from './channel-catalog';

/** Filters of the alarm table. */
export const alarmHistoryQuerySchema = z.object({
  fromMs: z.number().finite(),
  toMs: z.number().finite(),
  bedId: z.string().min(1).max(64).optional(),
  priorities: z.array(z.enum(ALARM_PRIORITIES)).max(3).optional(),
  conditions: z.array(z.enum(ALARM_CONDITION_KEYS)).max(32).optional(),
  state: z.enum(['any', 'acknowledged', 'unacknowledged']).default('any'),
  acknowledgedBy: z.string().min(1).max(32).optional(),
  /** One patient's alarms, in whichever beds they lay (the ADT census's MRN). */
  patientMrn: z.string().trim().min(1).max(32).optional(),
  /** Continue after this row (newest first): the previous page's `next`. */
  after: z.object({ onsetMs: z.number(), alarmId: z.string() }).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** See {@link alarmHistoryQuerySchema}. */
export type AlarmHistoryQuery = z.input<typeof alarmHistoryQuerySchema>;

/** One alarm in the history table. */
export const alarmHistoryRowSchema = z.object({
  alarmId: z.string(),
  bedId: z.string(),
  bedLabel: z.string(),
  condition: z.enum(ALARM_CONDITION_KEYS),
  priority: z.enum(ALARM_PRIORITIES),
  message: z.string(),
  onsetMs: z.number(),
  endedMs: z.number().nullable(),
  escalated: z.boolean(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedMs: z.number().nullable(),
  /** Who lay in the bed when it was raised, by the ADT census; null when the census did not say. */
  patientMrn: z.string().nullable().optional(),
  patientName: z.string().nullable().optional(),
});

/** See {@link alarmHistoryRowSchema}. */
export type AlarmHistoryRow = z.infer<typeof alarmHistoryRowSchema>;

/** A page of the table, newest first. */
export const alarmHistoryPageSchema = z.object({
  rows: z.array(alarmHistoryRowSchema),
  /** Where the next page starts; null on the last page. */
  next: z.object({ onsetMs: z.number(), alarmId: z.string() }).nullable(),
});

/** See {@link alarmHistoryPageSchema}. */
export type AlarmHistoryPage = z.infer<typeof alarmHistoryPageSchema>;

/** One journal event of an alarm. */
export const timelineEventSchema = z.object({
  seq: z.number(),
  atMs: z.number(),
  kind: z.enum(ALARM_EVENT_KINDS),
  priority: z.string().nullable(),
  username: z.string().nullable(),
  userDisplay: z.string().nullable(),
  station: z.string().nullable(),
  /** For a `notified` event: what the alarm communication system said, e.g. `accepted by Ana Nurse (phone 4411)`. */
  note: z.string().max(120).nullable().optional(),
});

/** A raw journal event, as the journal query (`queryHistory`) returns it: everything it recorded, hash included. */
export const journalEventSchema = timelineEventSchema.extend({
  alarmId: z.string().nullable(),
  bedId: z.string().nullable(),
  condition: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

/**
 * Why the gateway's ECG analysis raised a rhythm alarm (gateway/analysis/bed-waveform-analysis.ts
 * `AnalysisReasons`): each lead's state, the pulse signals' evidence, and the lead the call was made on.
 */
export const analysisReasonsSchema = z.object({
  leads: z
    .array(
      z.object({
        lead: z.string().max(16),
        state: z.string().max(16),
        reason: z.string().max(80),
        beats: z.number(),
        sinceBeatS: z.number(),
      }),
    )
    .max(16),
  pulses: z
    .array(
      z.object({
        signal: z.string().max(16),
        pulses: z.number(),
        rate: z.number().nullable(),
        intervalVariation: z.number().nullable(),
        amplitude: z.number(),
        valid: z.boolean(),
        pulsatile: z.boolean(),
      }),
    )
    .max(8),
  decidedOn: z.string().max(16).nullable(),
});

/** See {@link analysisReasonsSchema}. */
export type AnalysisReasonsRecord = z.infer<typeof analysisReasonsSchema>;

/** An alarm with its timeline and the numerics of its onset second. */
export const alarmDetailSchema = z.object({
  alarm: alarmHistoryRowSchema,
  timeline: z.array(timelineEventSchema),
  /** Numeric values at onset, by key (value and unit). */
  numericsAtOnset: z.record(z.string(), z.object({ value: z.number().nullable(), unit: z.string() })).nullable(),
  /** For a rhythm alarm: what the ECG analysis read and why it decided (null for other alarms and older records). */
  analysis: analysisReasonsSchema.nullable().default(null),
});

/** See {@link alarmDetailSchema}. */
export type AlarmDetail = z.infer<typeof alarmDetailSchema>;

/** What strip to read. */
export const stripQuerySchema = z
  .object({
    bedId: z.string().min(1).max(64),
    fromMs: z.number().finite(),
    toMs: z.number().finite(),
    channels: z.array(z.enum(CHANNEL_KEYS)).min(1).max(16).optional(),
  })
  .refine(
    (query) => query.toMs > query.fromMs && query.toMs - query.fromMs <= 10 * 60_000,
    'a strip spans more than 0 and at most 10 minutes',
  );

/** A strip: per channel, segments of consecutive samples. */
export const stripSchema = z.object({
  bedId: z.string(),
  fromMs: z.number(),
  toMs: z.number(),
  channels: z.array(
    z.object({
      key: z.enum(CHANNEL_KEYS),
      segments: z.array(
        z.object({
          startMs: z.number(),
          sampleRate: z.number().positive(),
          scale: z.number(),
          offset: z.number(),
          samplesBase64: z.string(),
        }),
      ),
    }),
  ),
});

/** See {@link stripSchema}. */
export type Strip = z.infer<typeof stripSchema>;

/** Statistics query. */
export const alarmStatsQuerySchema = z.object({
  fromMs: z.number().finite(),
  toMs: z.number().finite(),
  bedId: z.string().min(1).max(64).optional(),
});

/** Alarm load over a period: the alarm-fatigue view. */
export const alarmStatsSchema = z.object({
  total: z.number().int(),
  acknowledgedShare: z.number().min(0).max(1).nullable(),
  medianMsToAcknowledge: z.number().nullable(),
  p90MsToAcknowledge: z.number().nullable(),
  days: z.number().positive(),
  /** Per bed: alarms per day, by priority. */
  perBed: z.array(
    z.object({
      bedId: z.string(),
      bedLabel: z.string(),
      perDay: z.number(),
      HIGH: z.number().int(),
      MEDIUM: z.number().int(),
      LOW: z.number().int(),
    }),
  ),
  /** Most frequent conditions. */
  topConditions: z.array(
    z.object({
      condition: z.enum(ALARM_CONDITION_KEYS),
      count: z.number().int(),
      acknowledgedShare: z.number().min(0).max(1),
    }),
  ),
});

/** See {@link alarmStatsSchema}. */
export type AlarmStats = z.infer<typeof alarmStatsSchema>;

/** Little-endian int16 → base64. */
export function int16ToBase64(samples: Int16Array): string {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** base64 → little-endian int16. */
export function base64ToInt16(text: string): Int16Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Int16Array(bytes.buffer, 0, Math.floor(bytes.length / 2));
}
