/**
 * The user signed in at this station: their tokens (in memory only), the refresh that keeps the access token
 * fresh (one at a time), lock and unlock, a user switch, sign-out, and the stay-signed-in refresh token in the OS
 * keychain. Every method answers a result; a gateway that cannot be reached is GATEWAY_UNAVAILABLE with a
 * sentence that says what still works.
 */
import { failFromGateway } from '../../common/ipc/gateway-failures';
import { fail, ok, type IpcResult } from '../../common/ipc/result';
import type { UserPrincipal } from '../../common/identity/principal';
import type { Logger } from '../../common/logging/logger';
import type { LinkCredential } from '../../common/wire/gateway-link';
import type { TokenGrant } from '../../common/wire/gateway-auth';
import type { GatewayError } from '../../common/wire/gateway-reply';
import type { GatewayAuthClient } from './gateway-auth-client';
import type { SessionNotice } from './session-notice';
import { keychainProblem } from './keychain-problem';
import { VaultError } from '../credentials/vault-errors';
import type { VaultEntries } from './vault-entries';

/** A signed-in user, as main holds them. */
export interface SignedInUser {
  readonly principal: UserPrincipal;
  readonly access: LinkCredential;
  readonly refreshToken: string;
  /** Their refresh token is in the keychain (false when the keychain refused it). */
  staySignedIn: boolean;
}

/** What the user session needs. */
export interface UserSessionDependencies {
  readonly stationName: string;
  readonly auth: GatewayAuthClient;
  readonly vault: VaultEntries;
  readonly notice: SessionNotice;
  readonly logger: Logger;
  readonly now: () => number;
  /** The session changed by itself (it ended at the gateway). */
  readonly changed: () => void;
  /**
   * This station's own token, when it has one: sent with a sign-in so that the gateway counts failed tries at
   * this station apart from guesses elsewhere, and a nurse is never slowed at her station by someone else.
   */
  readonly stationProof: () => Promise<string | null>;
}

/** The user session. */
export interface UserSession {
  user(): SignedInUser | null;
  locked(): boolean;
  signIn(username: string, password: string, staySignedIn: boolean): Promise<IpcResult<SignedInUser>>;
  signOut(): Promise<IpcResult<null>>;
  lock(): IpcResult<null>;
  unlock(password: string): Promise<IpcResult<SignedInUser>>;
  /** The stay-signed-in user from the keychain, if their refresh token still works. */
  restore(refreshToken: string): Promise<void>;
  /** The user with an access token valid for a while yet (refreshed when needed, or when `fresh`); null: nobody. */
  current(fresh: boolean): Promise<IpcResult<SignedInUser | null>>;
  /** A view-only copy of the user's token (for the stream worker); null when nobody is signed in. */
  viewToken(fresh: boolean): Promise<IpcResult<LinkCredential | null>>;
  /** The keychain entries were deleted (the station was forgotten): the user no longer stays signed in. */
  stayNoLonger(): void;
}

/** Renew a cached token once this much of its life is left. */
const RENEW_BEFORE_MS = 60_000;

