/**
 * Who is using this station, and the credentials that follow from it. Tokens live here in memory only; the
 * station's enrollment and a stay-signed-in user's refresh token live in the OS keychain (vault-entries.ts).
 *
 * Two credentials are handed out:
 * - the control credential (main's gateway link): the signed-in user's full token while unlocked, else the view
 *   credential — so the gateway itself refuses an acknowledgment from a locked station;
 * - the view credential (the stream worker, and the control link when locked or signed out): the station's own
 *   token (embedded gateway, or enrollment), else a view-only copy of the signed-in user's — so the ward stays
 *   live behind the lock.
 */
import { createListenerSet } from '../../common/events/listener-set';
import { fail, ok, type IpcResult } from '../../common/ipc/result';
import { failFromGateway } from '../../common/ipc/gateway-failures';
import type { UserPrincipal } from '../../common/identity/principal';
import { describeError, type Logger } from '../../common/logging/logger';
import type { SessionState } from '../../common/station/session-state';
import type { CredentialSource, LinkCredential } from '../../common/wire/gateway-link';
import type { TokenGrant } from '../../common/wire/gateway-auth';
import { VaultError } from '../credentials/vault-errors';
import type { GatewayAuthClient } from './gateway-auth-client';
import type { EnrollmentEntry, VaultEntries } from './vault-entries';

