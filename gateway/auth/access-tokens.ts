/**
 * Short-lived access tokens: JWTs (HS256, through `jose`) signed with a key that exists only in this gateway
 * process's memory. A restart therefore invalidates every access token — harmless, since stations hold refresh
 * tokens or station secrets and get new ones within a second — and there is no signing key on disk to steal.
 */
import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { principalSchema, type Principal } from '../../common/identity/principal';

/**
 * The station a user's session was signed in at, as the gateway verified it: an enrolled station (or the
 * station in the gateway's own process) that vouched for the sign-in with its token — never a name a client typed.
 */
export interface VerifiedStation {
  readonly stationId: string;
  readonly stationName: string;
}

/** A verified token. */
export interface VerifiedAccess {
  readonly principal: Principal;
  /** The refresh session the token belongs to (user tokens), for revocation; null for station tokens. */
  readonly sessionId: string | null;
  readonly expiresAtMs: number;
  /** Where this user signed in, when a station vouched for it; for a station's own token, that station. */
  readonly via: VerifiedStation | null;
}

/** Why a token was not accepted. */
export type AccessRefusal = 'TOKEN_EXPIRED' | 'TOKEN_INVALID';

/** Issues and verifies access tokens. */
export interface AccessTokens {
  issue(
    principal: Principal,
    sessionId: string | null,
    via?: VerifiedStation | null,
  ): Promise<{ token: string; expiresAtMs: number }>;
  verify(token: string): Promise<VerifiedAccess | AccessRefusal>;
  /** How long a token lives. */
  readonly lifetimeSeconds: number;
}

const ISSUER = 'wardwatch-gateway';

/** Creates the token service with a fresh random key. */
export function createAccessTokens(lifetimeSeconds: number, now: () => number = Date.now): AccessTokens {
  const key = randomBytes(32);
  return {
    lifetimeSeconds,
    async issue(principal, sessionId, via = null) {
      const issuedAt = Math.floor(now() / 1000);
      const expiresAt = issuedAt + lifetimeSeconds;
      const station =
        via ??
        (principal.kind === 'station' ? { stationId: principal.stationId, stationName: principal.stationName } : null);
      const token = await new SignJWT({ principal, sid: sessionId, via: station })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(key);
      return { token, expiresAtMs: expiresAt * 1000 };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          currentDate: new Date(now()),
        });
        const principal = principalSchema.safeParse(payload.principal);
        if (!principal.success || typeof payload.exp !== 'number') return 'TOKEN_INVALID';
        const via = payload.via as Partial<VerifiedStation> | null | undefined;
        return {
          principal: principal.data,
          sessionId: typeof payload.sid === 'string' ? payload.sid : null,
          expiresAtMs: payload.exp * 1000,
          via:
            typeof via?.stationId === 'string' && typeof via.stationName === 'string'
              ? { stationId: via.stationId, stationName: via.stationName }
              : null,
        };
      } catch (error) {
        return error instanceof errors.JWTExpired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID';
      }
    },
  };
}
