/**
 * The gateway's users: clinicians and IT, their role, and a slow password hash. Passwords are never stored,
 * logged or returned; a record leaving this module has no hash in it.
 */
import type { Role } from '../../common/identity/roles';
import type { Database } from '../storage/gateway-database';
import { DEMO_USERNAME_PREFIX, isDemoUsername } from './demo-accounts';
import { hashPassword, unusableHash, verifyPassword } from './password-hash';

/** A user as the rest of the gateway sees one. */
export interface UserRecord {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
}

/** Why a user operation was refused. */
export type UserStoreErrorCode = 'USERNAME_TAKEN' | 'UNKNOWN_USER' | 'WEAK_PASSWORD' | 'INVALID_USER';

/** A refused user operation, with a sentence for the admin. */
export class UserStoreError extends Error {
  constructor(
    readonly code: UserStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserStoreError';
  }
}

/** What a new user needs. */
export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

/** Lowercase, starts with a letter or digit, 2–32 of letters, digits, dot, underscore, dash (as the schema checks). */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
/** Shortest password accepted: a passphrase, not a PIN. */
export const MINIMUM_PASSWORD_LENGTH = 10;

interface UserRow {
  id: number | string;
  username: string;
  display_name: string;
  role: Role;
  disabled: boolean;
  password_hash?: string;
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
  };
}

function checkPassword(password: string): void {
  if ([...password].length < MINIMUM_PASSWORD_LENGTH) {
    throw new UserStoreError(
      'WEAK_PASSWORD',
      `a password needs at least ${MINIMUM_PASSWORD_LENGTH} characters; a short sentence works well`,
    );
  }
}

/** Users in the gateway database. */
export class UserStore {
  constructor(private readonly database: Database) {}

  /**
   * Adds a user; `demo` only for the simulated ward's demo accounts, whose names nobody else may take.
   * @throws UserStoreError for a taken, reserved or malformed username, or a weak password.
   */
  async add(user: NewUser, kind: { demo: boolean } = { demo: false }): Promise<UserRecord> {
    if (!USERNAME.test(user.username)) {
      throw new UserStoreError(
        'INVALID_USER',
        `"${user.username.slice(0, 40)}" is not a valid username: 2–32 lowercase letters, digits, dots, dashes or underscores`,
      );
    }
    if (isDemoUsername(user.username) !== kind.demo)
      throw new UserStoreError(
        'INVALID_USER',
        `usernames starting with "${DEMO_USERNAME_PREFIX}" are reserved for the simulated ward's demo accounts`,
      );
    const displayName = user.displayName.trim();
    if (displayName.length === 0 || displayName.length > 80)
      throw new UserStoreError('INVALID_USER', 'a display name needs 1 to 80 characters');
    checkPassword(user.password);
    const hash = await hashPassword(user.password);
    try {
      const { rows } = await this.database.query<UserRow>(
        'INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id, username, display_name, role, disabled',
        [user.username, displayName, user.role, hash],
      );
      return toRecord(rows[0] as UserRow);
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new UserStoreError('USERNAME_TAKEN', `the username "${user.username}" is taken`);
      throw error;
    }
  }

  /** Every user, by username. */
  async list(): Promise<UserRecord[]> {
    const { rows } = await this.database.query<UserRow>(
      'SELECT id, username, display_name, role, disabled FROM users ORDER BY username',
    );
    return rows.map(toRecord);
  }

  /** How many users there are. */
  async count(): Promise<number> {
    const { rows } = await this.database.query<{ count: number | string }>('SELECT count(*) AS count FROM users');
    return Number(rows[0]?.count ?? 0);
  }

  /**
   * Disables or re-enables a user (disabled users cannot sign in and their sessions end; their history stays).
   * Returns the user and the ids of the sessions it ended, so that the gateway drops their live connections.
   */
  async setDisabled(username: string, disabled: boolean): Promise<UserRecord & { endedSessions: string[] }> {
    const { rows } = await this.database.query<UserRow>(
      'UPDATE users SET disabled = $2, updated_at = now() WHERE username = $1 RETURNING id, username, display_name, role, disabled',
      [username, disabled],
    );
    if (rows[0] === undefined) throw new UserStoreError('UNKNOWN_USER', `there is no user "${username}"`);
    const endedSessions = disabled ? await this.endSessions(rows[0].id, 'account disabled') : [];
    return { ...toRecord(rows[0]), endedSessions };
  }

  /** Ends every session of a user: a stolen refresh token dies with a disable or a password reset. Their ids. */
  private async endSessions(userId: number | string, reason: string): Promise<string[]> {
    const { rows } = await this.database.query<{ id: string }>(
      'UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
      [userId, reason],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Sets a new password and ends the user's sessions; the ids of the sessions it ended.
   * @throws UserStoreError for an unknown user or a weak password.
   */
  async resetPassword(username: string, password: string): Promise<string[]> {
    checkPassword(password);
    const hash = await hashPassword(password);
    const { rows } = await this.database.query<UserRow>(
      'UPDATE users SET password_hash = $2, updated_at = now() WHERE username = $1 RETURNING id',
      [username, hash],
    );
    if (rows[0] === undefined) throw new UserStoreError('UNKNOWN_USER', `there is no user "${username}"`);
    return this.endSessions(rows[0].id, 'password reset');
  }

  /** True when an account of this name exists (enabled or not): what a failed sign-in may name in a log. */
  async exists(username: string): Promise<boolean> {
    const { rows } = await this.database.query('SELECT 1 FROM users WHERE username = $1', [username]);
    return rows.length > 0;
  }

  /**
   * The user whose credentials these are, or null — for an unknown user, a wrong password or a disabled account
   * alike, and in about the same time, so a caller learns nothing about which usernames exist.
   */
  async verify(username: string, password: string): Promise<UserRecord | null> {
    const { rows } = await this.database.query<UserRow>(
      'SELECT id, username, display_name, role, disabled, password_hash FROM users WHERE username = $1',
      [username],
    );
    const row = rows[0];
    const matches = await verifyPassword(password, row?.password_hash ?? (await unusableHash()));
    return row !== undefined && matches && !row.disabled ? toRecord(row) : null;
  }
}
