/**
 * Everything the station's main side runs, independent of the host that shows it: the embedded gateway (or the
 * address of a remote one), the control link to it, the event hub and the IPC router. Electron and the browser
 * host each start one runtime and attach their transport to it.
 */
import type { StationIdentity } from '../../common/station/station-identity';
import { APP_VERSION } from '../../common/app-version';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import { censusSchema, WARD_EVENTS, type Census } from '../../common/wire/ward-messages';
import type { Logger } from '../../common/logging/logger';
import { startGatewayServer, type GatewayServer } from '../../gateway/gateway-server';
import { createGatewayClock } from '../../gateway/streaming/gateway-clock';
import { buildWard } from '../../gateway/ward-setup';
import { openGatewayLink, type GatewayLink } from '../../common/wire/gateway-link';
import { createEventHub, type EventHub } from '../ipc/event-hub';
import { createIpcRouter, type IpcRouter } from '../ipc/router';
import { createStationHandlers } from '../ipc/station-handlers';
import { createCredentialVault } from '../credentials/credential-vault';
import { credentialStoreStatus } from '../credentials/credential-store-status';
import type { StationOptions } from './station-options';

/** A running station back end. */
export interface StationRuntime {
  readonly router: IpcRouter;
  readonly events: EventHub;
  /** The gateway this station watches. */
  readonly gatewayUrl: string;
  close(): Promise<void>;
}

/** Starts the runtime: the embedded gateway first when no remote one is configured, then the link. */
export async function startStationRuntime(
  options: StationOptions,
  host: StationIdentity['host'],
  logger: Logger,
): Promise<StationRuntime> {
  let embedded: GatewayServer | null = null;
  if (options.gatewayUrl === null) {
    const clock = createGatewayClock();
    const gatewayLogger = logger.child('gateway');
    const beds = await buildWard(options.ward, clock(), gatewayLogger);
    embedded = await startGatewayServer({ host: '127.0.0.1', port: 0, wardName: options.wardName, logger: gatewayLogger, beds, clock });
  }
  const gatewayUrl = embedded?.url ?? (options.gatewayUrl as string);
  const link: GatewayLink = openGatewayLink({
    url: gatewayUrl,
    stationName: options.stationName,
    client: 'station',
    logger: logger.child('link'),
  });
  const events = createEventHub();
  link.onChange((state) => events.publish('gatewayLinkChanged', state));
  let census: Census | null = null;
  link.on(WARD_EVENTS.census, (payload) => {
    const parsed = censusSchema.safeParse(payload);
    if (!parsed.success) {
      logger.error('the gateway sent a census this station cannot read', { issues: summarizeSchemaIssues(parsed.error) });
      return;
    }
    census = parsed.data;
    events.publish('censusChanged', parsed.data);
  });

  const identity = (): StationIdentity => ({
    stationName: options.stationName,
    appVersion: APP_VERSION,
    host,
    gateway: { url: gatewayUrl, embedded: embedded !== null },
    link: link.state(),
  });
  const vault = createCredentialVault();
  const router = createIpcRouter(
    createStationHandlers({ identity, census: () => census, credentialStore: () => credentialStoreStatus(vault) }),
    logger.child('ipc'),
  );

  return {
    router,
    events,
    gatewayUrl,
    close: async () => {
      link.close();
      await embedded?.close();
    },
  };
}
