/**
 * Refresh sessions: one per sign-in on a station. The refresh token itself is returned once and only its digest
 * is stored; every refresh rotates it, so a token copied from a station stops working at the next refresh.
 * Sessions end at sign-out, when they expire (a shift, or 30 days for "stay signed in"), or when the user is
 * disabled — a disabled user's refresh is refused even before an admin revokes anything.
 */
import type { Database } from '../storage/gateway-database';
import type { UserRecord } from '../identity/user-store';
import { newIdentifier, newSecret, secretDigest } from './secret-tokens';

/** How long a session may be refreshed. */
export interface SessionLifetimes {
  readonly shiftMs: number;
  readonly staySignedInMs: number;
}

/** A session for a shift (12 h); "stay signed in" for 30 days. */
export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = {
  shiftMs: 12 * 3600_000,
  staySignedInMs: 30 * 24 * 3600_000,
};

/** A started or refreshed session: the refresh token is in clear here and nowhere else. */
export interface IssuedSession {
  readonly sessionId: string;
  readonly refreshToken: string;
  readonly expiresAtMs: number;
  readonly user: UserRecord;
}

interface SessionRow {
  id: string;
  expires_at: Date;
  user_id: number | string;
  username: string;
  display_name: string;
  role: UserRecord['role'];
  disabled: boolean;
}

/** Sessions in the gateway database. */
export class SessionStore {
  constructor(
    private readonly database: Database,
    private readonly lifetimes: SessionLifetimes = DEFAULT_SESSION_LIFETIMES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session for a user who just proved their password. */
  async start(user: UserRecord, stationName: string, staySignedIn: boolean): Promise<IssuedSession> {
    const sessionId = newIdentifier('s');
    const refreshToken = newSecret();
    const expiresAtMs = this.now() + (staySignedIn ? this.lifetimes.staySignedInMs : this.lifetimes.shiftMs);
    await this.database.query(
      'INSERT INTO sessions (id, user_id, station_name, refresh_hash, stay_signed_in, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [sessionId, user.id, stationName, secretDigest(refreshToken), staySignedIn, new Date(expiresAtMs)],
    );
    return { sessionId, refreshToken, expiresAtMs, user };
  }

  /** Exchanges a refresh token for a new one; null when it is unknown, used already, expired, revoked or its user disabled. */
  async rotate(refreshToken: string): Promise<IssuedSession | null> {
    const next = newSecret();
    const { rows } = await this.database.query<SessionRow>(
      `UPDATE sessions s SET refresh_hash = $2, last_refreshed_at = now()
         FROM users u
        WHERE s.refresh_hash = $1 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > $3 AND NOT u.disabled
        RETURNING s.id, s.expires_at, u.id AS user_id, u.username, u.display_name, u.role, u.disabled`,
      [secretDigest(refreshToken), secretDigest(next), new Date(this.now())],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      sessionId: row.id,
      refreshToken: next,
      expiresAtMs: new Date(row.expires_at).getTime(),
      user: {
        id: Number(row.user_id),
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        disabled: row.disabled,
      },
    };
  }

  /** Ends the session this refresh token belongs to; its id, or null when there was none to end. */
  async revokeByToken(refreshToken: string, reason: string): Promise<string | null> {
    const { rows } = await this.database.query<{ id: string }>(
      'UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE refresh_hash = $1 AND revoked_at IS NULL RETURNING id',
      [secretDigest(refreshToken), reason],
    );
    return rows[0]?.id ?? null;
  }

  /** True when the session can still be used (checked when a socket presents a token of it). */
  async isActive(sessionId: string): Promise<boolean> {
    const { rows } = await this.database.query<{ id: string }>(
      'SELECT id FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2',
      [sessionId, new Date(this.now())],
    );
    return rows.length > 0;
  }
}
