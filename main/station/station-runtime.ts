/**
 * Everything the station's main side runs, independent of the host that shows it: the embedded gateway (or the
 * address of a remote one), the session (who is signed in, the keychain), the control link to the gateway, the
 * event hub and the IPC router. Electron and the browser host each start one runtime and attach their transport.
 */
import type { StationIdentity } from '../../common/station/station-identity';
import { APP_VERSION } from '../../common/app-version';
import { censusSchema, WARD_EVENTS, type Census } from '../../common/wire/ward-messages';
import { DEFAULT_WARD_SETTINGS, wardSettingsSchema, type WardSettings } from '../../common/wire/ward-settings';
import type { Logger } from '../../common/logging/logger';
import { startWardGateway, type WardGateway } from '../../gateway/ward-gateway';
import { embeddedGatewayFolder } from './embedded-gateway-folder';
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
import { boundAutoLockMinutes, NO_LIMITS } from '../policy/apply-policy';
import type { StationPolicyView } from '../../common/station/station-policy-view';
import { startUpdateService } from '../updates/update-service';
import { accepting } from './accepting';
import { attachStationAlarms } from '../alarms/station-alarms';
import { acknowledgmentQueueFile, MEMORY_ACKNOWLEDGMENT_QUEUE } from '../alarms/acknowledgment-queue-file';

/** A running station back end. */
export interface StationRuntime {
  readonly router: IpcRouter;
  readonly events: EventHub;
  /** The gateway this station watches. */
  readonly gatewayUrl: string;
  /** The ward's other gateways, which the station follows when the leader changes (may be empty). */
  readonly fallbackGatewayUrls: readonly string[];
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
  let embedded: WardGateway | null = null;
  if (options.gatewayUrl === null) {
    // The embedded gateway keeps its data in the station's data folder, laid out as the command-line gateway's.
    const dataDir = options.dataDir === null ? null : embeddedGatewayFolder(options.dataDir, logger);
    embedded = await startWardGateway({
      host: '127.0.0.1',
      port: 0,
      wardName: options.wardName,
      ward: options.ward,
      dataDir,
      logger: logger.child('gateway'),
    });
  }
  const gatewayUrl = embedded?.server.url ?? (options.gatewayUrl as string);
  const fallbackGatewayUrls = embedded === null ? (options.fallbackGatewayUrls ?? []) : [];
  if (embedded === null && options.insecureGateway)
    logger.warn(
      'the gateway link is not encrypted (--insecure-gateway): passwords and tokens cross the network in clear',
      {
        gateway: gatewayUrl,
      },
    );
  const tls = embedded === null ? nodeTlsOptions(options.tls) : null;
  const localGateway = embedded?.server ?? null;
  const session = createStationSession({
    stationName: options.stationName,
    auth: createGatewayAuthClient([gatewayUrl, ...fallbackGatewayUrls], tls),
    vault: new VaultEntries(vault, gatewayVaultKey(options.gatewayUrl)),
    localStationToken:
      localGateway === null
        ? null
        : async () => {
            const issued = await localGateway.auth.localStationToken(options.stationName);
            return { token: issued.token, expiresAtMs: issued.expiresAtMs };
          },
    logger: logger.child('session'),
  });
  await session.restore();

  const link: GatewayLink = openGatewayLink({
    url: gatewayUrl,
    fallbackUrls: fallbackGatewayUrls,
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

  const limits = options.policy?.limits ?? NO_LIMITS;
  const policyView: StationPolicyView = options.policy?.view ?? {
    origin: null,
    place: 'none',
    settings: [],
    minimumVolumePercent: null,
  };
  let wardSettings: WardSettings | null = null;
  const adoptSettings = accepting(wardSettingsSchema, 'ward settings', logger, (settings) => {
    wardSettings = settings;
    // The ward sets the idle minutes; IT's policy may bound them on this computer.
    session.setAutoLockMinutes(boundAutoLockMinutes(settings.station.autoLockMinutes, limits));
    events.publish('wardSettingsChanged', settings);
  });
  link.on(WARD_EVENTS.settingsChanged, adoptSettings);
  link.onChange((state) => {
    if (state.status !== 'connected' || wardSettings !== null) return;
    void link.call('getSettings', {}).then((reply) => {
      if (reply.ok) adoptSettings(reply.value);
      else
        logger.warn('could not read the ward settings; retried at the next connection', {
          code: reply.error.code,
          reason: reply.error.message,
        });
    });
  });

  const alarms = attachStationAlarms(
    link,
    session,
    logger.child('alarms'),
    () => wardSettings?.alarmPolicy.audioPauseSeconds ?? DEFAULT_WARD_SETTINGS.alarmPolicy.audioPauseSeconds,
    // Kept across a restart of the station where it has a data folder (the desktop app always does).
    options.dataDir === null
      ? MEMORY_ACKNOWLEDGMENT_QUEUE
      : acknowledgmentQueueFile(options.dataDir, logger.child('alarms')),
  );
  alarms.onChange((state) => events.publish('alarmsChanged', state));

  const updates = startUpdateService({
    policy: limits.updates,
    currentVersion: APP_VERSION,
    platform: process.platform,
    installer: hostServices.updateInstaller ?? null,
    // In doubt, no restart: while the station cannot see the ward's alarms it counts none as absent.
    standingAlarms: () => {
      const snapshot = alarms.state().snapshot;
      return link.state().status !== 'connected' || snapshot === null ? null : snapshot.alarms.length;
    },
    localMinute: () => {
      const now = new Date();
      return now.getHours() * 60 + now.getMinutes();
    },
    logger: logger.child('updates'),
    onChange: (status) => events.publish('updateStatusChanged', status),
  });

  const identity = (): StationIdentity => ({
    stationName: options.stationName,
    appVersion: APP_VERSION,
    host,
    gateway: {
      url: gatewayUrl,
      fallbackUrls: [...fallbackGatewayUrls],
      embedded: embedded !== null,
      cleartext: embedded === null && options.insecureGateway,
    },
    link: link.state(),
    policy: policyView,
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
      updates,
    }),
    logger.child('ipc'),
  );

  return {
    router,
    events,
    gatewayUrl,
    fallbackGatewayUrls,
    session,
    close: async () => {
      updates.close();
      link.close();
      session.close();
      await embedded?.close();
    },
  };
}
