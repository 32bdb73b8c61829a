/**
 * The ADT census in the gateway database (migration 12): each bed ADT spoke of, with its occupant or nobody.
 */
import type { Database } from '../storage/gateway-database';
import type { Occupant } from './patient-census';

/** The bed_occupants table. */
export class CensusStore {
  constructor(private readonly database: Database) {}

  /** Every bed ADT spoke of. */
  async list(): Promise<{ bedId: string; occupant: Occupant }[]> {
    const { rows } = await this.database.query<{ bed_id: string; occupant: Occupant }>(
      'SELECT bed_id, occupant FROM bed_occupants ORDER BY bed_id',
    );
    return rows.map((row) => ({ bedId: row.bed_id, occupant: row.occupant }));
  }

  /** Writes the occupants of these beds, in one transaction. */
  async save(entries: readonly { bedId: string; occupant: Occupant }[]): Promise<void> {
    await this.database.transaction(async (query) => {
      for (const { bedId, occupant } of entries)
        await query(
          `INSERT INTO bed_occupants (bed_id, occupant, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (bed_id) DO UPDATE SET occupant = EXCLUDED.occupant, updated_at = now()`,
          [bedId, occupant === null ? null : JSON.stringify(occupant)],
        );
    });
  }
}
