/**
 * `npm run bench:adapter [-- --seconds 20 --rounds 3 --clients 8 --bytes 40000]`: which socket.io adapter carries a
 * ward's stream from the leading gateway to a second node that serves stations (issue 17) — PostgreSQL
 * (@socket.io/postgres-adapter: NOTIFY, binary through an attachments table) or Redis (@socket.io/redis-adapter,
 * sharded pub/sub) — against the baseline of the same clients on the leader itself.
 *
 * Each round runs every mode on fresh processes (leader, relay, the broker), in turn, so that all modes see the same
 * machine; the table gives each mode's median over the rounds: delivery latency (leader send → client arrival; one
 * host clock) p50/p99/max, ticks lost and out of order at the clients, and the CPU (cores) of the leader, the relay
 * and the broker (PostgreSQL with fsync on, as a ward's server runs; Redis without persistence).
 * Last line: BENCH {"bytes":…,"clients":…,"modes":{"none":{…},"postgres":{…},"redis":{…}}}
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { startPostgresServer } from '../support/postgres-server';
import { startRedisServer } from '../support/redis-server';
import { cpuSeconds, percentile } from './gateway-process';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    clients: { type: 'string', default: '8' },
    // About one 40 ms batch of 256 beds (bench:scale measures the real size).
    bytes: { type: 'string', default: '40000' },
  },
  strict: true,
});
const WINDOW_MS = Number(values.seconds) * 1000;
const ROUNDS = Number(values.rounds);
const CLIENTS = Number(values.clients);
const BYTES = Number(values.bytes);
const WARMUP_MS = 3000;
const TICKS_PER_S = 25;
const MODES = ['none', 'postgres', 'redis'] as const;
type Mode = (typeof MODES)[number];

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (numbers: readonly number[]): number =>
  percentile(
    [...numbers].sort((a, b) => a - b),
    0.5,
  );

/** One mode's figures from one round. */
interface ModeResult {
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly lost: number;
  readonly reordered: number;
  readonly leader_cpu: number;
  readonly relay_cpu: number;
  readonly broker_cpu: number;
}

/** A node process: resolves with it and its port once it listens. */
async function startNode(
  role: 'leader' | 'relay',
  mode: Mode,
  brokerUrl: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/bench/adapter-node.ts', role, mode, brokerUrl, '0', String(BYTES)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${role} (${mode}) exited (${code}): ${output}`)));
  });
  return { child, port };
}

/** CPU seconds of a process and all its children (a PostgreSQL server is a postmaster and its backends). */
function treeCpuSeconds(pid: number): number {
  let total = cpuSeconds(pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      if (Number(fields[1]) === pid) total += cpuSeconds(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function runMode(mode: Mode, brokerUrl: string, brokerPid: number | null): Promise<ModeResult> {
  const leader = await startNode('leader', mode, brokerUrl);
  const relay = mode === 'none' ? null : await startNode('relay', mode, brokerUrl);
  const clients: Socket[] = [];
  const latencies: number[] = [];
  let lost = 0;
  let reordered = 0;
  let measuring = false;
  try {
    for (let index = 0; index < CLIENTS; index += 1) {
      const socket = connect(`http://127.0.0.1:${(relay ?? leader).port}`, { transports: ['websocket'] });
      let last = 0;
      socket.on('tick', (seq: number, sentAtMs: number) => {
        const latency = performance.timeOrigin + performance.now() - sentAtMs;
        if (!measuring) {
          last = seq;
          return;
        }
        if (seq < last) reordered += 1;
        else if (last > 0 && seq > last + 1) lost += seq - last - 1;
        last = Math.max(last, seq);
        latencies.push(latency);
      });
      clients.push(socket);
    }
    await sleep(WARMUP_MS);
    const cpuAt = (): number[] => [
      cpuSeconds(leader.child.pid as number),
      relay === null ? 0 : cpuSeconds(relay.child.pid as number),
      brokerPid === null ? 0 : treeCpuSeconds(brokerPid),
    ];
    const before = cpuAt();
    measuring = true;
    await sleep(WINDOW_MS);
    measuring = false;
    const after = cpuAt();
    const cores = after.map((value, index) => (value - (before[index] ?? 0)) / (WINDOW_MS / 1000));
    const sorted = latencies.sort((a, b) => a - b);
    const expected = CLIENTS * TICKS_PER_S * (WINDOW_MS / 1000);
    if (sorted.length < expected * 0.5)
      throw new Error(
        `${mode}: only ${sorted.length} of about ${expected} ticks arrived — the adapter is not carrying the stream`,
      );
    return {
      p50_ms: round(percentile(sorted, 0.5)),
      p99_ms: round(percentile(sorted, 0.99)),
      max_ms: round(sorted.at(-1) ?? Number.NaN),
      lost,
      reordered,
      leader_cpu: round(cores[0] ?? 0, 3),
      relay_cpu: round(cores[1] ?? 0, 3),
      broker_cpu: round(cores[2] ?? 0, 3),
    };
  } finally {
    for (const socket of clients) socket.close();
    await stopProcess(leader.child);
    if (relay !== null) await stopProcess(relay.child);
  }
}

async function main(): Promise<void> {
  const postgres = await startPostgresServer({ fsync: true });
  const redis = await startRedisServer();
  const results = new Map<Mode, ModeResult[]>(MODES.map((mode) => [mode, []]));
  try {
    const postgresUrl = await postgres.database('adapter_bench');
    for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
      for (const mode of MODES) {
        const result =
          mode === 'postgres'
            ? await runMode(mode, postgresUrl, postgres.pid())
            : await runMode(mode, redis.url, mode === 'redis' ? redis.pid() : null);
        results.get(mode)?.push(result);
        console.log(`round ${roundIndex + 1} ${mode}: ${JSON.stringify(result)}`);
      }
    }
  } finally {
    await redis.destroy();
    await postgres.destroy();
  }
  const medians = Object.fromEntries(
    MODES.map((mode) => {
      const rows = results.get(mode) ?? [];
      const keys = Object.keys(rows[0] ?? {}) as (keyof ModeResult)[];
      return [mode, Object.fromEntries(keys.map((key) => [key, median(rows.map((row) => row[key]))]))];
    }),
  );
  console.log(
    `\n${CLIENTS} clients, ${BYTES} B ticks at ${TICKS_PER_S}/s, ${ROUNDS} rounds of ${WINDOW_MS / 1000} s (medians):`,
  );
  console.table(medians);
  console.log(`BENCH ${JSON.stringify({ bytes: BYTES, clients: CLIENTS, rounds: ROUNDS, modes: medians })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
