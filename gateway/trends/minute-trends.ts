/**
 * Numeric trends as central stations keep them (issue 16): per bed and numeric, one row a minute with the median,
 * minimum and maximum of the valid values measured in it and how many there were. A minute with no valid value has
 * no row — a gap in the trend, never a value carried over. Minutes are on the gateway's clock, which a step of the
 * wall clock does not move; a value older than the minute being collected (it cannot happen on that clock, but a
 * source's measurement time can lag) goes to its own minute only while that minute is open, else it is counted as
 * late and dropped. After a restart the first minute is simply shorter: its count says so.
 */
import type { TrendKey, TrendRowMessage } from '../../common/wire/trend-messages';
import type { NumericValue } from '../../common/wire/ward-messages';

/** What the collector takes of one bed's second: a value (or none) per trended key. */
export type TrendValues = Readonly<
  Partial<Record<TrendKey, NumericValue | { readonly value: number | null } | undefined>>
>;

/** One minute of one numeric of one bed (its start a multiple of 60 000 on the gateway clock). */
export interface MinuteTrend extends TrendRowMessage {
  readonly bedId: string;
}

/** The length of a trend row. */
export const TREND_MINUTE_MS = 60_000;

/** Collects the second-by-second numerics into closed minutes. */
export class MinuteTrendCollector {
  /** Open minute per bed and numeric: its start and its values. */
  private readonly open = new Map<string, { bedId: string; key: TrendKey; minuteMs: number; values: number[] }>();
  /** Values that came after their minute was closed. */
  late = 0;

  /**
   * Takes one bed's numerics at gateway time `nowMs`; returns the minutes that closed (a numeric whose minute has
   * passed). Values without a number (LEADS OFF, NO SIGNAL) are not trend values.
   */
  add(bedId: string, numerics: TrendValues, nowMs: number): MinuteTrend[] {
    const closed: MinuteTrend[] = [];
    const minuteMs = Math.floor(nowMs / TREND_MINUTE_MS) * TREND_MINUTE_MS;
    for (const [key, value] of Object.entries(numerics) as [TrendKey, TrendValues[TrendKey]][]) {
      if (value === undefined || value.value === null || !Number.isFinite(value.value)) continue;
      const slot = `${bedId}\u0000${key}`;
      const current = this.open.get(slot);
      if (current !== undefined && current.minuteMs < minuteMs) {
        closed.push(summarize(current));
        this.open.delete(slot);
      } else if (current !== undefined && current.minuteMs > minuteMs) {
        this.late += 1;
        continue;
      }
      const entry = this.open.get(slot) ?? { bedId, key, minuteMs, values: [] };
      entry.values.push(value.value);
      this.open.set(slot, entry);
    }
    return closed;
  }

  /** Closes every open minute older than `nowMs`'s (a bed that went silent still gets its last minute). */
  flush(nowMs: number, all = false): MinuteTrend[] {
    const minuteMs = Math.floor(nowMs / TREND_MINUTE_MS) * TREND_MINUTE_MS;
    const closed: MinuteTrend[] = [];
    for (const [slot, entry] of this.open) {
      if (!all && entry.minuteMs >= minuteMs) continue;
      closed.push(summarize(entry));
      this.open.delete(slot);
    }
    return closed;
  }
}

function summarize(entry: { bedId: string; key: TrendKey; minuteMs: number; values: number[] }): MinuteTrend {
  const sorted = [...entry.values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    bedId: entry.bedId,
    key: entry.key,
    minuteMs: entry.minuteMs,
    median: Math.round(median * 10) / 10,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    count: sorted.length,
  };
}
