/**
 * Every edge the fuzz suite feeds, each with its inputs (test/fuzz/fuzz-inputs.ts), what counts as a crash there,
 * and a check that it still works afterwards. Parsers are called in this process; the network edges are the real
 * servers, started here on loopback: a ward gateway with its HL7 port (socket events, sign-in HTTP, FHIR, MLLP)
 * and a browser host with its station runtime (the page's WebSocket), and a two-gateway ward's fan-out bus
 * (fuzz-bus-target.ts). What the servers do with an input is theirs
 * to decide — refuse, count, drop — but an HTTP 5xx, a request the gateway never answers, an exception escaping a
 * parser (other than a parser's own documented error) or an unhandled rejection anywhere is a failure.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { CALL_CHANNELS } from '../../common/ipc/channels';
import { BROWSER_HOST_PROTOCOL, launchKeyProtocol } from '../../common/ipc/host-wire';
import { stationIdentitySchema } from '../../common/station/station-identity';
import { decodeBatch } from '../../common/wire/frame-codec';
import { GATEWAY_EVENTS, GATEWAY_PROTOCOL_VERSION } from '../../common/wire/gateway-handshake';
import { AUTH_PATHS } from '../../common/wire/gateway-auth';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { WARD_REQUESTS, type WardRequestName } from '../../common/wire/ward-requests';
import { DEFAULT_REMOTE_THRESHOLDS } from '../../common/wire/remote-patients';
import { MllpFramer, mllpFrame, MLLP_END, MLLP_START } from '../../gateway/hl7/mllp-framer';
import { parseHl7, patientLocation, sendingApplicationId } from '../../gateway/hl7/hl7-message';
import { readAdt } from '../../gateway/hl7/adt-message';
import { readPcd01Numerics } from '../../gateway/hl7/pcd01-numerics';
import { readPcd01Waveforms } from '../../gateway/hl7/pcd01-waveforms';
import { readPcd04Alarms } from '../../gateway/hl7/pcd04-alarms';
import { readPcd05Status } from '../../gateway/hl7/pcd05-status';
import { parseWfdbHeader } from '../../gateway/wfdb/wfdb-header';
import { parseMitAnnotations } from '../../gateway/wfdb/wfdb-annotations';
import { WfdbError } from '../../gateway/wfdb/wfdb-error';
import type { WardGateway } from '../../gateway/ward-gateway';
import { startBrowserHost } from '../../main/browser-host/browser-host';
import { startStationRuntime } from '../../main/station/station-runtime';
import { bloodPressureObservation } from '../support/fhir-observations';
import { demoAccount, postAuth, signInDemo, socketWithToken, welcomed } from '../support/gateway-access';
import { hl7Fixture, startHl7Gateway } from '../support/hl7-ward';
import { PHYSIONET } from '../support/physionet';
import { createRecordingLogger } from '../support/recording-logger';
import { validWardPayloads } from '../support/ward-request-payloads';
import { bytesLike, mutatedText, payloadLike, textLike } from './fuzz-inputs';
import { busTarget } from './fuzz-bus-target';
import { testStationOptions } from '../support/station-options';

/** One edge: feed it one input; `failure` is a reason when the edge misbehaved on it, null otherwise. */
export interface FuzzTarget<T = unknown> {
  readonly name: string;
  /** Its share of a run's inputs (weights, normalised by the runner). */
  readonly weight: number;
  readonly inputs: fc.Arbitrary<T>;
  feed(input: T): Promise<string | null> | string | null;
  /** After the target's inputs: null when the edge still does its job, else what is wrong. */
  stillWorks(): Promise<string | null>;
  /** Anything else the run should say of this edge (what it counted). */
  notes?(): string;
}

/** The servers and the targets over them; close when done. */
export interface FuzzBench {
  readonly targets: readonly FuzzTarget[];
  close(): Promise<void>;
}

const HL7_FIXTURES = readdirSync(join('test', 'fixtures', 'hl7'))
  .filter((name) => name.endsWith('.hl7'))
  .map((name) => hl7Fixture(name));

function physionetFiles(extension: string, limit: number): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (found.length >= limit) return;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(extension)) found.push(path);
    }
  };
  walk(PHYSIONET);
  return found;
}

