/**
 * The ward gateway's server: the sign-in API (auth/auth-http.ts) and the socket.io server on one HTTP or HTTPS
 * port. A client's handshake must carry a supported protocol version and a valid access token; every request
 * after that is authorized (auth/socket-auth.ts) and handled (ward-request-handlers.ts); the beds stream to
 * subscribers (stream-hub.ts). With an HL7 port it takes devices, ADT and alarm-manager replies (devices/,
 * census/), and forwards alarms and vitals to the hospital's systems (alarm-reporting/, emr/).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'socket.io';
import { createStationPort, listenForStations, type GatewayTls } from './http/station-port';
import { APP_VERSION } from '../common/app-version';
import type { Logger } from '../common/logging/logger';
import { describePrincipal } from '../common/identity/principal';
import { createGatewayClock, type GatewayClock } from './streaming/gateway-clock';
import { emptyGatewayStats, type GatewayStats } from './streaming/gateway-stats';
import { DEFAULT_STREAM_TIMING, startStreamHub, type StreamHubOptions } from './streaming/stream-hub';
import { buildCensus, registerBeds, type WardBed } from './streaming/ward-registry';
import { GATEWAY_EVENTS, GATEWAY_PROTOCOL_VERSION, type GatewayWelcome } from '../common/wire/gateway-handshake';
import type { GatewayError } from '../common/wire/gateway-reply';
import type { GatewayIdentity } from './identity/gateway-identity';
import { createAccessTokens } from './auth/access-tokens';
import { createAuthService, type AuthService, type RevocationHandle } from './auth/auth-service';
import { handleAuthRequest } from './auth/auth-http';
import {
  createPasswordCheckGate,
  DEFAULT_PASSWORD_CHECK_BOUNDS,
  type PasswordCheckBounds,
} from './auth/password-check-gate';
import { createSignInLimiter, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/sign-in-limiter';
import { createSocketAuth } from './auth/socket-auth';
import { attachWardRequests, relayedWardRequests, type WardRequestContext } from './ward-request-handlers';
import type { FanoutBus } from './fanout/fanout-bus';
import { serveFanoutNodes, type LeaderFanout } from './fanout/leader-fanout';
import { requireHandshake } from './auth/client-handshake';
import { holdAlarmPolicy } from './alarms/alarm-policy-holder';
import { observeBeds } from './alarms/bed-observation';
import { startDisclosurePruner } from './disclosure/disclosure-pruner';
import { createSecurityEventLog } from './security/security-log';
import { startSyslogForwarder, type SyslogTarget } from './security/syslog-forwarder';
import { startJournalSelfCheck } from './alarms/journal-self-check';
import type { DisclosureStore } from './disclosure/disclosure-store';
import { censusLookup } from './streaming/census-lookup';
import { createWardAlarmService } from './alarms/ward-alarm-service';
import { WARD_EVENTS, type NumericValues } from '../common/wire/ward-messages';
import { channelByKey } from '../common/wire/channel-catalog';
import type { SourceChannel } from './sources/bed-source';
import { AnalysedBed } from './analysis/analysed-bed';
import type { MonitoredNumeric } from './alarms/alarm-rules';
import { DeviceFedBed } from './devices/device-fed-bed';
import { startDeviceIntake, type DeviceIntake, type Hl7ListenOptions } from './devices/device-intake';
import { startAlarmReporter } from './alarm-reporting/alarm-reporter';
import { startCensusService } from './census/census-service';
import { startVitalsExport } from './emr/vitals-export';
import { startDeviceAlarmStatus } from './alarm-reporting/device-alarm-status';
import { startTrendRecorder } from './trends/trend-recorder';
import { startEarlyWarning } from './scores/early-warning-service';
import type { MllpTarget } from './hl7/mllp-sender';
import { handleFhirRequest, type FhirContext } from './fhir/fhir-api';
import { createFhirValidator } from './fhir/fhir-validator';
import { startRemoteProgramme } from './remote/remote-programme';

export type { GatewayTls } from './http/station-port';

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
  /** How many password checks may run and wait at once. */
  readonly passwordChecks?: PasswordCheckBounds;
  /** Serve HTTPS and WSS with this certificate instead of plain HTTP. */
  readonly tls?: GatewayTls | null;
  /** Where every bed's waveforms are kept for review; none without a data folder. */
  readonly disclosure?: DisclosureStore | null;
  /** The hospital's syslog collector (SIEM) for security events; none by default. */
  readonly syslog?: SyslogTarget | null;
  /** Listen for HL7 (MLLP) from devices on this port; none by default. */
  readonly hl7?: Hl7ListenOptions | null;
  /** Forward every alarm change as PCD-04 to this IHE ACM Alarm Manager (nurses' phones); none by default. */
  readonly alarmManager?: MllpTarget | null;
  /** Send every bed's vitals as PCD-01 to this EMR (interval in the ward policy); none by default. */
  readonly emr?: MllpTarget | null;
  /** Report the status of devices' own alarms (PCD-05) to their vendor's gateway here; none by default. */
  readonly deviceAlarmStatus?: MllpTarget | null;
  /** The span of NEWS2's medians; five minutes by default (early-warning-board.ts). */
  readonly news2WindowMs?: number;
  /**
   * The bus to the ward's fan-out nodes (gateway/fanout/): this gateway leads, publishes its stream there and
   * answers the nodes' calls; its broadcasts reach their stations. None by default.
   */
  readonly fanout?: FanoutBus | null;
}

