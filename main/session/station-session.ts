/**
 * Who is using this station, and the credentials that follow from it — composed of the user session
 * (user-session.ts), the station's own credential (station-credential.ts) and the automatic lock (auto-lock.ts).
 * Tokens live in memory only; the station's enrollment and a stay-signed-in user's refresh token live in the OS
 * keychain (vault-entries.ts). Every method answers a result, the credential sources included.
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
import type { Logger } from '../../common/logging/logger';
import type { SessionState } from '../../common/station/session-state';
import type { LinkCredential } from '../../common/wire/gateway-link';
import { VaultError } from '../credentials/vault-errors';
import { startAutoLock } from './auto-lock';
import type { GatewayAuthClient } from './gateway-auth-client';
import { keychainProblem } from './keychain-problem';
import { createSessionNotice } from './session-notice';
import { createStationCredential } from './station-credential';
import { createUserSession } from './user-session';
import type { VaultEntries } from './vault-entries';

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

/** A credential for a gateway link, as a result; it serves as the link's `CredentialSource` (gateway-link.ts). */
export type SessionCredentialSource = (fresh: boolean) => Promise<IpcResult<LinkCredential | null>>;

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
  readonly controlCredential: SessionCredentialSource;
  readonly viewCredential: SessionCredentialSource;
  close(): void;
}

/** Creates the session (nobody signed in). */
export function createStationSession(dependencies: StationSessionDependencies): StationSession {
  const { auth, vault, logger, stationName } = dependencies;
  const now = dependencies.now ?? Date.now;
  const listeners = createListenerSet<SessionState>();
  const notice = createSessionNotice();
  const changed = (): void => listeners.emit(state());
  const stationProof = async (): Promise<string | null> => {
    const view = await station.view(false);
    return view.ok ? (view.value?.token ?? null) : null;
  };
  const user = createUserSession({ stationName, auth, vault, notice, logger, now, changed, stationProof });
  const station = createStationCredential({
    stationName,
    auth,
    vault,
    localStationToken: dependencies.localStationToken,
    notice,
    logger,
    now,
    changed,
  });
  const autoLock = startAutoLock({
    now,
    armed: () => user.user() !== null && !user.locked(),
    lock: () => {
      user.lock();
      logger.info('station locked after inactivity', { minutes: autoLock.minutes() });
      changed();
    },
  });

  function state(): SessionState {
    const signedIn = user.user();
    return {
      user:
        signedIn === null
          ? null
          : {
              username: signedIn.principal.username,
              displayName: signedIn.principal.displayName,
              role: signedIn.principal.role,
              staySignedIn: signedIn.staySignedIn,
            },
      locked: user.locked(),
      stationAccess: station.access(),
      autoLockMinutes: autoLock.minutes(),
      autoLockAtMs: autoLock.deadlineMs(),
      notice: notice.current(),
    };
  }

  /** The session state after a step that succeeded, told to every listener. */
  const settled = (): IpcResult<SessionState> => {
    changed();
    return ok(state());
  };

  const viewCredential: SessionCredentialSource = async (fresh) => {
    const own = await station.view(fresh);
    if (!own.ok || own.value !== null) return own;
    return user.viewToken(fresh);
  };

  return {
    state,
    onChange: listeners.add,
    async restore() {
      try {
        await station.restore();
        const stored = await vault.refresh();
        if (stored !== null) {
          await user.restore(stored.refreshToken);
          autoLock.restart();
        }
      } catch (error) {
        notice.set(
          `the OS keychain cannot be used, so nobody can stay signed in and this station cannot be enrolled: ${keychainProblem(error)}`,
        );
        logger.warn('the keychain could not be read at start-up', {
          reason: error instanceof VaultError ? error.code : 'unknown',
        });
      }
      changed();
    },
    async signIn(username, password, staySignedIn) {
      const result = await user.signIn(username, password, staySignedIn);
      if (!result.ok) return result;
      autoLock.restart();
      return settled();
    },
    async signOut() {
      await user.signOut();
      return settled();
    },
    lock() {
      const result = user.lock();
      return result.ok ? settled() : result;
    },
    async unlock(password) {
      const result = await user.unlock(password);
      if (!result.ok) return result;
      autoLock.restart();
      return settled();
    },
    noteActivity() {
      if (user.locked() || user.user() === null) return;
      autoLock.restart();
      changed();
    },
    setAutoLockMinutes(minutes) {
      if (autoLock.setMinutes(minutes)) changed();
    },
    async enroll() {
      const admin = user.locked() ? null : await user.current(false);
      if (admin === null || !admin.ok || admin.value === null) {
        return admin !== null && !admin.ok
          ? admin
          : fail('NOT_SIGNED_IN', 'an admin must be signed in (and the station unlocked) to enroll it');
      }
      const result = await station.enroll(admin.value.access.token, admin.value.principal.username);
      return result.ok ? settled() : result;
    },
    async forget() {
      const result = await station.forget();
      if (!result.ok) {
        changed();
        return result;
      }
      user.stayNoLonger();
      return settled();
    },
    controlCredential: async (fresh) => {
      if (user.user() !== null && !user.locked()) {
        const signedIn = await user.current(fresh);
        if (!signedIn.ok) return signedIn;
        if (signedIn.value !== null && !user.locked()) return ok(signedIn.value.access);
      }
      return viewCredential(fresh);
    },
    viewCredential,
    close: () => {
      autoLock.close();
      listeners.clear();
    },
  };
}
