/**
 * Numeric trends over the gateway socket (issue 16): one bed's one-minute rows — median, minimum, maximum — for a
 * span of up to the longest trend window, oldest first.
 */
import { z } from 'zod';
import { NUMERIC_KEYS } from './ward-messages';

/** Longest span one query covers: 31 days (the policy's longest trend window). */
export const MAX_TREND_SPAN_MS = 744 * 3_600_000;

/** A trend query. */
export const trendQuerySchema = z
  .object({
    bedId: z.string().min(1).max(64),
    fromMs: z.number().finite(),
    toMs: z.number().finite(),
    /** Only these numerics; all when absent. */
    keys: z.array(z.enum(NUMERIC_KEYS)).max(NUMERIC_KEYS.length).optional(),
  })
  .refine((query) => query.toMs >= query.fromMs && query.toMs - query.fromMs <= MAX_TREND_SPAN_MS, {
    message: 'a trend query spans from ≤ to, at most 31 days',
  });

/** One row: a minute of one numeric. */
export const trendRowSchema = z.object({
  key: z.enum(NUMERIC_KEYS),
  /** Start of the minute, gateway clock, epoch ms. */
  minuteMs: z.number(),
  median: z.number(),
  min: z.number(),
  max: z.number(),
  count: z.number().int().nonnegative(),
});

/** The answer: rows oldest first. */
export const trendReplySchema = z.object({ rows: z.array(trendRowSchema).max(744 * 60 * NUMERIC_KEYS.length) });

/** See {@link trendRowSchema}. */
export type TrendRowMessage = z.infer<typeof trendRowSchema>;
