/**
 * The ward gateway's server: the sign-in API (auth/auth-http.ts) and the socket.io server on one HTTP or HTTPS
 * port. A client's handshake must carry a supported protocol version and a valid access token; every request
 * after that is authorized (auth/socket-auth.ts) and handled (ward-request-handlers.ts); the beds stream to
 * subscribers (stream-hub.ts).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer, type Socket } from 'socket.io';
import { APP_VERSION } from '../common/app-version';
import type { Logger } from '../common/logging/logger';
import { describePrincipal } from '../common/identity/principal';
import { isScenarioName, SCENARIO_NAMES } from './simulator/scenarios';
import { SimulatedBed } from './simulator/simulated-bed';
import { createGatewayClock, type GatewayClock } from './streaming/gateway-clock';
import { emptyGatewayStats, type GatewayStats } from './streaming/gateway-stats';
import { DEFAULT_STREAM_TIMING, startStreamHub, type StreamHubOptions } from './streaming/stream-hub';
import { buildCensus, registerBeds, type WardBed } from './streaming/ward-registry';
import { GATEWAY_EVENTS, GATEWAY_PROTOCOL_VERSION, HANDSHAKE_REFUSALS, gatewayHelloSchema, type GatewayWelcome } from '../common/wire/gateway-handshake';
import type { GatewayIdentity, IdentityStores } from './identity/gateway-identity';
import { createAccessTokens } from './auth/access-tokens';
import { createAuthService, type AuthService, type RevocationHandle } from './auth/auth-service';
import { handleAuthRequest } from './auth/auth-http';
import { createSignInLimiter, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/sign-in-limiter';
import { createSocketAuth } from './auth/socket-auth';
import { attachWardRequests } from './ward-request-handlers';
import type { DisclosureStore } from './disclosure/disclosure-store';
import { censusLookup } from './streaming/census-lookup';
import { createWardAlarmService } from './alarms/ward-alarm-service';
import { DEFAULT_WARD_SETTINGS, limitsForBed, type AlarmPolicy } from '../common/wire/ward-settings';
import { WARD_EVENTS } from '../common/wire/ward-messages';
import { channelByKey } from '../common/wire/channel-catalog';
import type { BedSource, NumericValues, SourceChannel } from './sources/bed-source';
import { AnalysedBed } from './analysis/analysed-bed';
import type { MonitoredNumeric } from './alarms/alarm-rules';

/** A certificate and key to serve HTTPS/WSS with (PEM). */
export interface GatewayTls {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

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
  /** Users, sessions, enrollments and settings; without it only in-process station tokens exist. */
  readonly identity?: GatewayIdentity | null;
  /** Lifetime of access tokens; 5 minutes by default. */
  readonly accessTokenSeconds?: number;
  readonly signInLimits?: SignInLimits;
  /** Serve HTTPS and WSS with this certificate instead of plain HTTP. */
  readonly tls?: GatewayTls | null;
  /** Where every bed's waveforms are kept for review; none without a data folder. */
  readonly disclosure?: DisclosureStore | null;
}

/** A running gateway. */
export interface GatewayServer {
  /** The address clients connect to, e.g. `http://127.0.0.1:8420` (https with TLS). */
  readonly url: string;
  /** Clients that completed the handshake, now. */
  connectedClients(): number;
  /** Stream and authorization counters (samples, frames, bytes, drops, refusals…). */
  stats(): Readonly<GatewayStats>;
  /** Switches a simulated bed's scenario; returns an error sentence, or null when done. */
  setScenario(bedId: string, scenario: unknown): string | null;
  /** Sign-in, tokens and enrollment (what the /auth/ API serves). */
  readonly auth: AuthService;
  /** Stops accepting, disconnects every client and releases the port. */
  close(): Promise<void>;
}

