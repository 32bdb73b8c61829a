/**
 * An admin's device-to-bed assignments in the gateway database (migration 10): which bed a device feeds whatever
 * location it says it is at. Who assigned it is kept beside it; the journal keeps the history (a settings change).
 */
import type { Database } from '../storage/gateway-database';

/** One assignment. */
export interface DeviceAssignment {
  readonly deviceId: string;
  readonly bedId: string;
  readonly assignedBy: string;
}

/** The assignments table. */
export class DeviceAssignmentStore {
  constructor(private readonly database: Database) {}

  /** Every assignment. */
  async list(): Promise<DeviceAssignment[]> {
    const { rows } = await this.database.query<{ device_id: string; bed_id: string; assigned_by: string }>(
      'SELECT device_id, bed_id, assigned_by FROM device_assignments ORDER BY device_id',
    );
    return rows.map((row) => ({ deviceId: row.device_id, bedId: row.bed_id, assignedBy: row.assigned_by }));
  }

  /** Assigns a device to a bed (replacing its earlier bed), or unassigns it when `bedId` is null. */
  async assign(deviceId: string, bedId: string | null, by: string): Promise<void> {
    if (bedId === null) {
      await this.database.query('DELETE FROM device_assignments WHERE device_id = $1', [deviceId]);
      return;
    }
    await this.database.query(
      `INSERT INTO device_assignments (device_id, bed_id, assigned_by, assigned_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (device_id) DO UPDATE SET bed_id = EXCLUDED.bed_id, assigned_by = EXCLUDED.assigned_by,
         assigned_at = now()`,
      [deviceId, bedId, by],
    );
  }
}
