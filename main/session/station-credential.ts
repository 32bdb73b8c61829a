/**
 * The station's own credential, with which it shows the ward when nobody is signed in: a token minted in-process
 * by its embedded gateway, or the enrollment (station id + secret, in the OS keychain) exchanged for a view token.
 * Reading the credential never changes what is stored: an enrollment the gateway refuses is set aside (the
 * station shows it as not enrolled, with a notice) and stays in the keychain until an admin enrolls the station
 * again or forgets it.
 */
import { failFromGateway } from '../../common/ipc/gateway-failures';
import { fail, ok, type IpcResult } from '../../common/ipc/result';
import { describeError, type Logger } from '../../common/logging/logger';
import type { SessionState } from '../../common/station/session-state';
import type { LinkCredential } from '../../common/wire/gateway-link';
import type { GatewayAuthClient } from './gateway-auth-client';
import { keychainProblem } from './keychain-problem';
import type { SessionNotice } from './session-notice';
import type { EnrollmentEntry, VaultEntries } from './vault-entries';

/** What the station credential needs. */
export interface StationCredentialDependencies {
  readonly stationName: string;
  readonly auth: GatewayAuthClient;
  readonly vault: VaultEntries;
  /** Mints a station token in-process when the gateway is embedded; null for a remote gateway. */
  readonly localStationToken: (() => Promise<LinkCredential>) | null;
  readonly notice: SessionNotice;
  readonly logger: Logger;
  readonly now: () => number;
  /** The credential changed by itself (the gateway refused the enrollment). */
  readonly changed: () => void;
}

/** The station credential. */
export interface StationCredential {
  access(): SessionState['stationAccess'];
  /** Reads the enrollment from the keychain. @throws VaultError when the keychain cannot be read. */
  restore(): Promise<void>;
  /** The station's own view token; null when it has none (not enrolled, or its enrollment was refused). */
  view(fresh: boolean): Promise<IpcResult<LinkCredential | null>>;
  /** Enrolls with an admin's access token; the secret goes to the keychain (revoked again if it cannot). */
  enroll(adminToken: string, adminUsername: string): Promise<IpcResult<null>>;
  /** Revokes the enrollment at the gateway and deletes this station's keychain entries. */
  forget(): Promise<IpcResult<null>>;
}

/** Renew a cached token once this much of its life is left. */
const RENEW_BEFORE_MS = 60_000;

/** Creates the station credential (nothing read from the keychain yet). */
export function createStationCredential(dependencies: StationCredentialDependencies): StationCredential {
  const { auth, vault, logger, now, notice } = dependencies;
  let enrollment: EnrollmentEntry | null = null;
  /** The gateway refused the stored enrollment: it is not presented again until replaced or forgotten. */
  let refused = false;
  let token: LinkCredential | null = null;
  const usable = (): boolean => !refused && enrollment !== null;
  const fresh = (candidate: LinkCredential | null): candidate is LinkCredential =>
    candidate !== null && candidate.expiresAtMs - now() > RENEW_BEFORE_MS;

  return {
    access: () => (dependencies.localStationToken !== null ? 'embedded' : usable() ? 'enrolled' : 'none'),
    async restore() {
      enrollment = await vault.enrollment();
      refused = false;
    },
    async view(renew) {
      if (!renew && fresh(token)) return ok(token);
      if (dependencies.localStationToken !== null) {
        try {
          token = await dependencies.localStationToken();
          return ok(token);
        } catch (error) {
          return fail(
            'GATEWAY_UNAVAILABLE',
            `the ward cannot be shown now: this station’s own gateway did not give it a token (${describeError(error)}); the station keeps trying`,
          );
        }
      }
      if (!usable()) return ok(null);
      const granted = await auth.call('stationToken', enrollment as EnrollmentEntry);
      if (granted.ok) {
        token = { token: granted.value.accessToken, expiresAtMs: granted.value.accessExpiresAtMs };
        return ok(token);
      }
      if (granted.error.code !== 'BAD_CREDENTIALS')
        return fail(
          'GATEWAY_UNAVAILABLE',
          `the ward cannot be shown now: the gateway did not give this station its token (${granted.error.message}); the station keeps trying`,
        );
      logger.warn('the gateway refused this station’s enrollment', { code: granted.error.code });
      refused = true;
      token = null;
      notice.set('this station’s enrollment was revoked at the gateway; an admin must enroll it again');
      dependencies.changed();
      return ok(null);
    },
    async enroll(adminToken, adminUsername) {
      const result = await auth.call('enroll', { stationName: dependencies.stationName }, adminToken);
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
      refused = false;
      token = null;
      logger.info('station enrolled', { stationId: entry.stationId, by: adminUsername });
      return ok(null);
    },
    async forget() {
      const current = enrollment;
      enrollment = null;
      refused = false;
      token = null;
      if (current !== null) await auth.call('unenroll', current);
      try {
        await vault.deleteEnrollment();
        await vault.deleteRefresh();
      } catch (error) {
        return fail(
          'KEYCHAIN_FAILED',
          `the gateway forgot this station, but the keychain could not delete its entries: ${keychainProblem(error)}`,
        );
      }
      logger.info('station forgotten', { stationId: current?.stationId ?? null });
      return ok(null);
    },
  };
}