/** What the session needs. */
export interface StationSessionDependencies {
  readonly stationName: string;
  readonly auth: GatewayAuthClient;
  readonly vault: VaultEntries;
  /** Mints a station token in-process when the gateway is embedded; null for a remote gateway. */
  readonly localStationToken: (() => Promise<LinkCredential>) | null;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** The station's session. */
export interface StationSession {
  state(): SessionState;
  onChange(listener: (state: SessionState) => void): () => void;
  /** Reads the enrollment and a stay-signed-in user from the keychain (at start-up). */
  restore(): Promise<void>;
  signIn(username: string, password: string, staySignedIn: boolean): Promise<IpcResult<SessionState>>;
  signOut(): Promise<IpcResult<SessionState>>;
  lock(): IpcResult<SessionState>;
  unlock(password: string): Promise<IpcResult<SessionState>>;
  /** The user touched the station: postpones the automatic lock. */
  noteActivity(): void;
  /** The ward's setting, from the gateway. */
  setAutoLockMinutes(minutes: number): void;
  /** Enrolls this station with the signed-in admin's authority; its secret goes to the keychain. */
  enroll(): Promise<IpcResult<SessionState>>;
  /** Revokes the enrollment and deletes this station's credentials from the keychain. */
  forget(): Promise<IpcResult<SessionState>>;
  readonly controlCredential: CredentialSource;
  readonly viewCredential: CredentialSource;
  close(): void;
}

interface SignedInUser {
  principal: UserPrincipal;
  access: LinkCredential;
  refreshToken: string;
  staySignedIn: boolean;
}

/** Renew a cached token once this much of its life is left. */
const RENEW_BEFORE_MS = 60_000;
const AUTO_LOCK_CHECK_MS = 1000;

function keychainProblem(error: unknown): string {
  return error instanceof VaultError ? error.message : `the keychain failed (${describeError(error)})`;
}

/** Creates the session (nobody signed in). */
export function createStationSession(dependencies: StationSessionDependencies): StationSession {
  const { auth, vault, logger, stationName } = dependencies;
  const now = dependencies.now ?? Date.now;
  const listeners = createListenerSet<SessionState>();
  let user: SignedInUser | null = null;
  let locked = false;
  let enrollment: EnrollmentEntry | null = null;
  let stationToken: LinkCredential | null = null;
  let userViewToken: LinkCredential | null = null;
  let autoLockMinutes = 0;
  let lastActivityMs = now();
  let notice: string | null = null;
  let refreshing: Promise<SignedInUser | null> | null = null;

  const state = (): SessionState => ({
    user: user === null ? null : { username: user.principal.username, displayName: user.principal.displayName, role: user.principal.role, staySignedIn: user.staySignedIn },
    locked: user !== null && locked,
    stationAccess: dependencies.localStationToken !== null ? 'embedded' : enrollment !== null ? 'enrolled' : 'none',
    autoLockMinutes,
    autoLockAtMs: user !== null && !locked && autoLockMinutes > 0 ? lastActivityMs + autoLockMinutes * 60_000 : null,
    notice,
  });
  const changed = (): void => listeners.emit(state());

  /** Keeps (or forgets) the stay-signed-in entry for the current user; a keychain failure becomes a notice. */
  const persist = async (signedIn: SignedInUser): Promise<void> => {
    try {
      if (signedIn.staySignedIn) await vault.saveRefresh({ username: signedIn.principal.username, refreshToken: signedIn.refreshToken });
      else await vault.deleteRefresh();
    } catch (error) {
      if (!signedIn.staySignedIn) return;
      signedIn.staySignedIn = false;
      notice = `signed in, but this station cannot keep you signed in: ${keychainProblem(error)}`;
      logger.warn('stay signed in is not possible: the keychain refused', { reason: error instanceof VaultError ? error.code : 'unknown' });
    }
  };

  const adopt = async (grant: TokenGrant, staySignedIn: boolean): Promise<SignedInUser> => {
    const adopted: SignedInUser = { principal: grant.user, access: { token: grant.accessToken, expiresAtMs: grant.accessExpiresAtMs }, refreshToken: grant.refreshToken, staySignedIn };
    userViewToken = null;
    await persist(adopted);
    return adopted;
  };

  /** The session ended at the gateway: forget the user, tell the UI why. */
  const ended = async (reason: string): Promise<void> => {
    if (user === null) return;
    logger.info('the session ended at the gateway', { username: user.principal.username });
    if (user.staySignedIn) await vault.deleteRefresh().catch(() => undefined);
    user = null;
    locked = false;
    userViewToken = null;
    notice = `your session ended (${reason}); sign in again`;
    changed();
  };

  /** A user whose access token is valid for a while yet, refreshing it when needed (one refresh at a time). */
  const currentUser = async (fresh: boolean): Promise<SignedInUser | null> => {
    const signedIn = user;
    if (signedIn === null) return null;
    if (!fresh && signedIn.access.expiresAtMs - now() > RENEW_BEFORE_MS) return signedIn;
    refreshing ??= (async () => {
      const result = await auth.call('refresh', { refreshToken: signedIn.refreshToken });
      if (!result.ok) {
        if (result.error.code === 'TOKEN_INVALID' || result.error.code === 'TOKEN_EXPIRED') {
          await ended(result.error.message);
          return null;
        }
        // The gateway is unreachable or busy: keep the token while it lasts; afterwards the caller retries.
        logger.warn('could not refresh the session; retrying', { code: result.error.code });
        if (signedIn.access.expiresAtMs > now()) return signedIn;
        throw new Error(`cannot renew the session: ${result.error.message}`);
      }
      if (user !== signedIn) return user;
      user = await adopt(result.value, signedIn.staySignedIn);
      return user;
    })().finally(() => (refreshing = null));
    return refreshing;
  };

  const viewCredential: CredentialSource = async (fresh) => {
    if (dependencies.localStationToken !== null || enrollment !== null) {
      if (!fresh && stationToken !== null && stationToken.expiresAtMs - now() > RENEW_BEFORE_MS) return stationToken;
      if (dependencies.localStationToken !== null) {
        stationToken = await dependencies.localStationToken();
        return stationToken;
      }
      const granted = await auth.call('stationToken', enrollment as EnrollmentEntry);
      if (granted.ok) {
        stationToken = { token: granted.value.accessToken, expiresAtMs: granted.value.accessExpiresAtMs };
        return stationToken;
      }
      if (granted.error.code !== 'BAD_CREDENTIALS') throw new Error(`cannot get a station token: ${granted.error.message}`);
      logger.warn('the gateway refused this station’s enrollment', { code: granted.error.code });
      notice = 'this station’s enrollment was revoked at the gateway; an admin must enroll it again';
      enrollment = null;
      await vault.deleteEnrollment().catch(() => undefined);
      changed();
    }
    if (!fresh && userViewToken !== null && userViewToken.expiresAtMs - now() > RENEW_BEFORE_MS) return userViewToken;
    // A view-only copy of the signed-in user's token; when the gateway no longer knows that token (it restarted
    // with a new signing key), the session is refreshed once and the copy asked for again.
    for (const renew of [false, true]) {
      const signedIn = await currentUser(renew);
      if (signedIn === null) return null;
      const view = await auth.call('viewToken', {}, signedIn.access.token);
      if (view.ok) {
        userViewToken = { token: view.value.accessToken, expiresAtMs: view.value.accessExpiresAtMs };
        return userViewToken;
      }
      if (view.error.code !== 'TOKEN_INVALID' && view.error.code !== 'TOKEN_EXPIRED') throw new Error(`cannot get a view token: ${view.error.message}`);
    }
    return null;
  };

  const signInAs = async (username: string, password: string, staySignedIn: boolean): Promise<IpcResult<SessionState>> => {
    const result = await auth.call('signIn', { username, password, stationName, staySignedIn });
    if (!result.ok) return failFromGateway(result.error);
    const previous = user;
    notice = null;
    user = await adopt(result.value, staySignedIn);
    locked = false;
    lastActivityMs = now();
    // The previous session (another user's, or the same user's before an unlock) ends now.
    if (previous !== null) {
      await auth.call('signOut', { refreshToken: previous.refreshToken });
      if (previous.staySignedIn && previous.principal.username !== username) logger.info('previous user signed out by a user switch', { username: previous.principal.username });
    }
    logger.info('user signed in at the station', { username: result.value.user.username, role: result.value.user.role, staySignedIn: user.staySignedIn });
    changed();
    return ok(state());
  };

  const autoLock = setInterval(() => {
    const pending = state().autoLockAtMs;
    if (pending !== null && now() >= pending) {
      locked = true;
      logger.info('station locked after inactivity', { minutes: autoLockMinutes });
      changed();
    }
  }, AUTO_LOCK_CHECK_MS);
  autoLock.unref();

  return {
    state,
    onChange: listeners.add,
    async restore() {
      try {
        enrollment = await vault.enrollment();
        const stored = await vault.refresh();
        if (stored !== null) {
          const result = await auth.call('refresh', { refreshToken: stored.refreshToken });
          if (result.ok) {
            user = await adopt(result.value, true);
            lastActivityMs = now();
            logger.info('stay-signed-in user restored from the keychain', { username: result.value.user.username });
          } else if (result.error.code === 'TOKEN_INVALID' || result.error.code === 'TOKEN_EXPIRED') {
            await vault.deleteRefresh();
            notice = 'the stored sign-in has ended; sign in again';
          } else {
            notice = `could not restore the stored sign-in: ${result.error.message}`;
          }
        }
      } catch (error) {
        notice = `the OS keychain cannot be used, so nobody can stay signed in and this station cannot be enrolled: ${keychainProblem(error)}`;
        logger.warn('the keychain could not be read at start-up', { reason: error instanceof VaultError ? error.code : 'unknown' });
      }
      changed();
    },
    signIn: (username, password, staySignedIn) => signInAs(username, password, staySignedIn),
    async signOut() {
      const leaving = user;
      if (leaving === null) return ok(state());
      user = null;
      locked = false;
      userViewToken = null;
      notice = null;
      await auth.call('signOut', { refreshToken: leaving.refreshToken });
      try {
        await vault.deleteRefresh();
      } catch (error) {
        notice = `signed out, but the keychain could not delete the stored sign-in: ${keychainProblem(error)}`;
      }
      logger.info('user signed out at the station', { username: leaving.principal.username });
      changed();
      return ok(state());
    },
    lock() {
      if (user === null) return fail('NOT_SIGNED_IN', 'nobody is signed in; there is nothing to lock');
      locked = true;
      changed();
      return ok(state());
    },
    async unlock(password) {
      if (user === null) return fail('NOT_SIGNED_IN', 'nobody is signed in; sign in instead');
      return signInAs(user.principal.username, password, user.staySignedIn);
    },
    noteActivity() {
      if (locked || user === null) return;
      lastActivityMs = now();
      changed();
    },
    setAutoLockMinutes(minutes) {
      if (minutes === autoLockMinutes) return;
      autoLockMinutes = minutes;
      changed();
    },
    async enroll() {
      const admin = locked ? null : await currentUser(false);
      if (admin === null) return fail('NOT_SIGNED_IN', 'an admin must be signed in (and the station unlocked) to enroll it');
      const result = await auth.call('enroll', { stationName }, admin.access.token);
      if (!result.ok) return failFromGateway(result.error);
      const entry = { stationId: result.value.stationId, secret: result.value.secret };
      try {
        await vault.saveEnrollment(entry);
      } catch (error) {
        // An enrollment the station cannot keep is revoked at once rather than left valid somewhere.
        await auth.call('unenroll', entry);
        return fail('KEYCHAIN_FAILED', `the station was not enrolled: ${keychainProblem(error)}`);
      }
      enrollment = entry;
      stationToken = null;
      logger.info('station enrolled', { stationId: entry.stationId, by: admin.principal.username });
      changed();
      return ok(state());
    },
    async forget() {
      const current = enrollment;
      enrollment = null;
      stationToken = null;
      if (current !== null) await auth.call('unenroll', current);
      try {
        await vault.deleteEnrollment();
        await vault.deleteRefresh();
      } catch (error) {
        changed();
        return fail('KEYCHAIN_FAILED', `the gateway forgot this station, but the keychain could not delete its entries: ${keychainProblem(error)}`);
      }
      if (user?.staySignedIn === true) user.staySignedIn = false;
      logger.info('station forgotten', { stationId: current?.stationId ?? null });
      changed();
      return ok(state());
    },
    controlCredential: async (fresh) => {
      if (user !== null && !locked) {
        const signedIn = await currentUser(fresh);
        if (signedIn !== null && !locked) return signedIn.access;
      }
      return viewCredential(fresh);
    },
    viewCredential,
    close: () => {
      clearInterval(autoLock);
      listeners.clear();
    },
  };
}
