/**
 * A fan-out node: the ward's second gateway serving stations while the first leads (`--fanout`, standby side).
 * It streams what the leader published on the bus — the very encoded segments, through the same subscriber
 * fan-out as the leader's own stations (subscriber-fanout.ts) — and the leader's broadcasts (alarms, census,
 * settings) reach its stations through the adapter. Everything else is the leader's: the node's sign-in routes
 * and token checks are the leader's answers (leader-calls.ts), and every request but a subscription is passed on
 * with the station's own token, which the leader checks again before its handlers answer. Heartbeats are answered with the
 * leader's clock as its ticks tell it — one clock for alarm time.
 *
 * In doubt, the station goes elsewhere: a node that has heard no tick from the leader for {@link
 * LEADER_SILENCE_MS} drops its stations and refuses new ones (NO_LEADER), so that their links move to the ward's
 * other address; an unanswered request is UNAVAILABLE, which a station keeps queued and retries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'socket.io';
import { describePrincipal } from '../../common/identity/principal';
import type { Logger } from '../../common/logging/logger';
import {
  GATEWAY_EVENTS,
  GATEWAY_PROTOCOL_VERSION,
  HANDSHAKE_REFUSALS,
  type GatewayWelcome,
} from '../../common/wire/gateway-handshake';
import { gatewayOk, gatewayRefusal, gatewayReplyEnvelopeSchema } from '../../common/wire/gateway-reply';
import { censusSchema, WARD_EVENTS, type Census } from '../../common/wire/ward-messages';
import { WARD_REQUESTS, type WardRequestName, type WardRequestPayload } from '../../common/wire/ward-requests';
import { handleAuthRequest } from '../auth/auth-http';
import { requireHandshake } from '../auth/client-handshake';
import { createSocketAuth, guardRequest } from '../auth/socket-auth';
import type { VerifiedAccess } from '../auth/access-tokens';
import type { AuthService, RevocationHandle } from '../auth/auth-service';
import { createStationPort, listenForStations, type GatewayTls } from '../http/station-port';
import { emptyGatewayStats, type GatewayStats } from '../streaming/gateway-stats';
import { createSubscriberFanout } from '../streaming/subscriber-fanout';
import type { FanoutBus } from './fanout-bus';
import {
  FANOUT_EVENTS,
  joinedAnswerSchema,
  numericsMessageSchema,
  tickMessageSchema,
  type RelayedSecurityEvent,
} from './fanout-protocol';
import { leaderCalls, remoteAuthService } from './leader-calls';

/** A node that has heard no tick from the leader for this long hands its stations to the ward's other address. */
export const LEADER_SILENCE_MS = 2000;

/** How to start a fan-out node. */
export interface FanoutNodeOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: GatewayTls | null;
  readonly bus: FanoutBus;
  readonly logger: Logger;
  /** Overrides {@link LEADER_SILENCE_MS} (tests). */
  readonly leaderSilenceMs?: number;
}

/** A running fan-out node. */
export interface FanoutNode {
  readonly url: string;
  connectedClients(): number;
  /** Whether the leader's ticks arrive now. */
  hearsLeader(): boolean;
  stats(): Readonly<GatewayStats & { readonly relayedRequests: number; readonly unansweredRequests: number }>;
  /** Drops every station (they reconnect to the ward's leader) and releases the port. */
  close(): Promise<void>;
}

