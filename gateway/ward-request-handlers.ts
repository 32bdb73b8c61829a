/**
 * What the gateway does for each socket request once socket-auth.ts has authorized and validated it: ward
 * subscriptions, ward settings and alarm policy (admin), acknowledgment and reset of alarms and AUDIO PAUSED
 * (clinicians, through the alarm service and its journal), the alarm history, and the demo ward's simulator.
 */
import type { Server, Socket } from 'socket.io';
import type { Principal, UserPrincipal } from '../common/identity/principal';
import type { Logger } from '../common/logging/logger';
import { gatewayOk, gatewayRefusal, type GatewayError, type GatewayReply } from '../common/wire/gateway-reply';
import { WARD_EVENTS } from '../common/wire/ward-messages';
import {
  WARD_REQUESTS,
  type WardReplyValue,
  type WardRequestName,
  type WardRequestPayload,
} from '../common/wire/ward-requests';
import { DEFAULT_WARD_SETTINGS, type WardSettings } from '../common/wire/ward-settings';
import type { SettingsChanges, WardSettingsStore } from './auth/ward-settings-store';
import {
  guardRequest,
  journalStationOf,
  runGuardedRequest,
  type AuthorizedHandler,
  type RequestOrigin,
  type SocketAuthCounters,
} from './auth/socket-auth';
import type { StreamHub } from './streaming/stream-hub';
import type { WardAlarmService } from './alarms/ward-alarm-service';
import type { AlarmEventInput, AlarmJournal } from './alarms/alarm-journal';
import type { AlarmHistory } from './alarms/alarm-history';
import type { DisclosureStore } from './disclosure/disclosure-store';
import { int16ToBase64, type Strip } from '../common/wire/history-messages';
import type { CensusLookup } from './streaming/census-lookup';
import { UserStoreError, type UserRecord, type UserStore } from './identity/user-store';
import type { RevocationHandle } from './auth/auth-service';
import type { SecurityEventLog } from './security/security-log';
import type { DeviceIntake } from './devices/device-intake';
import type { TrendStore } from './trends/trend-store';
import type { EarlyWarningService } from './scores/early-warning-service';
import type { RemoteProgramme } from './remote/remote-programme';

/** What the handlers work on. */
export interface WardRequestContext {
  readonly io: Server;
  readonly hub: StreamHub;
  readonly alarms: WardAlarmService;
  /** Settings in the database; null while it opens or when the gateway has none (then defaults are served). */
  readonly settings: () => WardSettingsStore | null;
  /** The alarm journal; null while the database opens. */
  readonly journal: () => AlarmJournal | null;
  /** History queries; null while the database opens. */
  readonly history: () => AlarmHistory | null;
  /** Full disclosure; null for a gateway that keeps none (no data folder). */
  readonly disclosure: DisclosureStore | null;
  /** The channels each bed streams. */
  readonly channelsOf: CensusLookup;
  /** Journals an admin's settings change (through the alarm service's queue: in order with the alarm events). */
  readonly journalSettingsChange: (event: AlarmEventInput) => Promise<void>;
  /** Called after an admin changed the settings (the alarm engine takes the new policy). */
  readonly settingsChanged: (settings: WardSettings) => void;
  /** The security event log (user and settings changes go there too). */
  readonly security: SecurityEventLog;
  /** The users; null while the database opens or when the gateway has none. */
  readonly users: () => UserStore | null;
  /** Drops the live connections of an ended session. */
  readonly revoke: (handle: RevocationHandle) => void;
  /** Switches a simulated bed's scenario; the refusal, or null when done. */
  readonly setScenario: (bedId: string, scenario: string) => GatewayError | null;
  /** The ward's HL7 devices and their beds. */
  readonly devices: Pick<DeviceIntake, 'list' | 'assign'>;
  /** One-minute trends; null while the database opens. */
  readonly trends: () => TrendStore | null;
  /** Patients at home (issue 16). */
  readonly remote: Pick<RemoteProgramme, 'summaries' | 'enroll' | 'registerDevice'>;
  /** The ward's NEWS2: a nurse's charting goes there. */
  readonly earlyWarning: Pick<EarlyWarningService, 'chart'>;
  /** Sends vitals to the EMR now (how many beds had any); null when the gateway has no EMR. */
  readonly sendVitals: ((bedId: string | null) => number) | null;
  readonly counters: SocketAuthCounters;
  readonly logger: Logger;
  readonly now: () => number;
}

