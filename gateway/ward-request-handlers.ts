/**
 * What the gateway does for each socket request once socket-auth.ts has authorized and validated it: ward
 * subscriptions, ward settings and alarm policy (admin), AUDIO PAUSED for the ward, alarm acknowledgment and
 * history, and the demo ward's simulator.
 */
import type { Server, Socket } from 'socket.io';
import type { Principal } from '../common/identity/principal';
import type { Logger } from '../common/logging/logger';
import { gatewayOk, gatewayRefusal } from '../common/wire/gateway-reply';
import { WARD_EVENTS } from '../common/wire/ward-messages';
import { WARD_REQUESTS, type AudioPaused, type WardRequestName, type WardRequestPayload } from '../common/wire/ward-requests';
import { DEFAULT_WARD_SETTINGS, type WardSettings } from '../common/wire/ward-settings';
import type { SettingsChanges, WardSettingsStore } from './auth/ward-settings-store';
import { guardRequest, type AuthorizedHandler, type SocketAuthCounters } from './auth/socket-auth';
import type { StreamHub } from './streaming/stream-hub';

/** What the handlers work on. */
export interface WardRequestContext {
  readonly io: Server;
  readonly hub: StreamHub;
  /** Settings in the database; null while it opens or when the gateway has none (then defaults are served). */
  readonly settings: () => WardSettingsStore | null;
  readonly setScenario: (bedId: string, scenario: string) => string | null;
  readonly counters: SocketAuthCounters;
  readonly logger: Logger;
  readonly now: () => number;
}

type Handlers = { readonly [N in WardRequestName]: AuthorizedHandler<WardRequestPayload<N>> };

/** Registers every ward request on a connected socket. */
export function attachWardRequests(socket: Socket, context: WardRequestContext, ward: WardState): void {
  const handlers = createHandlers(context, ward);
  for (const name of Object.keys(WARD_REQUESTS) as WardRequestName[]) {
    guardRequest(socket, WARD_REQUESTS[name], context.counters, context.logger, handlers[name] as AuthorizedHandler<unknown>, context.now);
  }
}

/** Ward-wide state the requests change. */
export interface WardState {
  audioPausedUntilMs: number;
}

function userName(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : principal.stationName;
}

function createHandlers(context: WardRequestContext, ward: WardState): Handlers {
  const changeSettings = async <P extends keyof WardSettings>(part: P, changes: SettingsChanges<P>, principal: Principal) => {
    const store = context.settings();
    if (store === null || principal.kind !== 'user') return gatewayRefusal('UNAVAILABLE', 'settings cannot be changed until the gateway database is open');
    const settings = await store.update(part, changes, principal.userId);
    context.logger.info('ward settings changed', { part, by: principal.username });
    context.io.emit(WARD_EVENTS.settingsChanged, settings);
    return gatewayOk(settings);
  };
  return {
    subscribe: (request, _principal, socket) => gatewayOk(context.hub.subscribe(socket, request)),
    getSettings: async () => gatewayOk((await context.settings()?.read()) ?? DEFAULT_WARD_SETTINGS),
    setStationSettings: (changes, principal) => changeSettings('station', changes, principal),
    setAlarmPolicy: (changes, principal) => changeSettings('alarmPolicy', changes, principal),
    // No alarm is active on this gateway yet: the alarm engine and its journal (issue 6) answer here.
    acknowledgeAlarm: (request) => gatewayRefusal('UNKNOWN_ALARM', `no active alarm "${request.alarmId}" on this ward`),
    pauseAudio: async (_request, principal, socket) => {
      const settings = (await context.settings()?.read()) ?? DEFAULT_WARD_SETTINGS;
      ward.audioPausedUntilMs = context.now() + settings.alarmPolicy.audioPauseSeconds * 1000;
      const paused: AudioPaused = { untilMs: ward.audioPausedUntilMs, byUser: userName(principal), station: String(socket.data.stationName) };
      context.logger.info('audio paused for the ward', { by: paused.byUser, station: paused.station, seconds: settings.alarmPolicy.audioPauseSeconds });
      context.io.emit(WARD_EVENTS.audioPaused, paused);
      return gatewayOk(paused);
    },
    // The journal of alarm events (issue 6) is what history reads; until it exists there is nothing to return.
    queryHistory: () => gatewayOk({ events: [] }),
    setScenario: (request) => {
      const problem = context.setScenario(request.bedId, request.scenario);
      if (problem === null) return gatewayOk(null);
      return gatewayRefusal(problem.startsWith('no bed') ? 'UNKNOWN_BED' : 'REFUSED', problem);
    },
  };
}
