/**
 * What nurses charted for each bed's NEWS2 (migration 14): the latest charting per bed, read back at start-up so
 * a restart does not make the ward's scores incomplete. Each charting is also journaled (the record of who did it).
 */
import { z } from 'zod';
import { CONSCIOUSNESS_LEVELS } from '../../common/scores/news2';
import type { Database } from '../storage/gateway-database';
import type { ChartedValues } from './early-warning-board';

const timed = <T extends z.ZodType>(value: T) => z.object({ value, atMs: z.number() }).nullable();

/** A stored charting as it must read back; one that does not is skipped (and counted by the caller). */
const chartedSchema = z.object({
  onOxygen: timed(z.boolean()),
  consciousness: timed(z.enum(CONSCIOUSNESS_LEVELS)),
  temperature: timed(z.number()),
  spo2Scale: z.union([z.literal(1), z.literal(2)]),
  atMs: z.number(),
  by: z.string(),
});

/** The charted_observations table. */
export class ChartStore {
  constructor(private readonly database: Database) {}

  /** Every bed's latest charting, and how many rows could not be read. */
  async list(): Promise<{ charted: { bedId: string; charted: ChartedValues }[]; unreadable: number }> {
    const { rows } = await this.database.query<{ bed_id: string; charted: unknown }>(
      'SELECT bed_id, charted FROM charted_observations ORDER BY bed_id',
    );
    const charted: { bedId: string; charted: ChartedValues }[] = [];
    let unreadable = 0;
    for (const row of rows) {
      const parsed = chartedSchema.safeParse(row.charted);
      if (parsed.success) charted.push({ bedId: row.bed_id, charted: parsed.data });
      else unreadable += 1;
    }
    return { charted, unreadable };
  }

  /** Keeps a bed's charting. */
  async save(bedId: string, charted: ChartedValues): Promise<void> {
    await this.database.query(
      `INSERT INTO charted_observations (bed_id, charted, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (bed_id) DO UPDATE SET charted = EXCLUDED.charted, updated_at = now()`,
      [bedId, JSON.stringify(charted)],
    );
  }

  /** Forgets a bed's charting (its patient left). */
  async remove(bedId: string): Promise<void> {
    await this.database.query('DELETE FROM charted_observations WHERE bed_id = $1', [bedId]);
  }
}
