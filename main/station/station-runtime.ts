/**
 * Everything the station's main side runs, independent of the host that shows it: the embedded gateway (or the
 * address of a remote one), the session (who is signed in, the keychain), the control link to the gateway, the
 * event hub and the IPC router. Electron and the browser host each start one runtime and attach their transport.
 */
import { join } from 'node:path';
import type { StationIdentity } from '../../common/station/station-identity';
import { APP_VERSION } from '../../common/app-version';
import { censusSchema, WARD_EVENTS, type Census } from '../../common/wire/ward-messages';
import { DEFAULT_WARD_SETTINGS, wardSettingsSchema, type WardSettings } from '../../common/wire/ward-settings';
import type { Logger } from '../../common/logging/logger';
import { startGatewayServer, type GatewayServer } from '../../gateway/gateway-server';
import { createGatewayClock } from '../../gateway/streaming/gateway-clock';
import { buildWard } from '../../gateway/ward-setup';
import { startGatewayIdentity, type GatewayIdentity } from '../../gateway/identity/gateway-identity';
import { DisclosureStore } from '../../gateway/disclosure/disclosure-store';
import { openGatewayLink, type GatewayLink } from '../../common/wire/gateway-link';
import { createEventHub, type EventHub } from '../ipc/event-hub';
import { createIpcRouter, type IpcRouter } from '../ipc/router';
import { createStationHandlers, type StationHostServices } from '../ipc/station-handlers';
import { createCredentialVault, type CredentialVault } from '../credentials/credential-vault';
import { credentialStoreStatus } from '../credentials/credential-store-status';
import { createGatewayAuthClient } from '../session/gateway-auth-client';
import { nodeTlsOptions } from '../session/gateway-tls';
import { createStationSession, type StationSession } from '../session/station-session';
import { gatewayVaultKey, VaultEntries } from '../session/vault-entries';
import type { StationOptions } from './station-options';
import { accepting } from './accepting';
import { attachStationAlarms } from '../alarms/station-alarms';

/** A running station back end. */
export interface StationRuntime {
  readonly router: IpcRouter;
  readonly events: EventHub;
  /** The gateway this station watches. */
  readonly gatewayUrl: string;
  readonly session: StationSession;
  close(): Promise<void>;
}

/** Starts the runtime: the embedded gateway first when no remote one is configured, then the session and link. */
export async function startStationRuntime(
  options: StationOptions,
  host: StationIdentity['host'],
  logger: Logger,
  vault: CredentialVault = createCredentialVault(),
  hostServices: StationHostServices = {},
): Promise<StationRuntime> {
  let embedded: GatewayServer | null = null;
  let embeddedIdentity: GatewayIdentity | null = null;
  if (options.gatewayUrl === null) {
    const clock = createGatewayClock();
    const gatewayLogger = logger.child('gateway');
    const beds = await buildWard(options.ward, clock(), gatewayLogger);
    const location = options.dataDir === null ? ({ kind: 'memory' } as const) : ({ kind: 'folder', path: join(options.dataDir, 'gateway-db') } as const);
    embeddedIdentity = startGatewayIdentity(location, options.ward.source.kind === 'sim' ? { kind: 'demo' } : { kind: 'none' }, gatewayLogger.child('identity'));
    const disclosure = options.dataDir === null ? null : new DisclosureStore(join(options.dataDir, 'gateway-disclosure'), gatewayLogger.child('disclosure'));
    embedded = await startGatewayServer({ host: '127.0.0.1', port: 0, wardName: options.wardName, logger: gatewayLogger, beds, clock, identity: embeddedIdentity, disclosure });
  }
  const gatewayUrl = embedded?.url ?? (options.gatewayUrl as string);
  const tls = embedded === null ? nodeTlsOptions(options.tls) : null;
  const localGateway = embedded;
  const session = createStationSession({
    stationName: options.stationName,
    auth: createGatewayAuthClient(gatewayUrl, tls),
    vault: new VaultEntries(vault, gatewayVaultKey(options.gatewayUrl)),
    localStationToken: localGateway === null ? null : async () => {
      const issued = await localGateway.auth.localStationToken(options.stationName);
      return { token: issued.token, expiresAtMs: issued.expiresAtMs };
    },
    logger: logger.child('session'),
  });
  await session.restore();

  const link: GatewayLink = openGatewayLink({
    url: gatewayUrl,
    stationName: options.stationName,
    client: 'station',
    credentials: session.controlCredential,
    logger: logger.child('link'),
    ...(tls === null ? {} : { tls }),
  });
  const events = createEventHub();
  link.onChange((state) => events.publish('gatewayLinkChanged', state));

  // Whoever the control link acts for follows the session: a sign-in, sign-out, lock or enrollment re-presents it.
  let actingFor = '';
  session.onChange((state) => {
    events.publish('sessionChanged', state);
    const next = `${state.user?.username ?? ''}|${String(state.locked)}|${state.stationAccess}`;
    if (next !== actingFor) {
      actingFor = next;
      void link.reauthenticate();
    }
  });

  let census: Census | null = null;
  link.on(
    WARD_EVENTS.census,
    accepting(censusSchema, 'a census', logger, (value) => {
      census = value;
      events.publish('censusChanged', value);
    }),
  );

  let wardSettings: WardSettings | null = null;
  const adoptSettings = accepting(wardSettingsSchema, 'ward settings', logger, (settings) => {
    wardSettings = settings;
    session.setAutoLockMinutes(settings.station.autoLockMinutes);
    events.publish('wardSettingsChanged', settings);
  });
  link.on(WARD_EVENTS.settingsChanged, adoptSettings);
  link.onChange((state) => {
    if (state.status !== 'connected' || wardSettings !== null) return;
    void link.call('getSettings', {}).then((reply) => {
      if (reply.ok) adoptSettings(reply.value);
      else logger.warn('could not read the ward settings; retried at the next connection', { code: reply.error.code, reason: reply.error.message });
    });
  });

  const alarms = attachStationAlarms(link, session, logger.child('alarms'), () => wardSettings?.alarmPolicy.audioPauseSeconds ?? DEFAULT_WARD_SETTINGS.alarmPolicy.audioPauseSeconds);
  alarms.onChange((state) => events.publish('alarmsChanged', state));

  const identity = (): StationIdentity => ({
    stationName: options.stationName,
    appVersion: APP_VERSION,
    host,
    gateway: { url: gatewayUrl, embedded: embedded !== null },
    link: link.state(),
  });
  const router = createIpcRouter(
    createStationHandlers({
      identity,
      census: () => census,
      credentialStore: () => credentialStoreStatus(vault),
      session,
      wardSettings: () => wardSettings,
      alarms,
      link,
      host: hostServices,
    }),
    logger.child('ipc'),
  );

  return {
    router,
    events,
    gatewayUrl,
    session,
    close: async () => {
      link.close();
      session.close();
      await embedded?.close();
      await embeddedIdentity?.close();
    },
  };
}
