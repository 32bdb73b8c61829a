/**
 * Refresh sessions: one per sign-in on a station. The refresh token itself is returned once and only its digest
 * is stored; every refresh rotates it, so a token copied from a station stops working at the next refresh.
 * Sessions end at sign-out, when they expire (a shift, or 30 days for "stay signed in"), or when the user is
 * disabled — a disabled user's refresh is refused even before an admin revokes anything. A rotated token presented
 * again is reuse: someone else holds a copy, and whichever party refreshed first, the whole session ends (the
 * OAuth 2.0 security BCP's refresh-token family rule), so a thief cannot keep rotating a stolen token.
 */
import type { Database } from '../storage/gateway-database';
import type { UserRecord } from '../identity/user-store';
import { newIdentifier, newSecret, secretDigest } from './secret-tokens';
import type { VerifiedStation } from './access-tokens';

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
  /** The station that vouched for the sign-in, or null (an unenrolled station). */
  readonly via: VerifiedStation | null;
}

interface SessionRow {
  id: string;
  expires_at: Date;
  user_id: number | string;
  username: string;
  display_name: string;
  role: UserRecord['role'];
  disabled: boolean;
  via_station_id: string | null;
  via_station_name: string | null;
}

/** Sessions in the gateway database. */
export class SessionStore {
  constructor(
    private readonly database: Database,
    private readonly lifetimes: SessionLifetimes = DEFAULT_SESSION_LIFETIMES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session for a user who just proved their password. */
  async start(
    user: UserRecord,
    stationName: string,
    staySignedIn: boolean,
    via: VerifiedStation | null = null,
  ): Promise<IssuedSession> {
    const sessionId = newIdentifier('s');
    const refreshToken = newSecret();
    const expiresAtMs = this.now() + (staySignedIn ? this.lifetimes.staySignedInMs : this.lifetimes.shiftMs);
    await this.database.query(
      `INSERT INTO sessions (id, user_id, station_name, refresh_hash, stay_signed_in, expires_at, via_station_id, via_station_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        sessionId,
        user.id,
        stationName,
        secretDigest(refreshToken),
        staySignedIn,
        new Date(expiresAtMs),
        via?.stationId ?? null,
        via?.stationName ?? null,
      ],
    );
    return { sessionId, refreshToken, expiresAtMs, user, via };
  }

  /**
   * Exchanges a refresh token for a new one; null when it is unknown, expired, revoked or its user disabled;
   * `{ reused }` when it was rotated already — that session has just been ended.
   */
  async rotate(
    refreshToken: string,
  ): Promise<IssuedSession | { readonly reused: string; readonly username: string | null } | null> {
    const next = newSecret();
    const presented = secretDigest(refreshToken);
    const { rows } = await this.database.query<SessionRow>(
      `WITH rotated AS (
         UPDATE sessions s SET refresh_hash = $2, last_refreshed_at = now()
           FROM users u
          WHERE s.refresh_hash = $1 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > $3 AND NOT u.disabled
          RETURNING s.id, s.expires_at, u.id AS user_id, u.username, u.display_name, u.role, u.disabled,
                    s.via_station_id, s.via_station_name
       ), remembered AS (
         INSERT INTO used_refresh_tokens (refresh_hash, session_id) SELECT $1, id FROM rotated
       )
       SELECT * FROM rotated`,
      [presented, secretDigest(next), new Date(this.now())],
    );
    const row = rows[0];
    if (row === undefined) {
      const reused = await this.database.query<{ id: string; username: string | null }>(
        `UPDATE sessions s SET revoked_at = now(), revoked_reason = 'refresh token reused'
          WHERE s.id = (SELECT session_id FROM used_refresh_tokens WHERE refresh_hash = $1) AND s.revoked_at IS NULL
          RETURNING s.id, (SELECT username FROM users u WHERE u.id = s.user_id) AS username`,
        [presented],
      );
      const ended = reused.rows[0];
      return ended === undefined ? null : { reused: ended.id, username: ended.username };
    }
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
      via:
        row.via_station_id === null || row.via_station_name === null
          ? null
          : { stationId: row.via_station_id, stationName: row.via_station_name },
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

  /** Forgets the used tokens of sessions that can no longer be refreshed anyway. */
  async pruneUsedTokens(): Promise<number> {
    const { rows } = await this.database.query<{ refresh_hash: string }>(
      `DELETE FROM used_refresh_tokens t USING sessions s
        WHERE t.session_id = s.id AND (s.expires_at <= $1 OR s.revoked_at < $1::timestamptz - interval '1 day')
        RETURNING t.refresh_hash`,
      [new Date(this.now())],
    );
    return rows.length;
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
