/**
 * The one-minute trends in the gateway database (migration 13), the same SQL for PGlite and PostgreSQL. A minute
 * written twice (the gateway restarted inside it) keeps both halves' extremes, the larger half's median and the
 * sum of their counts: close to the minute's truth, and never two rows for one minute.
 */
import type { NumericKey } from '../../common/wire/ward-messages';
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

  /** A bed's rows from `fromMs` to `toMs` (minute starts), oldest first; only `keys` when given. */
  async read(bedId: string, fromMs: number, toMs: number, keys?: readonly NumericKey[]): Promise<TrendRow[]> {
    const filter = keys === undefined || keys.length === 0 ? '' : ' AND key = ANY($4)';
    const parameters: unknown[] = [bedId, Math.floor(fromMs), Math.ceil(toMs)];
    if (filter !== '') parameters.push(keys);
    const { rows } = await this.database.query<{
      minute_ms: number | string;
      key: NumericKey;
      median: number;
      min: number;
      max: number;
      count: number;
    }>(
      `SELECT minute_ms, key, median, min, max, count FROM numeric_trends
        WHERE bed_id = $1 AND minute_ms >= $2 AND minute_ms <= $3${filter} ORDER BY minute_ms, key`,
      parameters,
    );
    return rows.map((row) => ({
      minuteMs: Number(row.minute_ms),
      key: row.key,
      median: Number(row.median),
      min: Number(row.min),
      max: Number(row.max),
      count: Number(row.count),
    }));
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