/** Largest message the gateway accepts from a client; clients send only small control messages. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;
const DEFAULT_ACCESS_TOKEN_SECONDS = 300;

/** Starts a gateway and resolves once it listens. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger } = options;
  const stats = emptyGatewayStats();
  const tokens = createAccessTokens(options.accessTokenSeconds ?? DEFAULT_ACCESS_TOKEN_SECONDS);
  let opened: IdentityStores | null = null;
  const stores = options.identity?.stores ?? null;
  stores?.then((ready) => (opened = ready)).catch(() => undefined);
  // The socket side is created after the server below; revocations reach it through this indirection.
  let revoke: (handle: RevocationHandle) => void = () => undefined;
  const auth = createAuthService(stores, tokens, createSignInLimiter(options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS), (handle) => revoke(handle), logger.child('auth'));

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (handleAuthRequest(request, response, auth, logger.child('auth'))) return;
    // socket.io answers its own path before this handler runs; anything else does not exist.
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  };
  const http: HttpServer = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, onRequest) : createHttpServer(onRequest);
  const io = new SocketServer(http, {
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    serveClient: false,
    // Stations are desktop apps and workers, not web pages on other origins; no cookies are used.
    cors: { origin: false },
  });
  const socketAuth = createSocketAuth(io, auth, stats, logger.child('auth'));
  revoke = socketAuth.revoke;

  io.use((socket, next) => {
    const hello = gatewayHelloSchema.safeParse(socket.handshake.auth);
    if (!hello.success) {
      stats.refusedHandshakes += 1;
      logger.warn('refused a client with a malformed hello', { address: socket.handshake.address });
      next(new Error(HANDSHAKE_REFUSALS.malformedHello));
      return;
    }
    if (hello.data.protocol !== GATEWAY_PROTOCOL_VERSION) {
      stats.refusedHandshakes += 1;
      logger.warn('refused a client speaking another protocol', { station: hello.data.stationName, theirs: hello.data.protocol, ours: GATEWAY_PROTOCOL_VERSION });
      const refusal = new Error(HANDSHAKE_REFUSALS.protocolMismatch) as Error & { data?: unknown };
      refusal.data = { gatewayProtocol: GATEWAY_PROTOCOL_VERSION };
      next(refusal);
      return;
    }
    socket.data.stationName = hello.data.stationName;
    void socketAuth.handshake(socket, hello.data.token).then((refusal) => {
      if (refusal !== null) logger.warn('refused a client without a valid token', { station: hello.data.stationName, reason: refusal.message });
      next(refusal ?? undefined);
    });
  });

  const clock = options.clock ?? createGatewayClock();
  // Every bed's waves go through the gateway's own analysis (no source tells the alarm engine its rhythm).
  const analysed = new Map<string, AnalysedBed>();
  const beds = registerBeds(
    (options.beds ?? []).map((bed) => {
      const source = new AnalysedBed(bed.source);
      analysed.set(bed.bedId, source);
      return { bedId: bed.bedId, source };
    }),
  );
  const deviceOf = (bedId: string): BedSource | undefined => analysed.get(bedId)?.device;
  let policy: AlarmPolicy = DEFAULT_WARD_SETTINGS.alarmPolicy;
  // One clock for alarm time (DESIGN.md §3): onset, acknowledgment, pause and escalation all read the gateway's
  // monotonic clock, which a step of the system clock does not move.
  const alarms = createWardAlarmService({
    beds: beds.map((bed) => ({ bedId: bed.bedId, label: bed.source.label, monitored: monitoredNumerics(bed.source.channels) })),
    policy: () => policy,
    journal: stores === null ? null : stores.then((ready) => ready.journal),
    logger: logger.child('alarms'),
    now: clock,
  });
  alarms.onChange((snapshot) => io.emit(WARD_EVENTS.alarms, snapshot));
  // Once the database is open: the admin's policy (the alarms that stood come back through the alarm service).
  stores
    ?.then(async (ready) => {
      policy = (await ready.settings.read()).alarmPolicy;
    })
    .catch((error: unknown) => logger.error('the alarm policy could not be loaded', { reason: error instanceof Error ? error.message : String(error) }));
  const bedById = new Map(beds.map((bed) => [bed.bed, bed]));
  const disclosure = options.disclosure ?? null;
  // The alarm engine looks at every bed on every tick — the rhythm is analysed as samples arrive, so a lethal
  // call is an alarm within a tick — with the numerics of the last second.
  const latestNumerics = new Map<string, NumericValues>();
  const hub = startStreamHub(io, beds, buildCensus(options.wardName, beds, clock()), clock, stats, logger, options.timing ?? DEFAULT_STREAM_TIMING, {
    onNumerics: (now, measured) => {
      for (const numerics of measured) {
        const bed = bedById.get(numerics.bed);
        if (bed !== undefined) latestNumerics.set(bed.bedId, numerics.values);
      }
    },
    onTick: (now) => {
      for (const bed of beds) {
        const numerics = latestNumerics.get(bed.bedId);
        if (numerics === undefined) continue;
        const { HR } = limitsForBed(policy, bed.bedId);
        alarms.observe(bed.bedId, { numerics, rhythm: (analysed.get(bed.bedId) as AnalysedBed).rhythm({ extremeLowBpm: HR.extremeLow, extremeHighBpm: HR.extremeHigh }) }, now);
      }
    },
    onSamples: disclosure === null ? undefined : (bed, chunks) => disclosure.record(bed.bedId, chunks, bed.source.channels),
  });
  // Full disclosure older than the policy's window goes, hour file by hour file, off the stream's path.
  const prune = (): void => {
    disclosure?.prune(Date.now(), policy.fullDisclosureHours * 3_600_000).catch((error: unknown) => logger.warn('full disclosure could not be pruned', { reason: String(error) }));
  };
  const pruneTimer = setInterval(prune, 10 * 60_000);
  pruneTimer.unref();
  setTimeout(prune, 5000).unref();

  const setScenario = (bedId: string, scenario: unknown): string | null => {
    const device = deviceOf(bedId);
    if (device === undefined) return `no bed "${bedId}" in this ward`;
    if (!(device instanceof SimulatedBed)) return `bed "${bedId}" replays a recording; only simulated beds change scenario`;
    if (!isScenarioName(scenario)) return `"${String(scenario)}" is not a scenario (${SCENARIO_NAMES.join(', ')})`;
    device.setScenario(scenario);
    logger.info('scenario changed', { bedId, scenario });
    return null;
  };
  const requestContext = {
    io,
    hub,
    alarms,
    settings: () => opened?.settings ?? null,
    journal: () => opened?.journal ?? null,
    history: () => opened?.history ?? null,
    disclosure,
    channelsOf: censusLookup(beds),
    settingsChanged: (settings: { alarmPolicy: AlarmPolicy }) => (policy = settings.alarmPolicy),
    setScenario,
    counters: stats,
    logger,
    now: Date.now,
  };

  io.on('connection', (socket: Socket) => {
    const stationName = String(socket.data.stationName);
    const principal = socketAuth.principalOf(socket);
    logger.info('client connected', { station: stationName, as: describePrincipal(principal), address: socket.handshake.address });
    const welcome: GatewayWelcome = {
      protocol: GATEWAY_PROTOCOL_VERSION,
      gatewayVersion: APP_VERSION,
      wardName: options.wardName,
      serverTimeMs: clock(),
      principal,
      tokenExpiresAtMs: (socket.data.access as { expiresAtMs: number }).expiresAtMs,
    };
    socket.emit(GATEWAY_EVENTS.welcome, welcome);
    hub.attach(socket);
    socket.emit(WARD_EVENTS.alarms, alarms.snapshot());
    socketAuth.attach(socket);
    attachWardRequests(socket, requestContext);
    socket.on(GATEWAY_EVENTS.heartbeat, (acknowledge: unknown) => {
      // A client that sends a heartbeat without a callback gets nothing; it must not crash the gateway.
      // Its time is the alarm clock's, from which stations learn gateway time (common/wire/gateway-time.ts).
      if (typeof acknowledge === 'function') acknowledge({ serverTimeMs: clock() });
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
  const url = `${options.tls ? 'https' : 'http'}://${formatHost(options.host)}:${address.port}`;
  logger.info('gateway listening', { url, ward: options.wardName, protocol: GATEWAY_PROTOCOL_VERSION, tls: Boolean(options.tls) });

  return {
    url,
    connectedClients: () => io.of('/').sockets.size,
    stats: () => stats,
    setScenario,
    auth,
    close: async () => {
      hub.stop();
      // What the engine raised last is written before the database closes, unless the journal is failing.
      await Promise.race([alarms.drained(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      alarms.stop();
      socketAuth.stop();
      clearInterval(pruneTimer);
      await disclosure?.flushAll();
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

/**
 * The measurements a bed's channels carry from its first second: those the gateway derives from a wave when the
 * device does not send them (ECG → HR, respiration → RR, arterial line → ABP). SpO2 cannot be derived from a
 * pleth, so it counts once the device has reported it (a recording without SpO2 has none to lose).
 */
function monitoredNumerics(channels: readonly SourceChannel[]): MonitoredNumeric[] {
  const monitored = new Set<MonitoredNumeric>();
  for (const channel of channels) {
    const family = channelByKey(channel.key).family;
    if (family === 'ecg') monitored.add('HR');
    else if (family === 'resp') monitored.add('RR');
    else if (channel.key === 'ABP') monitored.add('ABP_SYS');
  }
  return [...monitored];
}