/** Starts a fan-out node on the bus; resolves once it listens. */
export async function startFanoutNode(options: FanoutNodeOptions): Promise<FanoutNode> {
  const { logger, bus } = options;
  const silenceMs = options.leaderSilenceMs ?? LEADER_SILENCE_MS;
  const stats = { ...emptyGatewayStats(), relayedRequests: 0, unansweredRequests: 0 };

  // The sign-in routes call the leader through the socket.io server made below (before the port opens).
  let auth: AuthService | null = null;
  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (auth !== null && handleAuthRequest(request, response, auth, logger.child('auth'))) return;
    // The FHIR API and everything else are the leader's alone.
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  };
  const { http, io: server } = createStationPort(options.tls, onRequest);
  const link = bus.link();
  server.adapter(link.adapter);
  const call = leaderCalls(server, logger.child('bus'), link.ready);
  auth = remoteAuthService(call);

  // The leader as its ticks tell it: the batch time of the last tick, and when (monotonic) it came.
  let lastTick: { batchTimeMs: number; receivedAt: number } | null = null;
  const hearsLeader = (): boolean => lastTick !== null && performance.now() - lastTick.receivedAt <= silenceMs;
  const leaderNow = (): number =>
    lastTick === null ? Number.NaN : lastTick.batchTimeMs + (performance.now() - lastTick.receivedAt);

  const fanout = createSubscriberFanout([], stats, logger);
  const adoptCensus = (census: Census): void =>
    fanout.setBeds(census.beds.map((bed) => ({ bedId: bed.bedId, bed: bed.bed })));

  // First: a node without a leader sends the station elsewhere before anything else is checked.
  server.use((_socket, next) => {
    if (hearsLeader()) next();
    else {
      stats.refusedHandshakes += 1;
      next(new Error(HANDSHAKE_REFUSALS.noLeader));
    }
  });
  const socketAuth = createSocketAuth(server, auth, stats, logger.child('auth'));
  // The handshakes it refuses are the ward's security events: they go to the leader's one log.
  requireHandshake(server, socketAuth, stats, logger, {
    record: (kind, fields) => {
      const event: RelayedSecurityEvent = { kind, ...fields, username: fields.username ?? null };
      server.serverSideEmit(FANOUT_EVENTS.security, event);
    },
  });

  // What the leader publishes.
  server.on(FANOUT_EVENTS.tick, (message: unknown) => {
    const tick = tickMessageSchema.safeParse(message);
    if (!tick.success) {
      stats.invalidRequests += 1;
      return;
    }
    lastTick = { batchTimeMs: tick.data.batchTimeMs, receivedAt: performance.now() };
    fanout.sendTick(tick.data, tick.data.batchTimeMs);
  });
  server.on(FANOUT_EVENTS.numerics, (message: unknown) => {
    const numerics = numericsMessageSchema.safeParse(message);
    if (numerics.success) fanout.sendNumerics(numerics.data);
    else stats.invalidRequests += 1;
  });
  server.on(FANOUT_EVENTS.census, (message: unknown) => {
    const census = censusSchema.safeParse(message);
    if (census.success) adoptCensus(census.data);
    else stats.invalidRequests += 1;
  });
  server.on(FANOUT_EVENTS.revoke, (handle: unknown) => {
    if (typeof handle === 'string') socketAuth.revoke(handle as RevocationHandle);
  });
  // Calls meant for the leader reach every node: a node answers none of them.
  for (const event of [FANOUT_EVENTS.verify, FANOUT_EVENTS.auth, FANOUT_EVENTS.request, FANOUT_EVENTS.joined])
    server.on(event, (...args: unknown[]) => {
      const acknowledge = args.at(-1);
      if (typeof acknowledge === 'function') (acknowledge as (answer: null) => void)(null);
    });

  const passOn = (socket: Socket, name: WardRequestName): void => {
    const { event } = WARD_REQUESTS[name];
    socket.on(event, (payload: unknown, acknowledge: unknown) => {
      if (typeof acknowledge !== 'function') {
        stats.invalidRequests += 1;
        return;
      }
      stats.relayedRequests += 1;
      void call(
        FANOUT_EVENTS.request,
        {
          event,
          payload: payload ?? {},
          token: String(socket.data.token),
          stationName: String(socket.data.stationName),
          address: socket.handshake.address,
        },
        gatewayReplyEnvelopeSchema,
      ).then((answer) => {
        if (answer === null) stats.unansweredRequests += 1;
        (acknowledge as (reply: unknown) => void)(
          answer ??
            gatewayRefusal(
              'UNAVAILABLE',
              'the ward’s leading gateway did not answer through this node; the station tries again',
            ),
        );
      });
    });
  };

  server.on('connection', (socket: Socket) => {
    const stationName = String(socket.data.stationName);
    const access = socket.data.access as VerifiedAccess;
    void call(FANOUT_EVENTS.joined, {}, joinedAnswerSchema).then((joined) => {
      if (joined === null || !socket.connected) {
        socket.disconnect(true);
        return;
      }
      adoptCensus(joined.census);
      const welcome: GatewayWelcome = {
        protocol: GATEWAY_PROTOCOL_VERSION,
        gatewayVersion: joined.gatewayVersion,
        wardName: joined.wardName,
        serverTimeMs: leaderNow(),
        principal: access.principal,
        tokenExpiresAtMs: access.expiresAtMs,
      };
      socket.emit(GATEWAY_EVENTS.welcome, welcome);
      socket.emit(WARD_EVENTS.census, joined.census);
      socket.emit(WARD_EVENTS.alarms, joined.alarms);
      socketAuth.attach(socket);
      guardRequest<WardRequestPayload<'subscribe'>>(socket, WARD_REQUESTS.subscribe, stats, logger, (request) =>
        gatewayOk(fanout.subscribe(socket, request)),
      );
      for (const name of Object.keys(WARD_REQUESTS) as WardRequestName[])
        if (name !== 'subscribe') passOn(socket, name);
      socket.on(GATEWAY_EVENTS.heartbeat, (acknowledge: unknown) => {
        // Unanswered while the leader is silent: the station's link then counts as down, as it should.
        if (typeof acknowledge === 'function' && hearsLeader()) acknowledge({ serverTimeMs: leaderNow() });
      });
      logger.info('station connected through this fan-out node', {
        station: stationName,
        as: describePrincipal(access.principal),
        address: socket.handshake.address,
      });
    });
    socket.on('disconnect', () => fanout.forget(socket));
  });

  // A silent leader: every station goes to the ward's other address rather than watching a stream that stopped.
  let silent = true;
  const watchdog = setInterval(() => {
    const hears = hearsLeader();
    if (hears === !silent) return;
    silent = !hears;
    if (silent) {
      logger.warn('the leading gateway is silent on the bus; this node hands its stations over', {
        stations: server.of('/').sockets.size,
      });
      server.local.disconnectSockets(true);
    } else logger.info('the leading gateway is heard on the bus; this node serves stations');
  }, 250);
  watchdog.unref();

  const url = await listenForStations(http, options.host, options.port, options.tls !== null);
  logger.info('fan-out node listening', { url });

  return {
    url,
    connectedClients: () => server.of('/').sockets.size,
    hearsLeader,
    stats: () => stats,
    async close() {
      clearInterval(watchdog);
      socketAuth.stop();
      fanout.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await link.close();
      logger.info('fan-out node stopped', {
        url,
        batchesSent: stats.batchesSent,
        batchesDropped: stats.batchesDropped,
        relayedRequests: stats.relayedRequests,
        unansweredRequests: stats.unansweredRequests,
      });
    },
  };
}
