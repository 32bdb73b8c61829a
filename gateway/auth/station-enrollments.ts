/**
 * Enrolled stations: an admin enrolls a station once; it receives an id and a secret (returned once, kept only
 * in that station's OS keychain, stored here as a digest) with which it gets view-only tokens after any restart.
 * "Forget this station" revokes the enrollment.
 */
import type { Database } from '../storage/gateway-database';
import type { UserRecord } from '../identity/user-store';
import { newIdentifier, newSecret, secretDigest } from './secret-tokens';

/** An enrolled station. */
export interface EnrolledStation {
  readonly stationId: string;
  readonly stationName: string;
}

/** Enrollments in the gateway database. */
export class StationEnrollments {
  constructor(private readonly database: Database) {}

  /** Enrolls a station; the secret is in clear here only. */
  async enroll(stationName: string, admin: Pick<UserRecord, 'id'>): Promise<EnrolledStation & { secret: string }> {
    const stationId = newIdentifier('st');
    const secret = newSecret();
    await this.database.query('INSERT INTO stations (id, name, secret_hash, enrolled_by) VALUES ($1, $2, $3, $4)', [
      stationId,
      stationName,
      secretDigest(secret),
      admin.id,
    ]);
    return { stationId, stationName, secret };
  }

  /** The station these credentials belong to, or null (unknown, wrong secret, or forgotten). */
  async verify(stationId: string, secret: string): Promise<EnrolledStation | null> {
    const { rows } = await this.database.query<{ id: string; name: string }>(
      'SELECT id, name FROM stations WHERE id = $1 AND secret_hash = $2 AND revoked_at IS NULL',
      [stationId, secretDigest(secret)],
    );
    const row = rows[0];
    return row === undefined ? null : { stationId: row.id, stationName: row.name };
  }

  /** Revokes an enrollment; true when there was one. */
  async revoke(stationId: string): Promise<boolean> {
    const { rows } = await this.database.query<{ id: string }>(
      'UPDATE stations SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [stationId],
    );
    return rows.length > 0;
  }

  /** Revokes every standing enrollment these users made; how many there were. */
  async revokeEnrolledBy(userIds: readonly number[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const { rows } = await this.database.query<{ id: string }>(
      'UPDATE stations SET revoked_at = now() WHERE enrolled_by = ANY($1::bigint[]) AND revoked_at IS NULL RETURNING id',
      [userIds],
    );
    return rows.length;
  }

  /** True while the enrollment stands (checked when a socket presents a station token). */
  async isActive(stationId: string): Promise<boolean> {
    const { rows } = await this.database.query<{ id: string }>(
      'SELECT id FROM stations WHERE id = $1 AND revoked_at IS NULL',
      [stationId],
    );
    return rows.length > 0;
  }
}
