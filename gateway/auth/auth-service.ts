/**
 * Sign-in, refresh, sign-out, enrollment and station tokens: the gateway's authentication rules in one place,
 * over the identity stores. Every answer is a value — a grant or a refusal with a code and a sentence — so the
 * HTTP layer only translates, and tests drive the rules directly as well as over HTTP.
 */
import type { Principal, UserPrincipal } from '../../common/identity/principal';
import { mayPerform, refusalMessage } from '../../common/identity/permissions';
import type { AuthErrorCode, AuthReply, AuthRequest, TokenGrant } from '../../common/wire/gateway-auth';
import { describeError, type Logger } from '../../common/logging/logger';
import type { IdentityStores } from '../identity/gateway-identity';
import type { UserRecord } from '../identity/user-store';
import type { AccessTokens, VerifiedAccess, VerifiedStation } from './access-tokens';
import type { IssuedSession } from './session-store';
import type { PasswordCheckGate } from './password-check-gate';
import type { SignInLimiter, SignInSource } from './sign-in-limiter';
import { NO_SECURITY_EVENTS, type SecurityEvents } from '../security/security-log';

/** A refusal of the sign-in API. */
export interface AuthRefusal {
  readonly ok: false;
  readonly code: AuthErrorCode;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

/** An answer of the sign-in API. */
export type AuthOutcome<T> = { readonly ok: true; readonly value: T } | AuthRefusal;

/** Where a request came from, for rate limiting and logs. */
export interface AuthCaller {
  readonly address: string;
  /** The `Authorization: Bearer` token, when one was sent. */
  readonly bearer: string | null;
}

/** A revocation handle a token carries: its session or its station enrollment (see socket-auth.ts). */
export type RevocationHandle = `session:${string}` | `station:${string}`;

/** The service. */
export interface AuthService {
  signIn(request: AuthRequest<'signIn'>, caller: AuthCaller): Promise<AuthOutcome<AuthReply<'signIn'>>>;
  refresh(request: AuthRequest<'refresh'>): Promise<AuthOutcome<AuthReply<'refresh'>>>;
  signOut(request: AuthRequest<'signOut'>): Promise<AuthOutcome<AuthReply<'signOut'>>>;
  viewToken(caller: AuthCaller): Promise<AuthOutcome<AuthReply<'viewToken'>>>;
  enroll(request: AuthRequest<'enroll'>, caller: AuthCaller): Promise<AuthOutcome<AuthReply<'enroll'>>>;
  stationToken(request: AuthRequest<'stationToken'>): Promise<AuthOutcome<AuthReply<'stationToken'>>>;
  unenroll(request: AuthRequest<'unenroll'>): Promise<AuthOutcome<AuthReply<'unenroll'>>>;
  /** Verifies an access token and that its session or enrollment still stands. */
  verifyAccess(token: string): Promise<VerifiedAccess | 'TOKEN_EXPIRED' | 'TOKEN_INVALID'>;
  /** A token for a station running in this very process (the embedded gateway): trusted without a secret. */
  localStationToken(stationName: string): Promise<{ token: string; expiresAtMs: number }>;
}

/** Called when a session or enrollment ends, so that its live sockets are dropped. */
export type RevocationListener = (handle: RevocationHandle) => void;

function refuse(code: AuthErrorCode, message: string, retryAfterSeconds?: number): AuthRefusal {
  return retryAfterSeconds === undefined
    ? { ok: false, code, message }
    : { ok: false, code, message, retryAfterSeconds };
}

function userPrincipal(user: UserRecord, scope: UserPrincipal['scope']): UserPrincipal {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scope,
  };
}