type Handlers = { readonly [N in WardRequestName]: AuthorizedHandler<WardRequestPayload<N>, WardReplyValue<N>> };

/** Registers every ward request on a connected socket. */
export function attachWardRequests(socket: Socket, context: WardRequestContext): void {
  const handlers = createHandlers(context, (request) => gatewayOk(context.hub.subscribe(socket, request)));
  for (const name of Object.keys(WARD_REQUESTS) as WardRequestName[]) {
    guardRequest(
      socket,
      WARD_REQUESTS[name],
      context.counters,
      context.logger,
      handlers[name] as AuthorizedHandler<unknown>,
      context.now,
    );
  }
}

/**
 * Answers the requests of stations on a fan-out node (gateway/fanout/), which passes each on with the access this
 * gateway verified for it: the same checks and handlers as a socket's own. A subscription is the node's to keep
 * — it streams — so one that reaches here is refused; an event that is no request is refused by name.
 */
export function relayedWardRequests(
  context: WardRequestContext,
): (origin: RequestOrigin, event: string, payload: unknown) => Promise<GatewayReply<unknown>> {
  const handlers = createHandlers(context, () =>
    gatewayRefusal('REFUSED', 'a subscription is kept by the node the station is connected to'),
  );
  const byEvent = new Map<string, WardRequestName>(
    (Object.keys(WARD_REQUESTS) as WardRequestName[]).map((name) => [WARD_REQUESTS[name].event, name]),
  );
  return async (origin, event, payload) => {
    const name = byEvent.get(event);
    if (name === undefined) {
      context.counters.invalidRequests += 1;
      return gatewayRefusal('INVALID_REQUEST', `"${event.slice(0, 64)}" is not a request of this gateway`);
    }
    return runGuardedRequest(
      origin,
      WARD_REQUESTS[name],
      payload,
      context.counters,
      context.logger,
      handlers[name] as AuthorizedHandler<unknown>,
      context.now,
    );
  };
}

/** Clinical actions need a user; permissions.ts already refused anyone else, this narrows the type. */
function asUser(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') throw new Error('a clinical action reached its handler without a user');
  return principal;
}

function userSummary(user: UserRecord): WardReplyValue<'listUsers'>['users'][number] {
  return { username: user.username, displayName: user.displayName, role: user.role, disabled: user.disabled };
}

function describeActor(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : `station ${principal.stationName}`;
}

function notOpen(): GatewayReply<never> {
  return gatewayRefusal('UNAVAILABLE', 'the alarm journal is not open yet; try again in a moment');
}

