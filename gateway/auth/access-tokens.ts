/**
 * Short-lived access tokens: JWTs (HS256, through `jose`) signed with a key that exists only in this gateway
 * process's memory. A restart therefore invalidates every access token — harmless, since stations hold refresh
 * tokens or station secrets and get new ones within a second — and there is no signing key on disk to steal.
 */
import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { principalSchema, type Principal } from '../../common/identity/principal';

/** A verified token. */
export interface VerifiedAccess {
  readonly principal: Principal;
  /** The refresh session the token belongs to (user tokens), for revocation; null for station tokens. */
  readonly sessionId: string | null;
  readonly expiresAtMs: number;
}

/** Why a token was not accepted. */
export type AccessRefusal = 'TOKEN_EXPIRED' | 'TOKEN_INVALID';

/** Issues and verifies access tokens. */
export interface AccessTokens {
  issue(principal: Principal, sessionId: string | null): Promise<{ token: string; expiresAtMs: number }>;
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
    async issue(principal, sessionId) {
      const issuedAt = Math.floor(now() / 1000);
      const expiresAt = issuedAt + lifetimeSeconds;
      const token = await new SignJWT({ principal, sid: sessionId })
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
        return {
          principal: principal.data,
          sessionId: typeof payload.sid === 'string' ? payload.sid : null,
          expiresAtMs: payload.exp * 1000,
        };
      } catch (error) {
        return error instanceof errors.JWTExpired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID';
      }
    },
  };
}
