/**
 * The ward gateway's socket.io server: accepts stations, checks their handshake, answers heartbeats, sends the
 * census and streams the beds (stream-hub.ts); simulated beds change scenario on request.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer, type Socket } from 'socket.io';
import { APP_VERSION } from '../common/app-version';
import type { Logger } from '../common/logging/logger';
import { WARD_EVENTS } from '../common/wire/ward-messages';
import { isScenarioName, SCENARIO_NAMES } from './simulator/scenarios';
import { SimulatedBed } from './simulator/simulated-bed';
import { createGatewayClock, type GatewayClock } from './streaming/gateway-clock';
import { emptyGatewayStats, type GatewayStats } from './streaming/gateway-stats';
import { DEFAULT_STREAM_TIMING, startStreamHub, type StreamHubOptions } from './streaming/stream-hub';
import { buildCensus, registerBeds, type WardBed } from './streaming/ward-registry';
import {
  GATEWAY_EVENTS,
  GATEWAY_PROTOCOL_VERSION,
  HANDSHAKE_REFUSALS,
  gatewayHelloSchema,
  type GatewayWelcome,
} from '../common/wire/gateway-handshake';

/** How to start a gateway. */
export interface GatewayServerOptions {
  /** Interface to listen on; 127.0.0.1 unless the gateway serves other machines. */
  readonly host: string;
  /** TCP port; 0 picks a free one (tests, the embedded gateway). */
  readonly port: number;
  readonly wardName: string;
  readonly logger: Logger;
  /** The beds to stream (none: a gateway that only answers handshakes). */
  readonly beds?: readonly WardBed[];
  /** The clock the beds were started on (they must share it). */
  readonly clock?: GatewayClock;
  readonly timing?: StreamHubOptions;
}

/** A running gateway. */
export interface GatewayServer {
  /** The address clients connect to, e.g. `http://127.0.0.1:8420`. */
  readonly url: string;
  /** Clients that completed the handshake, now. */
  connectedClients(): number;
  /** Stream counters (samples, frames, bytes, drops…). */
  stats(): Readonly<GatewayStats>;
  /** Switches a simulated bed's scenario; returns an error sentence, or null when done. */
  setScenario(bedId: string, scenario: unknown): string | null;
  /** Stops accepting, disconnects every client and releases the port. */
  close(): Promise<void>;
}

/** Largest message the gateway accepts from a client; clients send only small control messages. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/** Starts a gateway and resolves once it listens. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger } = options;
  const http: HttpServer = createServer();
  const io = new SocketServer(http, {
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    serveClient: false,
    // Stations are desktop apps and workers, not web pages on other origins; no cookies are used.
    cors: { origin: false },
  });

  io.use((socket, next) => {
    const hello = gatewayHelloSchema.safeParse(socket.handshake.auth);
    if (!hello.success) {
      logger.warn('refused a client with a malformed hello', { address: socket.handshake.address });
      next(new Error(HANDSHAKE_REFUSALS.malformedHello));
      return;
    }
    if (hello.data.protocol !== GATEWAY_PROTOCOL_VERSION) {
      logger.warn('refused a client speaking another protocol', {
        station: hello.data.stationName,
        theirs: hello.data.protocol,
        ours: GATEWAY_PROTOCOL_VERSION,
      });
      const refusal = new Error(HANDSHAKE_REFUSALS.protocolMismatch) as Error & { data?: unknown };
      refusal.data = { gatewayProtocol: GATEWAY_PROTOCOL_VERSION };
      next(refusal);
      return;
    }
    socket.data.stationName = hello.data.stationName;
    next();
  });

  const stats = emptyGatewayStats();
  const clock = options.clock ?? createGatewayClock();
  const beds = registerBeds(options.beds ?? []);
  const hub = startStreamHub(io, beds, buildCensus(options.wardName, beds, clock()), clock, stats, logger, options.timing ?? DEFAULT_STREAM_TIMING);

  const setScenario = (bedId: string, scenario: unknown): string | null => {
    const bed = beds.find((candidate) => candidate.bedId === bedId);
    if (bed === undefined) return `no bed "${bedId}" in this ward`;
    if (!(bed.source instanceof SimulatedBed)) return `bed "${bedId}" replays a recording; only simulated beds change scenario`;
    if (!isScenarioName(scenario)) return `"${String(scenario)}" is not a scenario (${SCENARIO_NAMES.join(', ')})`;
    bed.source.setScenario(scenario);
    logger.info('scenario changed', { bedId, scenario });
    return null;
  };

  io.on('connection', (socket: Socket) => {
    const stationName = String(socket.data.stationName);
    logger.info('client connected', { station: stationName, address: socket.handshake.address });
    const welcome: GatewayWelcome = {
      protocol: GATEWAY_PROTOCOL_VERSION,
      gatewayVersion: APP_VERSION,
      wardName: options.wardName,
      serverTimeMs: Date.now(),
    };
    socket.emit(GATEWAY_EVENTS.welcome, welcome);
    hub.attach(socket);
    socket.on(WARD_EVENTS.setScenario, (request: unknown, acknowledge: unknown) => {
      const { bedId, scenario } = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
      const problem = typeof bedId === 'string' ? setScenario(bedId, scenario) : 'set-scenario needs { bedId, scenario }';
      if (problem !== null && typeof bedId !== 'string') stats.invalidRequests += 1;
      if (typeof acknowledge === 'function') acknowledge(problem === null ? { ok: true } : { ok: false, error: { code: 'REFUSED', message: problem } });
    });
    socket.on(GATEWAY_EVENTS.heartbeat, (acknowledge: unknown) => {
      // A client that sends a heartbeat without a callback gets nothing; it must not crash the gateway.
      if (typeof acknowledge === 'function') acknowledge({ serverTimeMs: Date.now() });
    });
    socket.on('disconnect', (reason) => logger.info('client disconnected', { station: stationName, reason }));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const url = `http://${formatHost(options.host)}:${address.port}`;
  logger.info('gateway listening', { url, ward: options.wardName, protocol: GATEWAY_PROTOCOL_VERSION });

  return {
    url,
    connectedClients: () => io.of('/').sockets.size,
    stats: () => stats,
    setScenario,
    close: async () => {
      hub.stop();
      // io.close() drops the transports without a socket.io disconnect packet, so clients see a transport close
      // and reconnect with back-off, as they should after a gateway restart.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      logger.info('gateway stopped', { url, ...stats });
    },
  };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
