/**
 * Credentials for a test's gateway links, got as a station gets them: the real sign-in API of whichever of the
 * ward's gateways answers (the standby refuses), cached until the link asks for a fresh one (renewal, refusal).
 */
import type { CredentialSource, LinkCredential } from '../../common/wire/gateway-link';
import { AUTH_PATHS, tokenGrantSchema } from '../../common/wire/gateway-auth';
import type { Role } from '../../common/identity/roles';
import { demoAccount, postAuth } from './gateway-access';

/** A credential source signing in the demo account of `role` at the first of `gatewayUrls` that answers. */
export function signInCredentials(gatewayUrls: readonly string[], role: Role, stationName: string): CredentialSource {
  let cached: LinkCredential | null = null;
  return async (fresh) => {
    if (cached !== null && !fresh) return { ok: true, value: cached };
    const account = demoAccount(role);
    for (const gatewayUrl of gatewayUrls) {
      const answer = await postAuth(gatewayUrl, AUTH_PATHS.signIn, {
        username: account.username,
        password: account.password,
        stationName,
        staySignedIn: false,
      }).catch(() => null);
      const grant = answer?.status === 200 ? tokenGrantSchema.safeParse(answer.body) : null;
      if (grant?.success === true) {
        cached = { token: grant.data.accessToken, expiresAtMs: grant.data.accessExpiresAtMs };
        return { ok: true, value: cached };
      }
    }
    return { ok: false, error: { message: 'no gateway of the ward answered the sign-in' } };
  };
}