const expectedOnly =
  (allowed: (error: unknown) => boolean) =>
  (work: () => unknown): string | null => {
    try {
      work();
      return null;
    } catch (error) {
      return allowed(error)
        ? null
        : `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    }
  };
const neverThrows = expectedOnly(() => false);

/** Parsers in this process: the waveform batch decoder, MLLP framing, HL7 and its readers, WFDB. */
function parserTargets(realBatches: readonly Uint8Array[]): FuzzTarget[] {
  const headers = physionetFiles('.hea', 40).map((path) => readFileSync(path, 'utf8'));
  const annotations = physionetFiles('.atr', 4).map((path) => new Uint8Array(readFileSync(path).subarray(0, 4096)));
  const framed = HL7_FIXTURES.map((message) => new Uint8Array(mllpFrame(message)));
  return [
    {
      name: 'binary waveform batches (decodeBatch)',
      weight: 30,
      inputs: bytesLike(realBatches),
      feed: (bytes) => neverThrows(() => decodeBatch(bytes)),
      stillWorks: async () =>
        realBatches.every((batch) => decodeBatch(batch).ok) ? null : 'a real batch no longer decodes',
    } satisfies FuzzTarget<Uint8Array>,
    {
      name: 'MLLP framing (reads split anywhere)',
      weight: 5,
      inputs: fc.tuple(bytesLike(framed), fc.array(fc.nat(), { maxLength: 6 })),
      feed: ([bytes, cuts]) =>
        neverThrows(() => {
          const framer = new MllpFramer(64 * 1024);
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          let from = 0;
          for (const point of [...points, bytes.length]) {
            framer.push(Buffer.from(bytes.subarray(from, point)));
            from = point;
          }
        }),
      stillWorks: async () => {
        const events = new MllpFramer(64 * 1024).push(Buffer.from(framed[0] as Uint8Array));
        return events.length === 1 && events[0]?.kind === 'frame' ? null : 'a real frame is no longer read';
      },
    } satisfies FuzzTarget<[Uint8Array, number[]]>,
    {
      name: 'HL7 messages (parse, ADT, PCD-01, PCD-04, PCD-05)',
      weight: 20,
      inputs: textLike(HL7_FIXTURES),
      feed: (text) =>
        neverThrows(() => {
          const parsed = parseHl7(text);
          if (!parsed.ok) return;
          readAdt(parsed.message);
          readPcd01Numerics(parsed.message);
          readPcd01Waveforms(parsed.message);
          readPcd04Alarms(parsed.message);
          readPcd05Status(parsed.message);
          patientLocation(parsed.message);
          sendingApplicationId(parsed.message);
        }),
      stillWorks: async () =>
        HL7_FIXTURES.every((message) => parseHl7(message).ok) ? null : 'a real message no longer parses',
    } satisfies FuzzTarget<string>,
    {
      name: 'WFDB headers and annotations',
      weight: 15,
      inputs: fc.oneof(
        { weight: 3, arbitrary: textLike(headers).map((text) => ({ kind: 'header' as const, text })) },
        { weight: 1, arbitrary: bytesLike(annotations).map((bytes) => ({ kind: 'annotations' as const, bytes })) },
      ),
      // A WFDB file that cannot be read is a WfdbError saying why (wfdb-error.ts); anything else is a bug.
      feed: (input) =>
        expectedOnly((error) => error instanceof WfdbError)(() =>
          input.kind === 'header'
            ? parseWfdbHeader(input.text, 'fuzz.hea')
            : parseMitAnnotations(input.bytes, 'fuzz.atr'),
        ),
      stillWorks: async () => {
        parseWfdbHeader(headers[0] as string, 'real.hea');
        return null;
      },
    } satisfies FuzzTarget<{ kind: 'header'; text: string } | { kind: 'annotations'; bytes: Uint8Array }>,
  ];
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** An answer within `ms`, or null. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([promise, sleep(ms).then(() => null)]);
}

/** The gateway's socket events: every ward request with fuzzed payloads, the other events, hostile handshakes. */
function socketTargets(url: string, userToken: () => Promise<string>, seedToken: string): FuzzTarget[] {
  const valid = validWardPayloads();
  // The admin may do the most, so its socket reaches the most handlers. A message over the gateway's 64 kB limit
  // closes the connection (socket.io's guard, by design); the fuzz then connects again, as a station would, and
  // counts it. A connection dropped after anything smaller is a failure.
  let admin: Socket | null = null;
  let adminToken: string | null = null;
  let reconnects = 0;
  let sinceOversized = Number.POSITIVE_INFINITY;
  const connectAdmin = async (): Promise<Socket> => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      adminToken ??= (await signInDemo(url, 'admin', 'Fuzz admin')).accessToken;
      const socket = socketWithToken(url, adminToken, 'station', 'Fuzz admin');
      const ok = await within(
        welcomed(socket).then(
          () => true,
          () => false,
        ),
        10_000,
      );
      if (ok === true) return socket;
      socket.close();
      adminToken = null;
    }
    throw new Error('the admin could not connect again');
  };
  const ensureAdmin = async (): Promise<Socket> => {
    if (admin?.connected === true) return admin;
    if (admin !== null) reconnects += 1;
    admin = await connectAdmin();
    return admin;
  };
  const wireSize = (payload: unknown): number => {
    try {
      return JSON.stringify(payload)?.length ?? 0;
    } catch {
      return 0;
    }
  };
  const requestNames = Object.keys(WARD_REQUESTS) as WardRequestName[];
  const otherEvents = [
    ...Object.values(WARD_EVENTS).filter((event) => !requestNames.some((name) => WARD_REQUESTS[name].event === event)),
    ...Object.values(GATEWAY_EVENTS),
  ];
  const request = fc.constantFrom(...requestNames).chain((name) =>
    fc.record({
      kind: fc.constant('request' as const),
      event: fc.constant(WARD_REQUESTS[name].event),
      payload: payloadLike([valid[name]]),
      withAck: fc.boolean().map((ack) => ack || Math.random() < 0.8),
    }),
  );
  const other = fc.record({
    kind: fc.constant('other' as const),
    event: fc.oneof(fc.constantFrom(...otherEvents), fc.string({ maxLength: 40 })),
    payload: payloadLike([null, { beds: 'all' }, new Uint8Array(16), { token: 'not-a-token' }]),
    withAck: fc.boolean(),
  });
  return [
    {
      name: 'socket events (every ward request, every event)',
      weight: 18,
      inputs: fc.oneof({ weight: 4, arbitrary: request }, { weight: 1, arbitrary: other }),
      feed: async (input) => {
        const socket = await ensureAdmin();
        // The gateway may close the connection a few messages after an oversized one was sent without waiting.
        if (wireSize(input.payload) > 60_000) sinceOversized = 0;
        else sinceOversized += 1;
        const oversized = sinceOversized < 10;
        let answer: unknown = null;
        if (input.withAck && input.kind === 'request') {
          answer = await within(
            socket
              .timeout(10_000)
              .emitWithAck(input.event, input.payload)
              .catch(() => null),
            10_500,
          );
        } else {
          // Events that are not requests have no answer to wait for (an acknowledgement callback is still offered
          // now and then: a handler must not call one it was not meant to get).
          if (input.withAck) socket.emit(input.event, input.payload, () => undefined);
          else socket.emit(input.event, input.payload);
          // A moment for the gateway to read it, so that a drop it causes is seen with this input.
          await sleep(0);
        }
        if (oversized) return null;
        if (!socket.connected && input.event !== GATEWAY_EVENTS.authenticate)
          return `the gateway dropped the connection after ${input.event}`;
        if (input.kind === 'other' || !input.withAck || !socket.connected) return null;
        if (answer === null || typeof answer !== 'object' || typeof (answer as { ok?: unknown }).ok !== 'boolean')
          return `${input.event} was not answered with a reply (${JSON.stringify(answer)?.slice(0, 80)})`;
        return null;
      },
      stillWorks: async () => {
        const socket = await ensureAdmin();
        const reply = (await socket
          .timeout(10_000)
          .emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: false })
          .catch(() => null)) as {
          ok?: boolean;
        } | null;
        socket.close();
        return reply?.ok === true ? null : `subscribe after the fuzz: ${JSON.stringify(reply)}`;
      },
      notes: () => `${reconnects} reconnections after oversized messages`,
    } satisfies FuzzTarget<{ kind: 'request' | 'other'; event: string; payload: unknown; withAck: boolean }>,
    {
      name: 'socket handshakes (fuzzed hello)',
      weight: 1,
      inputs: payloadLike([
        { protocol: GATEWAY_PROTOCOL_VERSION, client: 'station', stationName: 'Fuzz', token: seedToken },
        { protocol: GATEWAY_PROTOCOL_VERSION, client: 'stream', stationName: 'Fuzz' },
      ]),
      feed: async (hello) => {
        const { io } = await import('socket.io-client');
        const socket = io(url, {
          auth: hello as Record<string, unknown>,
          transports: ['websocket'],
          reconnection: false,
        });
        const outcome = await within(
          new Promise<string>((done) => {
            socket.once('welcome', () => done('welcome'));
            socket.once('connect_error', () => done('refused'));
            socket.once('disconnect', () => done('dropped'));
          }),
          10_000,
        );
        socket.close();
        return outcome === null ? 'a handshake was neither welcomed nor refused in 10 s' : null;
      },
      stillWorks: async () => {
        const socket = socketWithToken(url, await userToken());
        const ok = await within(
          welcomed(socket).then(
            () => true,
            () => false,
          ),
          10_000,
        );
        socket.close();
        return ok === true ? null : 'a valid handshake is no longer welcomed';
      },
    } satisfies FuzzTarget<unknown>,
  ];
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
const CONTENT_TYPES = [
  'application/json',
  'application/fhir+json',
  'application/x-www-form-urlencoded',
  'text/plain',
  '',
  'multipart/form-data; boundary=x',
];

/** Sends a raw request; the status, or null when the server dropped it without an answer. */
async function httpStatus(url: string, init: RequestInit): Promise<number | null> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/** Sign-in HTTP and the FHIR API of the gateway. */
function httpTargets(
  base: string,
  userToken: () => Promise<string>,
  deviceToken: string,
  patientId: string,
): FuzzTarget[] {
  const account = demoAccount('nurse');
  const authBodies = [
    JSON.stringify({
      username: account.username,
      password: 'wrong password',
      stationName: 'Fuzz',
      staySignedIn: false,
    }),
    JSON.stringify({ refreshToken: 'x'.repeat(40) }),
    JSON.stringify({ stationName: 'Fuzz', enrollmentCode: '123456' }),
  ];
  const observation = JSON.stringify({
    ...bloodPressureObservation(150, 90),
    subject: { reference: `Patient/${patientId}` },
  });
  const fhirPaths = [
    '/fhir/metadata',
    `/fhir/Patient/${patientId}`,
    '/fhir/Patient',
    `/fhir/Observation?patient=${patientId}&date=ge2020-01-01`,
    '/fhir/Observation?code=8867-4&_count=5',
    '/fhir/Device',
    '/fhir/Location',
  ];
  return [
    {
      name: 'sign-in HTTP (every auth path)',
      weight: 4,
      inputs: fc.record({
        path: fc.oneof(fc.constantFrom(...Object.values(AUTH_PATHS)), mutatedText(Object.values(AUTH_PATHS))),
        method: fc.constantFrom(...HTTP_METHODS),
        type: fc.constantFrom(...CONTENT_TYPES),
        body: textLike(authBodies),
      }),
      feed: async ({ path, method, type, body }) => {
        const target = `${base}/${path.replace(/^\/+/, '')}`;
        if (!URL.canParse(target)) return null;
        const status = await httpStatus(target, {
          method,
          headers: type === '' ? {} : { 'Content-Type': type },
          ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
        });
        if (status === null) return `${method} ${path}: no answer`;
        return status >= 500 ? `${method} ${path}: HTTP ${status}` : null;
      },
      stillWorks: async () => {
        const answer = await postAuth(base, AUTH_PATHS.signIn, {
          username: 'no-such-user',
          password: 'whatever it is',
          stationName: 'Fuzz',
          staySignedIn: false,
        });
        return answer.status === 401 || answer.status === 429 ? null : `sign-in answers ${answer.status}`;
      },
    } satisfies FuzzTarget<{ path: string; method: string; type: string; body: string }>,
    {
      name: 'FHIR API (reads and Observation uploads)',
      weight: 3,
      inputs: fc.oneof(
        fc.record({
          kind: fc.constant('read' as const),
          path: fc.oneof(fc.constantFrom(...fhirPaths), mutatedText(fhirPaths)),
          token: fc.constantFrom('user', deviceToken, 'garbage', ''),
        }),
        fc.record({
          kind: fc.constant('create' as const),
          body: textLike([observation]),
          type: fc.constantFrom(...CONTENT_TYPES),
          token: fc.constantFrom(deviceToken, deviceToken, 'user'),
        }),
      ),
      feed: async (input) => {
        // 'user' stands for a clinician's token, fresh at the time of the call (they live 5 min).
        const token = input.token === 'user' ? await userToken() : input.token;
        const headers: Record<string, string> = token === '' ? {} : { Authorization: `Bearer ${token}` };
        if (input.kind === 'read') {
          const target = `${base}/${input.path.replace(/^\/+/, '')}`;
          if (!URL.canParse(target)) return null;
          const status = await httpStatus(target, { headers });
          if (status === null) return `GET ${input.path.slice(0, 60)}: no answer`;
          return status >= 500 ? `GET ${input.path.slice(0, 60)}: HTTP ${status}` : null;
        }
        if (input.type !== '') headers['Content-Type'] = input.type;
        const status = await httpStatus(`${base}/fhir/Observation`, { method: 'POST', headers, body: input.body });
        if (status === null) return 'POST Observation: no answer';
        return status >= 500 ? `POST Observation: HTTP ${status}` : null;
      },
      stillWorks: async () => {
        const status = await httpStatus(`${base}/fhir/metadata`, {});
        return status === 200 ? null : `metadata answers ${status}`;
      },
    } satisfies FuzzTarget<
      { kind: 'read'; path: string; token: string } | { kind: 'create'; body: string; type: string; token: string }
    >,
  ];
}

/** The gateway's HL7 port: framed mutated messages, each of which must be answered (an ACK, AR for garbage). */
async function mllpTarget(port: number): Promise<FuzzTarget<string> & { close(): void }> {
  let socket: net.Socket | null = null;
  let sent = 0;
  let answered = 0;
  let buffered = Buffer.alloc(0);
  const connect = async (): Promise<net.Socket> => {
    const next = net.connect(port, '127.0.0.1');
    await new Promise<void>((done, fail) => {
      next.once('connect', () => done());
      next.once('error', fail);
    });
    sent = 0;
    answered = 0;
    buffered = Buffer.alloc(0);
    next.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      let end = buffered.indexOf(MLLP_END);
      while (end >= 0) {
        answered += 1;
        buffered = buffered.subarray(end + 1);
        end = buffered.indexOf(MLLP_END);
      }
    });
    next.on('error', () => undefined);
    next.on('close', () => {
      if (socket === next) socket = null;
    });
    return next;
  };
  const settle = async (lag: number): Promise<string | null> => {
    const deadline = Date.now() + 15_000;
    while (sent - answered > lag) {
      if (socket === null) return `the gateway closed the HL7 connection with ${sent - answered} messages unanswered`;
      if (Date.now() > deadline) return `${sent - answered} HL7 messages unanswered for 15 s`;
      await sleep(1);
    }
    return null;
  };
  // Framing bytes inside a message would split it into several frames (the framer's own fuzz covers that); here
  // every input is one frame, so that answers can be counted.
  const unframed = (text: string): string =>
    text.replaceAll(String.fromCharCode(MLLP_START), '').replaceAll(String.fromCharCode(MLLP_END), '');
  return {
    name: 'HL7 over MLLP (the gateway’s HL7 port)',
    weight: 3,
    inputs: textLike(HL7_FIXTURES).map(unframed),
    feed: async (text) => {
      socket ??= await connect();
      socket.write(mllpFrame(text));
      sent += 1;
      // Up to 32 in flight, as a device gateway with a send window would.
      return settle(32);
    },
    stillWorks: async () => {
      socket ??= await connect();
      const drained = await settle(0);
      if (drained !== null) return drained;
      socket.write(mllpFrame(HL7_FIXTURES[0] as string));
      sent += 1;
      return settle(0);
    },
    close: () => socket?.destroy(),
  };
}

/** The browser host's WebSocket, as the page (right origin, launch key) — the station API behind it. */
/** One input of the browser host's WebSocket: a call envelope, or raw text as a frame. */
type HostInput = { kind: 'call'; channel: string; request: unknown } | { kind: 'raw'; text: string };

async function browserHostTarget(): Promise<FuzzTarget<HostInput> & { close(): Promise<void> }> {
  const rendererDir = join(await mkdtemp(join(tmpdir(), 'wardwatch-fuzz-host-')), 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>WardWatch</title>');
  const logger = createRecordingLogger();
  const runtime = await startStationRuntime(
    testStationOptions({ stationName: 'Fuzz station' }),
    'browser-host',
    logger,
  );
  const host = await startBrowserHost({ port: 0, rendererDir, runtime, logger });
  const origin = new URL(host.url).origin;
  const key = new URL(host.url).hash.replace('#key=', '');
  const replies = new Map<number, (message: unknown) => void>();
  let ws: WebSocket | null = null;
  const open = async (): Promise<WebSocket> => {
    const next = new WebSocket(`${origin.replace('http', 'ws')}/ipc`, [BROWSER_HOST_PROTOCOL, launchKeyProtocol(key)], {
      headers: { Origin: origin },
    });
    await new Promise<void>((done, fail) => {
      next.once('open', () => done());
      next.once('error', fail);
    });
    next.on('message', (data) => {
      let message: { type?: string; id?: number };
      try {
        message = JSON.parse(data.toString()) as { type?: string; id?: number };
      } catch {
        return;
      }
      if (message.type === 'reply' && typeof message.id === 'number') replies.get(message.id)?.(message);
    });
    next.on('close', () => {
      if (ws === next) ws = null;
    });
    return next;
  };
  let nextId = 1;
  const call = async (channel: string, request: unknown): Promise<unknown> => {
    ws ??= await open();
    const id = nextId++;
    const answer = new Promise<unknown>((done) => replies.set(id, done));
    ws.send(JSON.stringify({ type: 'call', id, channel, request }));
    const reply = await within(answer, 10_000);
    replies.delete(id);
    return reply;
  };
  // A clinician signed in, so that the calls reach the gateway rather than stopping at "nobody signed in".
  const admin = demoAccount('admin');
  const signedIn = (await call(CALL_CHANNELS.signIn, {
    username: admin.username,
    password: admin.password,
    staySignedIn: false,
  })) as { result?: { ok?: boolean } } | null;
  if (signedIn?.result?.ok !== true)
    throw new Error(`the fuzz could not sign in at the browser host: ${JSON.stringify(signedIn)}`);
  const channels = Object.values(CALL_CHANNELS).filter(
    // Signing out or locking would only make the rest "not signed in"; both are fuzzed in the raw frames too.
    (channel) =>
      channel !== CALL_CHANNELS.signOut && channel !== CALL_CHANNELS.lockStation && channel !== CALL_CHANNELS.signIn,
  );
  const validCall = JSON.stringify({ type: 'call', id: 1, channel: CALL_CHANNELS.getAlarms });
  return {
    name: 'browser host WebSocket (station API)',
    weight: 1,
    inputs: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('call' as const),
          channel: fc.oneof(fc.constantFrom(...channels), fc.string({ maxLength: 40 })),
          request: payloadLike([undefined, { alarmId: 'a-1' }, { fromMs: 0, toMs: 1, limit: 5 }]),
        }),
      },
      { weight: 1, arbitrary: textLike([validCall]).map((text) => ({ kind: 'raw' as const, text })) },
    ),
    feed: async (input) => {
      if (input.kind === 'raw') {
        ws ??= await open();
        ws.send(input.text);
        return null;
      }
      const known = channels.includes(input.channel as (typeof channels)[number]);
      const reply = await call(input.channel, input.request);
      return reply === null && known ? `${input.channel} was not answered in 10 s` : null;
    },
    stillWorks: async () => {
      const reply = (await call(CALL_CHANNELS.getStationIdentity, undefined)) as {
        result?: { ok?: boolean; value?: unknown };
      } | null;
      return reply?.result?.ok === true && stationIdentitySchema.safeParse(reply.result.value).success
        ? null
        : `station identity after the fuzz: ${JSON.stringify(reply)?.slice(0, 120)}`;
    },
    close: async () => {
      ws?.close();
      await host.close();
      await runtime.close();
    },
  };
}

/** Starts the servers, collects real traffic to mutate, and returns every target. */
export async function startFuzzBench(): Promise<FuzzBench> {
  const gateway: WardGateway = await startHl7Gateway({ ward: { beds: 4 } });
  const base = gateway.server.url;
  const nurse = await signInDemo(base, 'nurse', 'Fuzz nurse');
  // A clinician's access token for the edges' own checks, renewed before its 5 minutes are up: the physician's,
  // since the sign-in fuzz guesses the nurse's password and the limiter then holds her sign-ins back.
  let physician = { token: '', at: 0 };
  const physicianToken = async (): Promise<string> => {
    if (Date.now() - physician.at > 120_000)
      physician = { token: (await signInDemo(base, 'physician', 'Fuzz physician')).accessToken, at: Date.now() };
    return physician.token;
  };

  // Real waveform batches, as the gateway streams them, are the seeds of the binary-frame fuzz.
  const stream = socketWithToken(base, nurse.accessToken, 'stream', 'Fuzz stream');
  const realBatches: Uint8Array[] = [];
  stream.on(WARD_EVENTS.waves, (payload: ArrayBuffer | Uint8Array) => {
    if (realBatches.length < 40)
      realBatches.push(new Uint8Array(payload instanceof ArrayBuffer ? payload : payload.slice()));
  });
  await welcomed(stream);
  await stream.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: true });
  const deadline = Date.now() + 15_000;
  while (realBatches.length < 40 && Date.now() < deadline) await sleep(50);
  stream.close();
  if (realBatches.length === 0) throw new Error('the gateway streamed no waveform batch to seed the fuzz with');

  // A home patient with a device (a nurse enrolls them), so that Observation uploads reach validation and storage.
  const nurseSocket = await welcomed(socketWithToken(base, nurse.accessToken, 'station', 'Fuzz nurse'));
  const enrolled = (await nurseSocket.emitWithAck(WARD_EVENTS.enrollRemote, {
    mrn: 'H-FUZZ01',
    name: 'FUZZ, Test',
    birthDate: '1950-01-01',
    thresholds: DEFAULT_REMOTE_THRESHOLDS,
    schedule: { 'blood-pressure': 26 },
  })) as { ok: boolean; value: { patientId: string } };
  if (!enrolled.ok) throw new Error(`could not enroll the fuzz's home patient: ${JSON.stringify(enrolled)}`);
  const registered = (await nurseSocket.emitWithAck(WARD_EVENTS.registerRemoteDevice, {
    patientId: enrolled.value.patientId,
    model: 'A&D UA-651BLE',
  })) as { ok: boolean; value: { deviceId: string; secret: string } };
  const tokenAnswer = await fetch(`${base}/fhir/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: registered.value.deviceId,
      client_secret: registered.value.secret,
    }),
  });
  const { access_token: deviceToken } = (await tokenAnswer.json()) as { access_token: string };
  nurseSocket.close();

  const mllp = await mllpTarget(gateway.server.hl7Port as number);
  const host = await browserHostTarget();
  const bus = await busTarget();
  const targets: FuzzTarget[] = [
    ...parserTargets(realBatches),
    ...socketTargets(base, physicianToken, nurse.accessToken),
    ...httpTargets(base, physicianToken, deviceToken, enrolled.value.patientId),
    mllp,
    host,
    bus,
  ] as FuzzTarget[];
  return {
    targets,
    close: async () => {
      mllp.close();
      await host.close();
      await bus.close();
      await gateway.close();
    },
  };
}
