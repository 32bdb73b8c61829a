/**
 * The fan-out bus as a fuzz edge: a ward's two gateways on a real PostgreSQL server and a real redis-server
 * (`--fanout`, gateway/fanout/), the standby serving as a fan-out node, and a member on the bus that is neither —
 * as a broken process with the bus password would be. It asks the leader's calls (token checks,
 * sign-in calls, passed-on requests, a join) with mutated and arbitrary payloads and publishes mutated ticks,
 * numerics, census, revocations and unknown events to the node and security events to the leader. Every call must be answered by the leader
 * (with a refusal where it deserves one) within the adapter's limit, nothing may throw in either gateway, and the
 * node must still sign a nurse in and stream her the leader's waveforms afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Server } from 'socket.io';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { WARD_REQUESTS, type WardRequestName } from '../../common/wire/ward-requests';
import { openFanoutBus } from '../../gateway/fanout/fanout-bus';
import { FANOUT_EVENTS, leaderAnswer } from '../../gateway/fanout/fanout-protocol';
import { startWardGateway, type WardGateway } from '../../gateway/ward-gateway';
import { DEFAULT_WARD_SETUP } from '../../gateway/ward-setup';
import { freePort } from '../support/free-port';
import { signInDemo, socketWithToken, welcomed } from '../support/gateway-access';
import { startPostgresServer } from '../support/postgres-server';
import { createRecordingLogger } from '../support/recording-logger';
import { startRedisServer } from '../support/redis-server';
import { foldersWithWardJournalKey } from '../support/ward-journal-key';
import { validWardPayloads } from '../support/ward-request-payloads';
import { payloadLike } from './fuzz-inputs';
import type { FuzzTarget } from './fuzz-targets';

type BusInput =
  | { readonly kind: 'call'; readonly event: string; readonly payload: unknown }
  | { readonly kind: 'publish'; readonly event: string; readonly payload: unknown };

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Keeps trying `probe` until it is true or `ms` pass. */
async function until(what: string, probe: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

/** Starts the ward's two gateways, the bus and the stranger on it; `close` stops them all. */
export async function busTarget(): Promise<FuzzTarget<BusInput> & { close(): Promise<void> }> {
  const postgres = await startPostgresServer();
  const redis = await startRedisServer();
  const databaseUrl = await postgres.database('fuzz_bus');
  const root = mkdtempSync(join(tmpdir(), 'wardwatch-fuzz-bus-'));
  const folders = foldersWithWardJournalKey([join(root, 'leader'), join(root, 'standby')]);
  const ports = [await freePort(), await freePort()];
  const standbyStop = new AbortController();
  const start = (index: number, signal?: AbortSignal): Promise<WardGateway> =>
    startWardGateway({
      host: '127.0.0.1',
      port: ports[index] as number,
      wardName: 'Fuzz ward',
      ward: { ...DEFAULT_WARD_SETUP, beds: 2, scenarioFile: null },
      dataDir: folders[index] as string,
      databaseUrl,
      fanout: { url: redis.url, password: null },
      logger: createRecordingLogger(),
      ...(signal === undefined ? {} : { signal }),
    });
  const leader = await start(0);
  // Resolves only if it comes to lead; stopped through its signal at the end.
  const standby = start(1, standbyStop.signal).catch(() => null);
  const nodeUrl = `http://127.0.0.1:${ports[1] as number}`;
  const leaderUrl = leader.server.url;
  await until(
    'the fan-out node to sign a nurse in',
    () => signInDemo(nodeUrl, 'nurse', 'Fuzz node').then(() => true),
    20_000,
  );

  const bus = openFanoutBus({ url: redis.url, password: null }, createRecordingLogger());
  const link = bus.link();
  const stranger = new Server(createServer());
  stranger.adapter(link.adapter);
  // It follows the bus's one convention, answering the leader's calls with null as a node does: socket.io's
  // adapter waits for every member's answer, so a member that never answers would hold every node's calls
  // (decision 0026's known limit — only the ward's gateways hold the bus password).
  for (const event of [FANOUT_EVENTS.verify, FANOUT_EVENTS.auth, FANOUT_EVENTS.request, FANOUT_EVENTS.joined])
    stranger.on(event, (...args: unknown[]) => {
      const acknowledge = args.at(-1);
      if (typeof acknowledge === 'function') (acknowledge as (answer: null) => void)(null);
    });
  // Real publications, as seeds: the leader's ticks and numerics as the stranger hears them.
  const heard: Record<string, unknown[]> = { [FANOUT_EVENTS.tick]: [], [FANOUT_EVENTS.numerics]: [] };
  for (const event of Object.keys(heard))
    stranger.on(event, (message: unknown) => {
      const seen = heard[event] as unknown[];
      if (seen.length < 8) seen.push(message);
    });
  await until(
    'the stranger to hear the leader',
    // Numerics come once a second, ticks many times: both kinds are needed as seeds.
    () =>
      Promise.resolve(
        (heard[FANOUT_EVENTS.tick] as unknown[]).length >= 8 && (heard[FANOUT_EVENTS.numerics] as unknown[]).length > 0,
      ),
    15_000,
  );

  const nurse = await signInDemo(leaderUrl, 'nurse', 'Fuzz bus');
  const valid = validWardPayloads();
  const requestNames = Object.keys(WARD_REQUESTS) as WardRequestName[];
  const relayedRequests = requestNames.map((name) => ({
    event: WARD_REQUESTS[name].event,
    payload: valid[name],
    token: nurse.accessToken,
    stationName: 'Fuzz bus',
    address: '10.1.4.7',
  }));
  const census = await new Promise<unknown>((resolve) => {
    void stranger.serverSideEmitWithAck(FANOUT_EVENTS.joined, {}).then((answers) => {
      const joined = leaderAnswer(answers) as { census?: unknown } | null;
      resolve(joined?.census ?? null);
    });
  });
  const call = (event: string, seeds: readonly unknown[]) =>
    payloadLike(seeds).map((payload): BusInput => ({ kind: 'call', event, payload }));
  const publish = (event: fc.Arbitrary<string>, seeds: readonly unknown[]) =>
    fc.tuple(event, payloadLike(seeds)).map(([name, payload]): BusInput => ({ kind: 'publish', event: name, payload }));
  const inputs: fc.Arbitrary<BusInput> = fc.oneof(
    { weight: 2, arbitrary: call(FANOUT_EVENTS.verify, [nurse.accessToken, 'x']) },
    {
      weight: 2,
      // An account no test signs in with: the sign-in limiter may hold it back without harming the check after.
      arbitrary: call(FANOUT_EVENTS.auth, [
        {
          route: 'signIn',
          request: { username: 'fuzz.nobody', password: 'not-the-password', stationName: 'Fuzz' },
          caller: { address: '10.1.4.7', bearer: null },
        },
        { route: 'refresh', request: { refreshToken: 'not-a-refresh-token' }, caller: { address: '10.1.4.7' } },
      ]),
    },
    { weight: 4, arbitrary: call(FANOUT_EVENTS.request, relayedRequests) },
    { weight: 1, arbitrary: call(FANOUT_EVENTS.joined, [{}]) },
    {
      weight: 3,
      arbitrary: publish(fc.constant(FANOUT_EVENTS.tick), heard[FANOUT_EVENTS.tick] as unknown[]),
    },
    { weight: 1, arbitrary: publish(fc.constant(FANOUT_EVENTS.numerics), heard[FANOUT_EVENTS.numerics] as unknown[]) },
    { weight: 1, arbitrary: publish(fc.constant(FANOUT_EVENTS.census), [census]) },
    { weight: 1, arbitrary: publish(fc.constant(FANOUT_EVENTS.revoke), ['not-a-handle']) },
    {
      weight: 1,
      arbitrary: publish(fc.constant(FANOUT_EVENTS.security), [
        { kind: 'handshake-refused', severity: 'notice', source: '10.1.4.7', username: null, message: 'fuzz' },
      ]),
    },
    { weight: 1, arbitrary: publish(fc.string({ maxLength: 30 }), [null, {}]) },
  );

  return {
    name: 'fan-out bus (a stranger on it)',
    weight: 2,
    inputs,
    async feed(input) {
      if (input.kind === 'publish') {
        stranger.serverSideEmit(input.event, input.payload);
        // A moment for the node to read it, so that what it causes shows with this input.
        await sleep(0);
        return null;
      }
      let answers: unknown;
      try {
        answers = await stranger.serverSideEmitWithAck(input.event, input.payload);
      } catch (error) {
        return `${input.event} was not answered by every member within the adapter's limit: ${String(error)}`;
      }
      const answer = leaderAnswer(answers);
      if (answer === null) return `the leader gave ${input.event} no answer`;
      return null;
    },
    async stillWorks() {
      const grant = await signInDemo(nodeUrl, 'nurse', 'Fuzz node after');
      const stream = socketWithToken(nodeUrl, grant.accessToken, 'stream', 'Fuzz node after');
      try {
        await welcomed(stream);
        const batch = new Promise<boolean>((resolve) => {
          stream.once(WARD_EVENTS.waves, () => resolve(true));
          setTimeout(() => resolve(false), 5000).unref();
        });
        await stream.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: true });
        return (await batch) ? null : 'the node streamed no waveform batch after the fuzz';
      } finally {
        stream.close();
      }
    },
    notes: () => `${leader.server.stats().fanoutCallsRefused} calls refused and counted by the leader`,
    async close() {
      await new Promise<void>((resolve) => stranger.close(() => resolve()));
      await bus.close();
      standbyStop.abort();
      await (await standby)?.close();
      await leader.close();
      await redis.destroy();
      await postgres.destroy();
    },
  };
}
