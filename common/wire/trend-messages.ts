/**
 * Numeric trends over the gateway socket (issue 16): one bed's one-minute rows — median, minimum, maximum — for a
 * span of up to the longest trend window, oldest first.
 */
import { z } from 'zod';
import { NUMERIC_KEYS } from './ward-messages';

/** What is trended: every numeric a monitor reports, and the gateway's NEWS2 total. */
export const TREND_KEYS = [...NUMERIC_KEYS, 'NEWS2'] as const;

/** One of {@link TREND_KEYS}. */
export type TrendKey = (typeof TREND_KEYS)[number];

/** Longest span one query covers: 31 days (the policy's longest trend window). */
export const MAX_TREND_SPAN_MS = 744 * 3_600_000;

/** A trend query. */
export const trendQuerySchema = z
  .object({
    bedId: z.string().min(1).max(64),
    fromMs: z.number().finite(),
    toMs: z.number().finite(),
    /** Only these numerics; all when absent. */
    keys: z.array(z.enum(TREND_KEYS)).max(TREND_KEYS.length).optional(),
  })
  .refine((query) => query.toMs >= query.fromMs && query.toMs - query.fromMs <= MAX_TREND_SPAN_MS, {
    message: 'a trend query spans from ≤ to, at most 31 days',
  });

/** The most minutes one series carries: the longest span. */
const MAX_SERIES_MINUTES = 744 * 60;

/**
 * One numeric's minutes, column by column (the i-th minute is `minuteMs[i]`, its median `median[i]`…): a day of
 * eight numerics as forty arrays rather than 11 520 objects, for the socket, the schema check and the station.
 */
export const trendSeriesSchema = z
  .object({
    key: z.enum(TREND_KEYS),
    /** Starts of the minutes, gateway clock, epoch ms, oldest first. */
    minuteMs: z.array(z.number()).max(MAX_SERIES_MINUTES),
    median: z.array(z.number()).max(MAX_SERIES_MINUTES),
    min: z.array(z.number()).max(MAX_SERIES_MINUTES),
    max: z.array(z.number()).max(MAX_SERIES_MINUTES),
    count: z.array(z.number().int().nonnegative()).max(MAX_SERIES_MINUTES),
  })
  .refine(
    (series) =>
      [series.median, series.min, series.max, series.count].every((column) => column.length === series.minuteMs.length),
    { message: 'every column of a trend series has one value per minute' },
  );

/** See {@link trendSeriesSchema}. */
export type TrendSeries = z.infer<typeof trendSeriesSchema>;

/** The answer: a series per key that has minutes in the span. */
export const trendReplySchema = z.object({ series: z.array(trendSeriesSchema).max(TREND_KEYS.length) });

/** One minute of one numeric, as the station's table and graph walk them. */
export interface TrendRowMessage {
  readonly key: TrendKey;
  /** Start of the minute, gateway clock, epoch ms. */
  readonly minuteMs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

/** The series as rows, oldest first, then by key. */
export function trendRowsOf(series: readonly TrendSeries[]): TrendRowMessage[] {
  const rows: TrendRowMessage[] = [];
  for (const { key, minuteMs, median, min, max, count } of series)
    minuteMs.forEach((minute, index) =>
      rows.push({
        key,
        minuteMs: minute,
        median: median[index] ?? Number.NaN,
        min: min[index] ?? Number.NaN,
        max: max[index] ?? Number.NaN,
        count: count[index] ?? 0,
      }),
    );
  return rows.sort((a, b) => a.minuteMs - b.minuteMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