/** Creates the user session (nobody signed in). */
export function createUserSession(dependencies: UserSessionDependencies): UserSession {
  const { auth, vault, logger, now, notice } = dependencies;
  let user: SignedInUser | null = null;
  let locked = false;
  let viewCopy: LinkCredential | null = null;
  let refreshing: Promise<IpcResult<SignedInUser | null>> | null = null;

  /** Keeps (or forgets) the stay-signed-in entry; a keychain failure becomes a notice, never a failed sign-in. */
  const persist = async (signedIn: SignedInUser): Promise<void> => {
    try {
      if (signedIn.staySignedIn)
        await vault.saveRefresh({ username: signedIn.principal.username, refreshToken: signedIn.refreshToken });
      else await vault.deleteRefresh();
    } catch (error) {
      if (!signedIn.staySignedIn) return;
      signedIn.staySignedIn = false;
      notice.set(`signed in, but this station cannot keep you signed in: ${keychainProblem(error)}`);
      logger.warn('stay signed in is not possible: the keychain refused', {
        reason: error instanceof VaultError ? error.code : 'unknown',
      });
    }
  };

  const adopt = async (grant: TokenGrant, staySignedIn: boolean): Promise<SignedInUser> => {
    const adopted: SignedInUser = {
      principal: grant.user,
      access: { token: grant.accessToken, expiresAtMs: grant.accessExpiresAtMs },
      refreshToken: grant.refreshToken,
      staySignedIn,
    };
    viewCopy = null;
    await persist(adopted);
    return adopted;
  };

  /** The session ended at the gateway: forget the user, say why. */
  const ended = async (reason: string): Promise<void> => {
    if (user === null) return;
    logger.info('the session ended at the gateway', { username: user.principal.username });
    if (user.staySignedIn) await vault.deleteRefresh().catch(() => undefined);
    user = null;
    locked = false;
    viewCopy = null;
    notice.set(`your session ended (${reason}); sign in again`);
    dependencies.changed();
  };

  const sessionEnded = (error: GatewayError): boolean =>
    error.code === 'TOKEN_INVALID' || error.code === 'TOKEN_EXPIRED';

  const current = (fresh: boolean): Promise<IpcResult<SignedInUser | null>> => {
    const signedIn = user;
    if (signedIn === null) return Promise.resolve(ok(null));
    if (!fresh && signedIn.access.expiresAtMs - now() > RENEW_BEFORE_MS) return Promise.resolve(ok(signedIn));
    refreshing ??= (async (): Promise<IpcResult<SignedInUser | null>> => {
      const result = await auth.call('refresh', { refreshToken: signedIn.refreshToken });
      if (!result.ok) {
        if (sessionEnded(result.error)) {
          await ended(result.error.message);
          return ok(null);
        }
        // The gateway is unreachable or busy: keep the token while it lasts; afterwards the caller retries.
        logger.warn('could not refresh the session; retrying', { code: result.error.code });
        if (signedIn.access.expiresAtMs > now()) return ok(signedIn);
        return fail(
          'GATEWAY_UNAVAILABLE',
          `your session cannot be renewed now (${result.error.message}); the station keeps trying, and you stay signed in`,
        );
      }
      if (user !== signedIn) return ok(user);
      user = await adopt(result.value, signedIn.staySignedIn);
      return ok(user);
    })().finally(() => (refreshing = null));
    return refreshing;
  };

  const signIn = async (
    username: string,
    password: string,
    staySignedIn: boolean,
  ): Promise<IpcResult<SignedInUser>> => {
    const proof = await dependencies.stationProof().catch(() => null);
    const result = await auth.call(
      'signIn',
      { username, password, stationName: dependencies.stationName, staySignedIn },
      proof ?? undefined,
    );
    if (!result.ok) return failFromGateway(result.error);
    const previous = user;
    notice.set(null);
    const signedIn = await adopt(result.value, staySignedIn);
    user = signedIn;
    locked = false;
    // The previous session (another user's, or the same user's before an unlock) ends now.
    if (previous !== null) {
      await auth.call('signOut', { refreshToken: previous.refreshToken });
      if (previous.staySignedIn && previous.principal.username !== username)
        logger.info('previous user signed out by a user switch', { username: previous.principal.username });
    }
    logger.info('user signed in at the station', {
      username: result.value.user.username,
      role: result.value.user.role,
      staySignedIn: signedIn.staySignedIn,
    });
    return ok(signedIn);
  };

  return {
    user: () => user,
    locked: () => user !== null && locked,
    signIn,
    async signOut() {
      const leaving = user;
      if (leaving === null) return ok(null);
      user = null;
      locked = false;
      viewCopy = null;
      notice.set(null);
      await auth.call('signOut', { refreshToken: leaving.refreshToken });
      try {
        await vault.deleteRefresh();
      } catch (error) {
        notice.set(`signed out, but the keychain could not delete the stored sign-in: ${keychainProblem(error)}`);
      }
      logger.info('user signed out at the station', { username: leaving.principal.username });
      return ok(null);
    },
    lock() {
      if (user === null) return fail('NOT_SIGNED_IN', 'nobody is signed in; there is nothing to lock');
      locked = true;
      return ok(null);
    },
    async unlock(password) {
      if (user === null) return fail('NOT_SIGNED_IN', 'nobody is signed in; sign in instead');
      return signIn(user.principal.username, password, user.staySignedIn);
    },
    async restore(refreshToken) {
      const result = await auth.call('refresh', { refreshToken });
      if (result.ok) {
        user = await adopt(result.value, true);
        logger.info('stay-signed-in user restored from the keychain', { username: result.value.user.username });
      } else if (sessionEnded(result.error)) {
        await vault.deleteRefresh();
        notice.set('the stored sign-in has ended; sign in again');
      } else {
        notice.set(`could not restore the stored sign-in: ${result.error.message}`);
      }
    },
    current,
    async viewToken(fresh) {
      if (!fresh && viewCopy !== null && viewCopy.expiresAtMs - now() > RENEW_BEFORE_MS) return ok(viewCopy);
      // When the gateway no longer knows the user's token (it restarted with a new signing key), the session is
      // refreshed once and the copy asked for again.
      for (const renew of [false, true]) {
        const signedIn = await current(renew);
        if (!signedIn.ok || signedIn.value === null) return signedIn.ok ? ok(null) : signedIn;
        const view = await auth.call('viewToken', {}, signedIn.value.access.token);
        if (view.ok) {
          viewCopy = { token: view.value.accessToken, expiresAtMs: view.value.accessExpiresAtMs };
          return ok(viewCopy);
        }
        if (!sessionEnded(view.error))
          return fail(
            'GATEWAY_UNAVAILABLE',
            `the ward cannot be shown now (${view.error.message}); the station keeps trying`,
          );
      }
      return ok(null);
    },
    stayNoLonger() {
      if (user !== null) user.staySignedIn = false;
    },
  };
}