/** Builds the service. `stores` is the background-opened database; until it is open, sign-in is unavailable. */
export function createAuthService(
  stores: Promise<IdentityStores> | null,
  tokens: AccessTokens,
  limiter: SignInLimiter,
  passwordChecks: PasswordCheckGate,
  onRevoked: RevocationListener,
  logger: Logger,
  security: SecurityEvents = NO_SECURITY_EVENTS,
): AuthService {
  let opened: IdentityStores | null = null;
  let failed: string | null = stores === null ? 'this gateway has no user database' : null;
  stores?.then(
    (ready) => (opened = ready),
    (error: unknown) => (failed = `the user database could not be opened (${describeError(error)})`),
  );
  const withStores = async <T>(run: (ready: IdentityStores) => Promise<AuthOutcome<T>>): Promise<AuthOutcome<T>> => {
    if (opened === null) {
      // Sign-in during the first seconds after start waits for the database rather than failing.
      if (stores !== null && failed === null) await stores.catch(() => undefined);
      if (opened === null)
        return refuse('UNAVAILABLE', `sign-in is unavailable: ${failed ?? 'the user database is not open'}`);
    }
    return run(opened);
  };

  const grant = async (session: IssuedSession): Promise<TokenGrant> => {
    const user = userPrincipal(session.user, 'full');
    const access = await tokens.issue(user, `session:${session.sessionId}`, session.via);
    return {
      accessToken: access.token,
      accessExpiresAtMs: access.expiresAtMs,
      refreshToken: session.refreshToken,
      refreshExpiresAtMs: session.expiresAtMs,
      user,
    };
  };

  const bearerPrincipal = async (caller: AuthCaller): Promise<AuthOutcome<VerifiedAccess>> => {
    if (caller.bearer === null)
      return refuse('TOKEN_INVALID', 'this request needs an access token (Authorization: Bearer …)');
    const verified = await service.verifyAccess(caller.bearer);
    if (verified === 'TOKEN_EXPIRED')
      return refuse('TOKEN_EXPIRED', 'the access token has expired; refresh it and try again');
    if (verified === 'TOKEN_INVALID') return refuse('TOKEN_INVALID', 'the access token is not valid for this gateway');
    return { ok: true, value: verified };
  };

  /** An enrolled station vouches for a sign-in with its own token; anything else is known by its address. */
  const signInSource = async (caller: AuthCaller): Promise<{ source: SignInSource; via: VerifiedStation | null }> => {
    if (caller.bearer !== null) {
      const verified = await service.verifyAccess(caller.bearer);
      if (typeof verified !== 'string' && verified.principal.kind === 'station') {
        const { stationId, stationName } = verified.principal;
        return { source: { kind: 'station', stationId }, via: { stationId, stationName } };
      }
    }
    return { source: { kind: 'address', address: caller.address }, via: null };
  };

  const service: AuthService = {
    signIn: (request, caller) =>
      withStores(async ({ users, sessions }) => {
        const { source, via } = await signInSource(caller);
        const begun = limiter.begin(request.username, source);
        if (!begun.ok) {
          const named = await loggableUsername(users, request.username);
          security.record('sign-in-rate-limited', {
            severity: 'warning',
            source: describeSource(source),
            username: named.known ? named.username : null,
            message: `sign-in held back by the ${begun.limit === 'user' ? 'account' : 'source'} limit for ${begun.retryAfterSeconds} s`,
          });
          return refuse(
            'RATE_LIMITED',
            begun.cause === 'failures'
              ? `too many failed sign-ins; try again in ${begun.retryAfterSeconds} s`
              : `too many sign-ins for this account at once; try again in ${begun.retryAfterSeconds} s`,
            begun.retryAfterSeconds,
          );
        }
        let user: UserRecord | null | 'BUSY';
        try {
          user = await passwordChecks.run(() => users.verify(request.username, request.password));
        } catch (error) {
          begun.abandoned();
          throw error;
        }
        if (user === 'BUSY') {
          begun.abandoned();
          logger.warn('sign-in refused: too many password checks at once', { source: describeSource(source) });
          return refuse('RATE_LIMITED', 'the gateway is busy checking sign-ins; try again in 1 s', 1);
        }
        if (user === null) {
          begun.failed();
          // The typed name is logged only when it names an account: an unknown one is often a password typed
          // into the wrong field.
          const named = await loggableUsername(users, request.username);
          logger.warn('sign-in failed', {
            username: named.username,
            station: request.stationName,
            source: describeSource(source),
          });
          security.record('sign-in-failed', {
            severity: 'notice',
            source: describeSource(source),
            username: named.known ? named.username : null,
            message: named.known
              ? 'wrong password, or the account is disabled'
              : 'a username that names no account (not recorded: it may be a password)',
          });
          return refuse('BAD_CREDENTIALS', 'the username or password is wrong, or the account is disabled');
        }
        begun.succeeded();
        const session = await sessions.start(user, request.stationName, request.staySignedIn, via);
        logger.info('signed in', {
          username: user.username,
          role: user.role,
          station: request.stationName,
          staySignedIn: request.staySignedIn,
        });
        security.record('signed-in', {
          severity: 'info',
          source: describeSource(source),
          username: user.username,
          message: `signed in as ${user.role}${via === null ? ` at an unenrolled station calling itself "${request.stationName}"` : ` at ${via.stationName}`}`,
        });
        return { ok: true, value: await grant(session) };
      }),
    refresh: (request) =>
      withStores(async ({ sessions }) => {
        const session = await sessions.rotate(request.refreshToken);
        if (session !== null && 'reused' in session) {
          onRevoked(`session:${session.reused}`);
          security.record('refresh-token-reused', {
            severity: 'warning',
            source: `session ${session.reused}`,
            username: session.username,
            message: 'a rotated refresh token was presented again: the whole session was ended',
          });
          return refuse(
            'TOKEN_INVALID',
            'this sign-in was ended because its refresh token was used twice (a copy of it may exist elsewhere); sign in again',
          );
        }
        if (session === null)
          return refuse(
            'TOKEN_INVALID',
            'the session has ended (signed out, expired, replaced or the account disabled); sign in again',
          );
        return { ok: true, value: await grant(session) };
      }),
    signOut: (request) =>
      withStores(async ({ sessions }) => {
        const ended = await sessions.revokeByToken(request.refreshToken, 'signed out');
        if (ended !== null) {
          onRevoked(`session:${ended}`);
          logger.info('signed out', { session: ended });
        }
        return { ok: true, value: { signedOut: ended !== null } };
      }),
    viewToken: async (caller) => {
      const bearer = await bearerPrincipal(caller);
      if (!bearer.ok) return bearer;
      const { principal, sessionId } = bearer.value;
      const view: Principal = principal.kind === 'user' ? { ...principal, scope: 'view' } : principal;
      const issued = await tokens.issue(view, sessionId);
      return { ok: true, value: { accessToken: issued.token, accessExpiresAtMs: issued.expiresAtMs } };
    },
    enroll: (request, caller) =>
      withStores(async ({ stations }) => {
        const bearer = await bearerPrincipal(caller);
        if (!bearer.ok) return bearer;
        const { principal } = bearer.value;
        if (!mayPerform(principal, 'station.enroll') || principal.kind !== 'user')
          return refuse('FORBIDDEN', refusalMessage(principal, 'station.enroll'));
        const enrolled = await stations.enroll(request.stationName, { id: principal.userId });
        security.record('station-enrolled', {
          severity: 'notice',
          source: caller.address,
          username: principal.username,
          message: `station "${enrolled.stationName}" enrolled as ${enrolled.stationId}`,
        });
        return { ok: true, value: enrolled };
      }),
    stationToken: (request) =>
      withStores(async ({ stations }) => {
        const station = await stations.verify(request.stationId, request.secret);
        if (station === null)
          return refuse(
            'BAD_CREDENTIALS',
            'this station is not enrolled (or was forgotten); an admin must enroll it again',
          );
        const issued = await tokens.issue(
          { kind: 'station', stationId: station.stationId, stationName: station.stationName, scope: 'view' },
          `station:${station.stationId}`,
        );
        return {
          ok: true,
          value: { accessToken: issued.token, accessExpiresAtMs: issued.expiresAtMs, stationName: station.stationName },
        };
      }),
    unenroll: (request) =>
      withStores<AuthReply<'unenroll'>>(async ({ stations }) => {
        const station = await stations.verify(request.stationId, request.secret);
        if (station === null) return { ok: true, value: { forgotten: false } };
        await stations.revoke(station.stationId);
        onRevoked(`station:${station.stationId}`);
        security.record('station-forgotten', {
          severity: 'notice',
          source: station.stationId,
          message: `station "${station.stationName}" (${station.stationId}) forgotten by itself`,
        });
        return { ok: true, value: { forgotten: true } };
      }),
    async verifyAccess(token) {
      const verified = await tokens.verify(token);
      if (typeof verified === 'string' || verified.sessionId === null) return verified;
      const [kind, id] = splitHandle(verified.sessionId);
      if (opened === null) return 'TOKEN_INVALID';
      const active =
        kind === 'session'
          ? await opened.sessions.isActive(id)
          : kind === 'station'
            ? await opened.stations.isActive(id)
            : false;
      return active ? verified : 'TOKEN_INVALID';
    },
    localStationToken: (stationName) =>
      tokens.issue({ kind: 'station', stationId: 'embedded', stationName, scope: 'view' }, null),
  };
  return service;
}

function describeSource(source: SignInSource): string {
  return source.kind === 'station' ? `enrolled station ${source.stationId}` : source.address;
}

async function loggableUsername(
  users: IdentityStores['users'],
  username: string,
): Promise<{ username: string; known: boolean }> {
  const known = await users.exists(username);
  return { username: known ? username : '(no such account)', known };
}

function splitHandle(handle: string): [string, string] {
  const at = handle.indexOf(':');
  return [handle.slice(0, at), handle.slice(at + 1)];
}
