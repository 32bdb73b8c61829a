/**
 * The handlers behind the station API. Each is small and gets what it needs injected, so that a unit test can
 * run it without a gateway.
 */
import { ok } from '../../common/ipc/result';
import type { StationIdentity } from '../../common/station/station-identity';
import type { Census } from '../../common/wire/ward-messages';
import type { CredentialStoreStatus } from '../../common/station/credential-store-status';
import type { CallHandlers } from './router';

/** What the handlers read from the running station. */
export interface StationHandlerDependencies {
  readonly identity: () => StationIdentity;
  /** The latest census from the gateway, or null before the first. */
  readonly census: () => Census | null;
  readonly credentialStore: () => Promise<CredentialStoreStatus>;
}

/** One handler per contract method. */
export function createStationHandlers(dependencies: StationHandlerDependencies): CallHandlers {
  return {
    getStationIdentity: async () => ok(dependencies.identity()),
    getCensus: async () => ok(dependencies.census()),
    getCredentialStoreStatus: async () => ok(await dependencies.credentialStore()),
  };
}
