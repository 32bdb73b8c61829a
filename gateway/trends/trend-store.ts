/**
 * The one-minute trends in the gateway database (migration 13), the same SQL for PGlite and PostgreSQL. A minute
 * written twice (the gateway restarted inside it) keeps both halves' extremes, the larger half's median and the
 * sum of their counts: close to the minute's truth, and never two rows for one minute.
 */
import { trendRowsOf, type TrendKey, type TrendSeries } from '../../common/wire/trend-messages';
import type { Database } from '../storage/gateway-database';
import type { MinuteTrend } from './minute-trends';

/** Rows per INSERT: a minute of 256 beds × 11 numerics in a handful of statements. */
const ROWS_PER_STATEMENT = 500;

/** One row as a query returns it. */
export type TrendRow = Omit<MinuteTrend, 'bedId'>;

/** The numeric_trends table. */
export class TrendStore {
  constructor(private readonly database: Database) {}

  /** Writes closed minutes. */
  async write(rows: readonly MinuteTrend[]): Promise<void> {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const batch = rows.slice(start, start + ROWS_PER_STATEMENT);
      const values: unknown[] = [];
      const tuples = batch.map((row, index) => {
        values.push(row.bedId, row.minuteMs, row.key, row.median, row.min, row.max, row.count);
        const at = index * 7;
        return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7})`;
      });
      await this.database.query(
        `INSERT INTO numeric_trends (bed_id, minute_ms, key, median, min, max, count) VALUES ${tuples.join(', ')}
         ON CONFLICT (bed_id, minute_ms, key) DO UPDATE SET
           median = CASE WHEN EXCLUDED.count > numeric_trends.count THEN EXCLUDED.median ELSE numeric_trends.median END,
           min = LEAST(numeric_trends.min, EXCLUDED.min),
           max = GREATEST(numeric_trends.max, EXCLUDED.max),
           count = numeric_trends.count + EXCLUDED.count`,
        values,
      );
    }
  }

  /**
   * A bed's trends from `fromMs` to `toMs` (minute starts), one series per key with its minutes oldest first; only
   * `keys` when given. The database aggregates each series into JSON arrays: a day of eight numerics is eight rows
   * to decode rather than 11 520 (decision 0021 has the measurements).
   */
  async readSeries(bedId: string, fromMs: number, toMs: number, keys?: readonly TrendKey[]): Promise<TrendSeries[]> {
    const filter = keys === undefined || keys.length === 0 ? '' : ' AND key = ANY($4)';
    const parameters: unknown[] = [bedId, Math.floor(fromMs), Math.ceil(toMs)];
    if (filter !== '') parameters.push(keys);
    const { rows } = await this.database.query<
      Record<'key' | 'minutes' | 'medians' | 'mins' | 'maxes' | 'counts', string>
    >(
      `SELECT key,
              json_agg(minute_ms ORDER BY minute_ms)::text AS minutes,
              json_agg(median ORDER BY minute_ms)::text AS medians,
              json_agg(min ORDER BY minute_ms)::text AS mins,
              json_agg(max ORDER BY minute_ms)::text AS maxes,
              json_agg(count ORDER BY minute_ms)::text AS counts
         FROM numeric_trends
        WHERE bed_id = $1 AND minute_ms >= $2 AND minute_ms <= $3${filter}
        GROUP BY key ORDER BY key`,
      parameters,
    );
    return rows.map((row) => ({
      key: row.key as TrendKey,
      minuteMs: JSON.parse(row.minutes) as number[],
      median: JSON.parse(row.medians) as number[],
      min: JSON.parse(row.mins) as number[],
      max: JSON.parse(row.maxes) as number[],
      count: JSON.parse(row.counts) as number[],
    }));
  }

  /** The same as {@link readSeries}, one row per minute and key, oldest first (then by key). */
  async read(bedId: string, fromMs: number, toMs: number, keys?: readonly TrendKey[]): Promise<TrendRow[]> {
    return trendRowsOf(await this.readSeries(bedId, fromMs, toMs, keys));
  }

  /** Deletes rows older than `beforeMs`; how many. */
  async prune(beforeMs: number): Promise<number> {
    const { rows } = await this.database.query<{ count: number | string }>(
      'WITH gone AS (DELETE FROM numeric_trends WHERE minute_ms < $1 RETURNING 1) SELECT count(*) AS count FROM gone',
      [Math.floor(beforeMs)],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
