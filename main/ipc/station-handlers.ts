/**
 * The handlers behind the station API. Each is small and gets what it needs injected, so that a unit test can
 * run it without a gateway.
 */
import { fail, ok, type IpcResult } from '../../common/ipc/result';
import type { StationIdentity } from '../../common/station/station-identity';
import type { Census } from '../../common/wire/ward-messages';
import type { CredentialStoreStatus } from '../../common/station/credential-store-status';
import type { WardSettings } from '../../common/wire/ward-settings';
import type { StationSession } from '../session/station-session';
import type { StationAlarmDesk } from '../alarms/station-alarms';
import type { GatewayLink } from '../../common/wire/gateway-link';
import { forwardGatewayRequest } from './gateway-forwarder';
import { rolesAllowedPhrase, sessionMay, withArticle } from '../../common/identity/permissions';
import type { UpdateInstaller, UpdateService } from '../updates/update-service';
import type { CallerContext, CallHandlers } from './router';

/** What the handlers read from the running station. */
export interface StationHandlerDependencies {
  readonly identity: () => StationIdentity;
  /** The latest census from the gateway, or null before the first. */
  readonly census: () => Census | null;
  readonly credentialStore: () => Promise<CredentialStoreStatus>;
  readonly session: StationSession;
  /** The ward settings as last received, or null. */
  readonly wardSettings: () => WardSettings | null;
  readonly alarms: StationAlarmDesk;
  /** The control link, for requests the gateway answers itself (history). */
  readonly link: GatewayLink;
  /** What only some hosts can do (the desktop app's PDF export). */
  readonly host: StationHostServices;
  /** The station's controlled updates. */
  readonly updates: UpdateService;
}

/** Services a host adds to the station API (Electron: printToPDF); a browser host has none. */
export interface StationHostServices {
  /** Saves the calling window as a PDF, asking the user where. */
  readonly saveAsPdf?: (caller: CallerContext, title: string) => Promise<IpcResult<{ savedTo: string }>>;
  /** Downloads, verifies and installs updates (the desktop app's electron-updater). */
  readonly updateInstaller?: UpdateInstaller;
}

/** One handler per contract method. */
export function createStationHandlers(dependencies: StationHandlerDependencies): CallHandlers {
  const { session } = dependencies;
  const signedIn = (): boolean => {
    const state = session.state();
    return state.user !== null && !state.locked;
  };
  const notSignedIn = () => fail('NOT_SIGNED_IN', 'sign in as an admin (and unlock the station) to change settings');
  return {
    getStationIdentity: async () => ok(dependencies.identity()),
    getCensus: async () => ok(dependencies.census()),
    getCredentialStoreStatus: async () => ok(await dependencies.credentialStore()),
    getSession: async () => ok(session.state()),
    signIn: (request) => session.signIn(request.username, request.password, request.staySignedIn),
    signOut: () => session.signOut(),
    lockStation: async () => session.lock(),
    unlockStation: (request) => session.unlock(request.password),
    noteActivity: async () => {
      session.noteActivity();
      return ok(null);
    },
    getStreamCredential: (request) => session.viewCredential(request.fresh),
    enrollStation: () => session.enroll(),
    forgetStation: () => session.forget(),
    getWardSettings: async () => ok(dependencies.wardSettings()),
    // Settings and policy changes go to the gateway, which checks that the user is an admin.
    updateStationSettings: async (changes) =>
      signedIn() ? forwardGatewayRequest(dependencies.link, 'setStationSettings', changes) : notSignedIn(),
    updateAlarmPolicy: async (changes) =>
      signedIn() ? forwardGatewayRequest(dependencies.link, 'setAlarmPolicy', changes) : notSignedIn(),
    getAlarms: async () => ok(dependencies.alarms.state()),
    acknowledgeAlarm: (request) => dependencies.alarms.acknowledge(request.alarmId),
    resetAlarm: (request) => dependencies.alarms.reset(request.alarmId),
    pauseAlarmAudio: () => dependencies.alarms.pauseAudio(),
    pauseCommsLostAudio: async () => dependencies.alarms.pauseCommsLost(),
    dismissAcknowledgment: async ({ idempotencyKey }) => dependencies.alarms.dismissAcknowledgment(idempotencyKey),
    getAlarmHistory: (request) => forwardGatewayRequest(dependencies.link, 'historyAlarms', request),
    getAlarmDetail: (request) => forwardGatewayRequest(dependencies.link, 'historyDetail', request),
    getWaveformStrip: (request) => forwardGatewayRequest(dependencies.link, 'historyStrip', request),
    getAlarmStats: (request) => forwardGatewayRequest(dependencies.link, 'historyStats', request),
    getSecurityLog: (request) => forwardGatewayRequest(dependencies.link, 'securityLog', request),
    listUsers: () => forwardGatewayRequest(dependencies.link, 'listUsers', {}),
    listDevices: () => forwardGatewayRequest(dependencies.link, 'listDevices', {}),
    assignDevice: (request) => forwardGatewayRequest(dependencies.link, 'assignDevice', request),
    sendVitals: (request) => forwardGatewayRequest(dependencies.link, 'sendVitals', request),
    chartObservations: (request) => forwardGatewayRequest(dependencies.link, 'chartObservations', request),
    listRemote: () => forwardGatewayRequest(dependencies.link, 'listRemote', {}),
    enrollRemote: (request) => forwardGatewayRequest(dependencies.link, 'enrollRemote', request),
    registerRemoteDevice: (request) => forwardGatewayRequest(dependencies.link, 'registerRemoteDevice', request),
    getTrends: (request) => forwardGatewayRequest(dependencies.link, 'trends', request),
    setUserDisabled: (request) => forwardGatewayRequest(dependencies.link, 'setUserDisabled', request),
    resetUserPassword: (request) => forwardGatewayRequest(dependencies.link, 'resetUserPassword', request),
    addUser: (request) => forwardGatewayRequest(dependencies.link, 'addUser', request),
    saveReportAsPdf: async (request, caller) =>
      dependencies.host.saveAsPdf === undefined
        ? fail('UNSUPPORTED', 'this host saves no PDFs; use the print dialog (Save as PDF)')
        : dependencies.host.saveAsPdf(caller, request.title),
    getUpdateStatus: async () => ok(dependencies.updates.status()),
    checkForUpdate: async () => ok(await dependencies.updates.checkNow()),
    // Installing restarts the station, so only an admin at an unlocked station may, and only when the decision
    // (no alarm standing, IT's policy) allows it; the reason is shown when it does not.
    installUpdate: async () => {
      const state = session.state();
      if (state.user === null || state.locked) return fail('NOT_SIGNED_IN', 'sign in as an admin to install an update');
      if (!sessionMay(state, 'station.update'))
        return fail(
          'FORBIDDEN',
          `${withArticle(state.user.role)} may not install updates; only ${rolesAllowedPhrase('station.update')} may`,
        );
      const decision = dependencies.updates.installByAdmin();
      return decision.allowed
        ? ok(dependencies.updates.status())
        : fail('REFUSED', `the update cannot be installed now: ${decision.reason}`);
    },
  };
}