function createHandlers(
  context: WardRequestContext,
  subscribe: (request: WardRequestPayload<'subscribe'>) => GatewayReply<WardReplyValue<'subscribe'>>,
): Handlers {
  const changeSettings = async <P extends keyof WardSettings>(
    part: P,
    changes: SettingsChanges<P>,
    principal: Principal,
    socket: RequestOrigin,
  ): Promise<GatewayReply<WardSettings>> => {
    const store = context.settings();
    if (store === null || principal.kind !== 'user')
      return gatewayRefusal('UNAVAILABLE', 'settings cannot be changed until the gateway database is open');
    const before = await store.read();
    const settings = await store.update(part, changes, principal.userId);
    context.security.record('settings-changed', {
      severity: 'notice',
      source: journalStationOf(socket),
      username: principal.username,
      message: `${part === 'alarmPolicy' ? 'alarm policy' : 'station settings'} changed: ${Object.keys(changes).join(', ')}`,
    });
    // The change is evidence too: which limits and delays alarms were judged by, from when, and who set them.
    await context.journalSettingsChange({
      atMs: context.now(),
      kind: 'settings-changed',
      alarmId: null,
      bedId: null,
      condition: null,
      priority: null,
      username: principal.username,
      userDisplay: principal.displayName,
      station: journalStationOf(socket),
      idempotencyKey: null,
      details: { part, before: before[part], after: settings[part] },
    });
    context.settingsChanged(settings);
    context.io.emit(WARD_EVENTS.settingsChanged, settings);
    return gatewayOk(settings);
  };
  /** Runs a user change; the user store's refusals (unknown user, weak password) are answers, not failures. */
  const manageUser = async <R>(change: (users: UserStore) => Promise<GatewayReply<R>>): Promise<GatewayReply<R>> => {
    const users = context.users();
    if (users === null) return gatewayRefusal('UNAVAILABLE', 'the user database is not open yet');
    try {
      return await change(users);
    } catch (error) {
      if (error instanceof UserStoreError) return gatewayRefusal('REFUSED', error.message);
      throw error;
    }
  };
  const actor = (principal: Principal, socket: RequestOrigin) => ({
    user: asUser(principal),
    station: journalStationOf(socket),
  });
  return {
    subscribe: (request) => subscribe(request),
    listDevices: () => gatewayOk({ devices: context.devices.list() }),
    trends: async (query) => {
      if (context.channelsOf(query.bedId) === null)
        return gatewayRefusal('UNKNOWN_BED', `no bed "${query.bedId}" in this ward`);
      const store = context.trends();
      if (store === null) return gatewayRefusal('UNAVAILABLE', 'the trend database is not open yet');
      return gatewayOk({ series: await store.readSeries(query.bedId, query.fromMs, query.toMs, query.keys) });
    },
    chartObservations: async (request, principal, socket) => {
      if (context.channelsOf(request.bedId) === null)
        return gatewayRefusal('UNKNOWN_BED', `no bed "${request.bedId}" in this ward`);
      return context.earlyWarning.chart(request, { user: asUser(principal), station: journalStationOf(socket) });
    },
    listRemote: () => context.remote.summaries(),
    enrollRemote: (request, principal) => context.remote.enroll(request, asUser(principal).displayName),
    registerRemoteDevice: (request) => context.remote.registerDevice(request.patientId, request.model),
    sendVitals: (request) => {
      if (context.sendVitals === null)
        return gatewayRefusal('REFUSED', 'this gateway sends no vitals to an EMR (IT starts it with --emr host:port)');
      if (request.bedId !== null && context.channelsOf(request.bedId) === null)
        return gatewayRefusal('UNKNOWN_BED', `no bed "${request.bedId}" in this ward`);
      return gatewayOk({ beds: context.sendVitals(request.bedId) });
    },
    assignDevice: async (request, principal, socket) => {
      const user = asUser(principal);
      const reply = await context.devices.assign(request.deviceId, request.bedId, {
        username: user.username,
        displayName: user.displayName,
        station: journalStationOf(socket),
      });
      return reply.ok ? gatewayOk({ devices: reply.value }) : reply;
    },
    getSettings: async () => gatewayOk((await context.settings()?.read()) ?? DEFAULT_WARD_SETTINGS),
    setStationSettings: (changes, principal, socket) => changeSettings('station', changes, principal, socket),
    setAlarmPolicy: (changes, principal, socket) => changeSettings('alarmPolicy', changes, principal, socket),
    acknowledgeAlarm: (request, principal, socket) =>
      context.alarms.acknowledge(request.alarmId, request.idempotencyKey, actor(principal, socket)),
    resetAlarm: (request, principal, socket) =>
      context.alarms.reset(request.alarmId, request.idempotencyKey, actor(principal, socket)),
    pauseAudio: async (_request, principal, socket) => {
      const settings = (await context.settings()?.read()) ?? DEFAULT_WARD_SETTINGS;
      return context.alarms.pauseAudio(actor(principal, socket), settings.alarmPolicy.audioPauseSeconds);
    },
    queryHistory: async (request) => {
      const journal = context.journal();
      if (journal === null)
        return gatewayRefusal('UNAVAILABLE', 'the alarm journal is not open yet; try again in a moment');
      return gatewayOk({ events: await journal.events(request) });
    },
    historyAlarms: async (request) => {
      const history = context.history();
      return history === null ? notOpen() : gatewayOk(await history.page(request));
    },
    historyDetail: async (request) => {
      const history = context.history();
      if (history === null) return notOpen();
      const detail = await history.detail(request.alarmId);
      return detail === null
        ? gatewayRefusal('UNKNOWN_ALARM', `no alarm "${request.alarmId}" in the history`)
        : gatewayOk(detail);
    },
    historyStrip: async (request) => {
      if (context.disclosure === null)
        return gatewayRefusal(
          'UNAVAILABLE',
          'this gateway keeps no full-disclosure waveforms (start it with --data-dir)',
        );
      const channels = context.channelsOf(request.bedId);
      if (channels === null) return gatewayRefusal('UNKNOWN_BED', `no bed "${request.bedId}" in this ward`);
      const wanted = request.channels ?? channels;
      const strip: Strip = { bedId: request.bedId, fromMs: request.fromMs, toMs: request.toMs, channels: [] };
      for (const key of wanted.filter((candidate) => channels.includes(candidate))) {
        const segments = await context.disclosure.strip(request.bedId, key, request.fromMs, request.toMs);
        strip.channels.push({
          key,
          segments: segments.map((segment) => ({
            startMs: segment.startMs,
            sampleRate: segment.sampleRate,
            scale: segment.scale,
            offset: segment.valueOffset,
            samplesBase64: int16ToBase64(segment.samples),
          })),
        });
      }
      return gatewayOk(strip);
    },
    historyStats: async (request) => {
      const history = context.history();
      return history === null ? notOpen() : gatewayOk(await history.stats(request));
    },
    listUsers: async () => {
      const users = context.users();
      if (users === null) return gatewayRefusal('UNAVAILABLE', 'the user database is not open yet');
      return gatewayOk({ users: (await users.list()).map(userSummary) });
    },
    setUserDisabled: (request, principal, socket) =>
      manageUser(async (users) => {
        if (request.disabled && principal.kind === 'user' && principal.username === request.username)
          return gatewayRefusal('REFUSED', 'an admin cannot disable their own account; ask another admin');
        const changed = await users.setDisabled(request.username, request.disabled);
        for (const session of changed.endedSessions) context.revoke(`session:${session}`);
        context.security.record('user-changed', {
          severity: 'warning',
          source: journalStationOf(socket),
          username: request.username,
          message: `${request.disabled ? 'disabled' : 'enabled'} by ${describeActor(principal)}; ${changed.endedSessions.length} session(s) ended`,
        });
        return gatewayOk({ user: userSummary(changed), sessionsEnded: changed.endedSessions.length });
      }),
    resetUserPassword: (request, principal, socket) =>
      manageUser(async (users) => {
        const ended = await users.resetPassword(request.username, request.password);
        for (const session of ended) context.revoke(`session:${session}`);
        context.security.record('user-changed', {
          severity: 'warning',
          source: journalStationOf(socket),
          username: request.username,
          message: `password reset by ${describeActor(principal)}; ${ended.length} session(s) ended`,
        });
        return gatewayOk({ username: request.username, sessionsEnded: ended.length });
      }),
    addUser: (request, principal, socket) =>
      manageUser(async (users) => {
        const added = await users.add(request);
        context.security.record('user-changed', {
          severity: 'warning',
          source: journalStationOf(socket),
          username: added.username,
          message: `added as ${added.role} by ${describeActor(principal)}`,
        });
        return gatewayOk({ user: userSummary(added) });
      }),
    securityLog: async (request) => {
      const log = await context.security.read(request.limit);
      return log === null ? gatewayRefusal('UNAVAILABLE', 'the security log is not open yet') : gatewayOk(log);
    },
    setScenario: (request) => {
      const refusal = context.setScenario(request.bedId, request.scenario);
      return refusal === null ? gatewayOk(null) : gatewayRefusal(refusal.code, refusal.message);
    },
  };
}