/** A running gateway. */
export interface GatewayServer {
  /** The address clients connect to, e.g. `http://127.0.0.1:8420` (https with TLS). */
  readonly url: string;
  /** Clients that completed the handshake, now. */
  connectedClients(): number;
  /** Stream and authorization counters (samples, frames, bytes, drops, refusals…). */
  stats(): Readonly<GatewayStats>;
  /** The HL7 (MLLP) port, or null when the gateway does not listen for HL7. */
  readonly hl7Port: number | null;
  /** The MLLP listener's and the HL7 intake's counters. */
  hl7Counts(): ReturnType<DeviceIntake['counts']>;
  /** Switches a simulated bed's scenario; returns the refusal (UNKNOWN_BED, REFUSED), or null when done. */
  setScenario(bedId: string, scenario: string): GatewayError | null;
  /** Sign-in, tokens and enrollment (what the /auth/ API serves). */
  readonly auth: AuthService;
  /** Stops accepting, disconnects every client and releases the port. */
  close(): Promise<void>;
}

const DEFAULT_ACCESS_TOKEN_SECONDS = 300;

/** Starts a gateway and resolves once it listens. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger } = options;
  const stats = emptyGatewayStats();
  const tokens = createAccessTokens(options.accessTokenSeconds ?? DEFAULT_ACCESS_TOKEN_SECONDS);
  const identity = options.identity ?? null;
  const stores = identity?.stores ?? null;
  const security = createSecurityEventLog({
    store: () => identity?.opened()?.security ?? null,
    syslog: options.syslog ? startSyslogForwarder(options.syslog, logger.child('syslog')) : null,
    logger: logger.child('security'),
  });
  // The socket side is created after the server below; revocations reach it through this indirection.
  let revoke: (handle: RevocationHandle) => void = () => undefined;
  const auth = createAuthService(
    stores,
    tokens,
    createSignInLimiter(options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS),
    createPasswordCheckGate(options.passwordChecks ?? DEFAULT_PASSWORD_CHECK_BOUNDS),
    (handle) => revoke(handle),
    logger.child('auth'),
    security,
  );

  // The FHIR API (issue 16) reads the ward, set up below; until then /fhir answers 404 like any unknown path.
  let fhir: FhirContext | null = null;
  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (handleAuthRequest(request, response, auth, logger.child('auth'))) return;
    if (fhir !== null && handleFhirRequest(request, response, fhir)) return;
    // socket.io answers its own path before this handler runs; anything else does not exist.
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  };
  const { http, io } = createStationPort(options.tls ?? null, onRequest);
  const fanoutLink = options.fanout ? options.fanout.link() : null;
  if (fanoutLink !== null) io.adapter(fanoutLink.adapter);
  // Set once the handlers exist (below); until then a node's calls find no leader and its stations wait.
  let leaderFanout: LeaderFanout | null = null;
  const socketAuth = createSocketAuth(io, auth, stats, logger.child('auth'));
  revoke = (handle) => {
    socketAuth.revoke(handle);
    leaderFanout?.revoke(handle);
  };
  requireHandshake(io, socketAuth, stats, logger, security);
  // The gateway checks its own journal while it runs (hourly) and anchors its head (every minute).
  let stopSelfCheck: () => void = () => undefined;
  identity?.stores.then(
    (opened) => (stopSelfCheck = startJournalSelfCheck(opened.journal, logger.child('journal'), security)),
    () => undefined,
  );

  const clock = options.clock ?? createGatewayClock();
  // Every bed's waves go through the gateway's own analysis (no source tells the alarm engine its rhythm).
  const beds = registerBeds(
    (options.beds ?? []).map((bed) => ({ bedId: bed.bedId, source: new AnalysedBed(bed.source) })),
  );
  const policy = holdAlarmPolicy(stores, logger);
  // One clock for alarm time (DESIGN.md §3): onset, acknowledgment, pause and escalation all read the gateway's
  // monotonic clock, which a step of the system clock does not move.
  const alarms = createWardAlarmService({
    beds: beds.map((bed) => ({
      bedId: bed.bedId,
      label: bed.source.label,
      // A device-fed bed measures what its devices send, learned as they send it, not what its channels could carry.
      monitored: bed.source.device instanceof DeviceFedBed ? [] : monitoredNumerics(bed.source.channels),
    })),
    policy: policy.current,
    journal: stores === null ? null : stores.then((ready) => ready.journal),
    logger: logger.child('alarms'),
    now: clock,
  });
  // One snapshot per turn of the event loop: a storm of device alarms (each message its own change) costs one
  // broadcast per turn instead of one per change, and no change waits longer than the turn it happened in.
  let snapshotDue = false;
  alarms.onChange(() => {
    if (snapshotDue) return;
    snapshotDue = true;
    setImmediate(() => {
      snapshotDue = false;
      io.emit(WARD_EVENTS.alarms, alarms.snapshot());
    });
  });
  const disclosure = options.disclosure ?? null;
  // Every bed's NEWS2 (issue 16): scored each second, sent with its numerics, judged for advisories, trended.
  const earlyWarning = startEarlyWarning({
    store: stores === null ? null : stores.then((ready) => ready.charting),
    alarms,
    now: clock,
    logger: logger.child('news2'),
    ...(options.news2WindowMs === undefined ? {} : { windowMs: options.news2WindowMs }),
  });
  // Who lies in which bed, by the hospital's ADT (issue 15); the census goes out again whenever it changes.
  let censusChanged: () => void = () => undefined;
  const census = startCensusService({
    beds: beds.map((bed) => ({ bedId: bed.bedId, label: bed.source.label })),
    wardName: options.wardName,
    store: stores === null ? null : stores.then((ready) => ready.census),
    alarms: {
      patientLeft: (bedId) => {
        alarms.patientLeft(bedId);
        earlyWarning.patientLeft(bedId);
      },
    },
    onChange: () => censusChanged(),
    logger: logger.child('census'),
  });
  const alarmPatientOf = (bedId: string): { mrn: string; name: string } | null | undefined => {
    const occupant = census.occupantOf(bedId);
    return occupant === undefined || occupant === null ? occupant : { mrn: occupant.mrn, name: occupant.name };
  };
  // What stations were last sent of each bed: the vitals the EMR export reports.
  const latestNumerics = new Map<string, NumericValues>();
  // Every bed's numerics as one-minute trends (issue 16), written behind the stream.
  const trendRecorder = startTrendRecorder({
    store: stores === null ? null : stores.then((ready) => ready.trends),
    bedIdOf: (bed) => beds[bed]?.bedId,
    keepHours: () => policy.current().trendHours,
    now: clock,
    logger: logger.child('trends'),
  });
  const observation = observeBeds(beds, alarms, policy.current, alarmPatientOf, earlyWarning.scoreOf);
  // The ward's beds with their patients at a moment: what stations are sent, and what the FHIR API serves.
  const censusAt = (nowMs: number) =>
    buildCensus(options.wardName, beds, nowMs, (bedId) => census.patientOf(bedId, nowMs));
  const hub = startStreamHub(io, beds, censusAt, clock, stats, logger, options.timing ?? DEFAULT_STREAM_TIMING, {
    ...observation,
    onNumerics: (nowMs, measured) => {
      observation.onNumerics?.(nowMs, measured);
      for (const numerics of measured) {
        const bed = beds[numerics.bed];
        if (bed === undefined) continue;
        latestNumerics.set(bed.bedId, numerics.values);
        earlyWarning.observe(bed.bedId, nowMs, numerics.values);
      }
      trendRecorder.observe(nowMs, measured, (bedId) => ({
        NEWS2: { value: earlyWarning.scoreOf(bedId)?.total ?? null },
      }));
    },
    annotate: (bed, numerics) => {
      const score = earlyWarning.scoreOf(bed.bedId);
      return score === null ? numerics : { ...numerics, earlyWarning: score };
    },
    onSamples:
      disclosure === null ? undefined : (bed, chunks) => disclosure.record(bed.bedId, chunks, bed.source.channels),
    onTickSent: (tick, batchTimeMs) => leaderFanout?.publishTick(tick, batchTimeMs),
    onNumericsSent: (all) => leaderFanout?.publishNumerics(all),
    onCensus: (current) => leaderFanout?.publishCensus(current),
  });
  censusChanged = () => hub.censusChanged();
  // Waveforms that cannot be kept are a technical alarm at every station, not a counter nobody reads.
  const stopDisclosureWatch =
    disclosure === null
      ? () => undefined
      : disclosure.onProblemChange(() => alarms.reportGatewayProblem('DISCLOSURE_FAILURE', disclosure.problem()));
  const stopPruning =
    disclosure === null
      ? () => undefined
      : startDisclosurePruner(disclosure, () => policy.current().fullDisclosureHours, logger, clock);

  const bedSources = new Map(beds.map((bed) => [bed.bedId, bed.source.device]));
  const setScenario = (bedId: string, scenario: string): GatewayError | null => {
    const device = bedSources.get(bedId);
    if (device === undefined) return { code: 'UNKNOWN_BED', message: `no bed "${bedId}" in this ward` };
    if (device.scenarioControl === undefined)
      return { code: 'REFUSED', message: `bed "${bedId}" replays a recording; only simulated beds change scenario` };
    const refusal = device.scenarioControl.play(scenario);
    if (refusal === null) logger.info('scenario changed', { bedId, scenario });
    return refusal;
  };
  const reporter =
    options.alarmManager === undefined || options.alarmManager === null
      ? null
      : startAlarmReporter({
          target: options.alarmManager,
          alarms,
          bedOf: (bedId, bedLabel) => {
            const bed = beds.find((candidate) => candidate.bedId === bedId);
            const occupant = census.occupantOf(bedId);
            const patient = occupant === undefined ? (bed?.source.patient ?? null) : occupant;
            return {
              wardName: options.wardName,
              bedLabel,
              patient: patient === null ? null : { name: patient.name, mrn: patient.mrn },
            };
          },
          now: clock,
          logger: logger.child('alarm-reporter'),
        });
  const vitals =
    options.emr === undefined || options.emr === null
      ? null
      : startVitalsExport({
          target: options.emr,
          wardName: options.wardName,
          beds: beds.map((bed) => ({ bedId: bed.bedId, label: bed.source.label })),
          numericsOf: (bedId) => latestNumerics.get(bedId),
          patientOf: (bedId) => alarmPatientOf(bedId) ?? null,
          intervalMinutes: () => policy.current().vitalsToEmrMinutes,
          now: clock,
          logger: logger.child('emr'),
        });
  const deviceStatus =
    options.deviceAlarmStatus === undefined || options.deviceAlarmStatus === null
      ? null
      : startDeviceAlarmStatus({
          target: options.deviceAlarmStatus,
          wardName: options.wardName,
          alarms,
          now: clock,
          logger: logger.child('device-alarm-status'),
        });
  // A taken HL7 port fails the start; what started before it stops again, so the caller holds nothing open.
  const devices = await startDeviceIntake(
    {
      host: options.host,
      hl7: options.hl7 ?? null,
      wardName: options.wardName,
      beds: beds.flatMap((bed) =>
        bed.source.device instanceof DeviceFedBed
          ? [{ bedId: bed.bedId, label: bed.source.label, source: bed.source.device }]
          : [],
      ),
      alarms,
      assignments: stores === null ? null : stores.then((ready) => ready.devices),
      onCensusChange: () => hub.censusChanged(),
      admit: (message) => census.handleAdt(message),
      patientOf: alarmPatientOf,
      now: clock,
      logger: logger.child('devices'),
    },
    (event) => alarms.recordEvent(event),
  ).catch(async (error: unknown) => {
    reporter?.stop();
    vitals?.stop();
    deviceStatus?.stop();
    trendRecorder.stop();
    hub.stop();
    alarms.stop();
    stopPruning();
    stopDisclosureWatch();
    leaderFanout?.stop();
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await fanoutLink?.close();
    throw error;
  });
  // Patients at home and their devices' readings (issue 16), and the FHIR API that takes them and serves the ward.
  const remote = startRemoteProgramme({
    store: stores === null ? null : stores.then((ready) => ready.remote),
    alarms,
    now: clock,
    logger: logger.child('remote'),
  });
  const validator = createFhirValidator();
  fhir = {
    version: APP_VERSION,
    beds: () => censusAt(clock()).beds,
    latestNumerics: (bedId) => latestNumerics.get(bedId),
    trends: () => identity?.opened()?.trends ?? null,
    alarms: () => alarms.snapshot().alarms,
    hl7Devices: () => devices.list(),
    remote,
    validator,
    verifyUser: async (token) => {
      const verified = await auth.verifyAccess(token);
      return typeof verified === 'string' ? null : verified.principal;
    },
    now: clock,
    logger: logger.child('fhir'),
  };
  const requestContext: WardRequestContext = {
    io,
    hub,
    alarms,
    earlyWarning,
    remote,
    settings: () => identity?.opened()?.settings ?? null,
    journal: () => identity?.opened()?.journal ?? null,
    history: () => identity?.opened()?.history ?? null,
    trends: () => identity?.opened()?.trends ?? null,
    users: () => identity?.opened()?.users ?? null,
    security,
    journalSettingsChange: async (event) => alarms.recordEvent(event),
    revoke: (handle) => revoke(handle),
    disclosure,
    channelsOf: censusLookup(beds),
    settingsChanged: policy.adopt,
    setScenario,
    devices,
    sendVitals: vitals === null ? null : (bedId) => vitals.sendNow(bedId),
    counters: stats,
    logger,
    now: Date.now,
  };

  if (fanoutLink !== null)
    leaderFanout = serveFanoutNodes({
      io,
      auth,
      request: relayedWardRequests(requestContext),
      joined: () => ({
        wardName: options.wardName,
        gatewayVersion: APP_VERSION,
        census: hub.census(),
        alarms: alarms.snapshot(),
      }),
      counters: stats,
      security,
      logger: logger.child('fanout'),
    });

  io.on('connection', (socket: Socket) => {
    const stationName = String(socket.data.stationName);
    const principal = socketAuth.principalOf(socket);
    logger.info('client connected', {
      station: stationName,
      as: describePrincipal(principal),
      address: socket.handshake.address,
    });
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

  const url = await listenForStations(http, options.host, options.port, Boolean(options.tls));
  logger.info('gateway listening', {
    url,
    ward: options.wardName,
    protocol: GATEWAY_PROTOCOL_VERSION,
    tls: Boolean(options.tls),
  });

  return {
    url,
    connectedClients: () => io.of('/').sockets.size,
    stats: () => stats,
    setScenario,
    hl7Port: devices.port,
    hl7Counts: () => devices.counts(),
    auth,
    close: async () => {
      fhir = null;
      await devices.close();
      remote.stop();
      await validator.close();
      hub.stop();
      reporter?.stop();
      vitals?.stop();
      deviceStatus?.stop();
      // What the engine raised last is written before the database closes, unless the journal is failing.
      await Promise.race([alarms.drained(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      alarms.stop();
      socketAuth.stop();
      stopPruning();
      stopDisclosureWatch();
      stopSelfCheck();
      await security.close();
      await disclosure?.flushAll();
      // The minutes collected so far are written before the database closes, unless it is failing.
      trendRecorder.stop();
      await Promise.race([trendRecorder.flush(true), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      // io.close() drops the transports without a socket.io disconnect packet, so clients see a transport close
      // and reconnect with back-off, as they should after a gateway restart.
      leaderFanout?.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await fanoutLink?.close();
      logger.info('gateway stopped', { url, ...stats });
    },
  };
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
