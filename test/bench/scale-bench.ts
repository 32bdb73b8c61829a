/**
 * `npm run bench:scale [-- --beds 256 --stations 16 --seconds 24 --nodes 1,2]`: a hospital-sized ward, on one
 * gateway node and on two. Each gateway is its own process on the ward's PostgreSQL server (so that the two rows
 * differ only in their nodes, and every alarm is journaled); with two, the second is a fan-out node of the leader
 * over a Redis bus (`--fanout`, gateway/fanout/) and half the stations connect to it. Each station has a stream
 * client subscribed to every bed's waveforms and a station client that receives the alarms. During the measured
 * window the charge nurse puts one bed after another into VT; the leader's analysis of the simulated ECG raises
 * each alarm (no script says when).
 *
 * Measured per row: each node's CPU (cores, from /proc), frame latency (batch send stamp on the leader's clock →
 * arrival at a station) p50/p99, alarm latency (the alarm's onset on the leader's clock → its first arrival at a
 * station; same host clock) p50/p99, and waveform batches skipped for a busy station. PostgreSQL, Redis and the
 * benchmark's own stations share the machine with the gateways: their CPU is not in the nodes' figures.
 * A station whose sign-in is refused tries again (up to 4 times, counted), as a nurse would; a row that cannot be
 * measured still lets the others print and is shown with its error (the command then exits 1).
 * Last line: BENCH {"beds":…,"stations":…,"rows":[{"nodes":1,"cpu_cores":[…],"frame_p99_ms":…,"alarm_p99_ms":…},…]}
 */
import { foldersWithWardJournalKey } from '../support/ward-journal-key';
import { describeError } from '../../common/logging/logger';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Socket } from 'socket.io-client';
import type { AlarmSnapshot } from '../../common/alarms/alarm-model';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket, socketWithToken, welcomed } from '../support/gateway-access';
import { connectStreamStation, freshCounters } from './bench-stations';
import { cpuSeconds, percentile, startGatewayProcess, type GatewayProcess } from './gateway-process';
import { startPostgresServer } from '../support/postgres-server';
import { startRedisServer } from '../support/redis-server';
import { calmWardScenarioFile } from '../support/calm-ward';

const { values } = parseArgs({
  options: {
    beds: { type: 'string', default: '256' },
    stations: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '24' },
    nodes: { type: 'string', default: '1,2' },
  },
  strict: true,
});
const BEDS = Number(values.beds);
const STATIONS = Number(values.stations);
const WINDOW_MS = Number(values.seconds) * 1000;
const NODE_COUNTS = values.nodes.split(',').map(Number);
if (NODE_COUNTS.some((count) => count !== 1 && count !== 2)) throw new Error('--nodes takes 1, 2 or 1,2');
// Longer than the gateway's start-up work (the first analysis windows, the node's first ticks).
const WARMUP_MS = 8000;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const round = (value: number): number => Math.round(value * 10) / 10;
const NODE_LISTENING = /\[gateway\/fanout-node\] fan-out node listening url="([^"]+)"/;

/** One row of the table. */
interface ScaleRow {
  readonly nodes: number;
  /** Per node: the leader first. */
  readonly cpu_cores: number[];
  readonly frames_per_s_per_station: number;
  readonly frame_p50_ms: number;
  readonly frame_p99_ms: number;
  readonly alarms: number;
  readonly vt_beds: number;
  readonly alarm_p50_ms: number;
  readonly alarm_p99_ms: number;
  readonly dropped_batches: number;
  /** Sign-ins a station had to try again (refused UNAVAILABLE, as a busy leader answers through a node). */
  readonly sign_in_retries: number;
}

/** A row that could not be measured, and why: printed as such, the other rows still are. */
interface FailedRow {
  readonly nodes: number;
  readonly error: string;
}

/** A station tries a sign-in again, as a nurse would, this many times before the row counts as failed. */
const SIGN_IN_TRIES = 4;

/** Runs the ward on `nodes` gateway nodes on `databaseUrl` (and the bus at `busUrl` for two). */
async function runScale(nodes: 1 | 2, databaseUrl: string, busUrl: string): Promise<ScaleRow> {
  const folder = mkdtempSync(join(tmpdir(), 'wardwatch-scale-'));
  const calm = calmWardScenarioFile();
  // Both gateways sign the one journal with the ward's key.
  const dataDirs = foldersWithWardJournalKey([0, 1].map((index) => join(folder, `gw-${index}`)));
  const argsFor = (index: number): string[] => {
    const dataDir = dataDirs[index] as string;
    return [
      ...['--port', '0', '--beds', String(BEDS), '--scenario-file', calm, '--data-dir', dataDir],
      ...['--database', databaseUrl],
      ...(nodes === 2 ? ['--fanout', busUrl] : []),
    ];
  };
  const gateways: GatewayProcess[] = [];
  const sockets: Socket[] = [];
  try {
    gateways.push(await startGatewayProcess(argsFor(0)));
    if (nodes === 2) gateways.push(await startGatewayProcess(argsFor(1), undefined, NODE_LISTENING));
    const counters = Array.from({ length: STATIONS }, freshCounters);
    /** Per station and alarm, onset → arrival; and the distinct alarms measured. */
    const alarmLatencies: number[] = [];
    const measuredAlarms = new Set<string>();
    let measuringFrom = Number.POSITIVE_INFINITY;
    // The node needs the leader's first ticks before it takes stations.
    if (nodes === 2) await sleep(2000);
    // One after another, as stations sign in at a ward (the sign-in limiter paces one account from one address);
    // with two nodes, every other station is on the fan-out node.
    let signInRetries = 0;
    for (const [index, counter] of counters.entries()) {
      const url = (gateways[index % gateways.length] as GatewayProcess).url;
      const { socket, accessToken } = await (async () => {
        for (let attempt = 1; ; attempt += 1) {
          try {
            return await connectStreamStation(url, index, counter);
          } catch (error) {
            if (attempt >= SIGN_IN_TRIES) throw error;
            signInRetries += 1;
            await sleep(1000);
          }
        }
      })();
      sockets.push(socket);
      const alarms = await welcomed(socketWithToken(url, accessToken, 'station', `bench-${index}`));
      sockets.push(alarms);
      const seen = new Set<string>();
      alarms.on(WARD_EVENTS.alarms, (snapshot: AlarmSnapshot) => {
        const arrival = Date.now();
        for (const alarm of snapshot.alarms) {
          if (seen.has(alarm.alarmId)) continue;
          seen.add(alarm.alarmId);
          if (alarm.onsetMs < measuringFrom) continue;
          alarmLatencies.push(arrival - alarm.onsetMs);
          measuredAlarms.add(alarm.alarmId);
        }
      });
    }
    const control = await adminSocket((gateways[0] as GatewayProcess).url);
    sockets.push(control);
    await sleep(WARMUP_MS);

    const pids = gateways.map((gateway) => gateway.child.pid as number);
    const cpuBefore = pids.map(cpuSeconds);
    const started = performance.now();
    measuringFrom = Date.now();
    for (const counter of counters) counter.measuring = true;
    // One bed into VT every 1.5 s, spread over the ward.
    const vtBeds: string[] = [];
    const stride = Math.max(1, Math.floor(BEDS / 16));
    while (performance.now() - started < WINDOW_MS - 4000) {
      const bedNumber = ((vtBeds.length * stride) % BEDS) + 1;
      const bedId = `bed-${String(bedNumber).padStart(2, '0')}`;
      vtBeds.push(bedId);
      await control.emitWithAck(WARD_EVENTS.setScenario, { bedId, scenario: 'vt' });
      await sleep(1500);
    }
    await sleep(Math.max(0, WINDOW_MS - (performance.now() - started)));
    for (const counter of counters) counter.measuring = false;
    const seconds = (performance.now() - started) / 1000;
    const cpu = pids.map((pid, index) => (cpuSeconds(pid) - (cpuBefore[index] as number)) / seconds);
    for (const socket of sockets) socket.close();
    // The standby first: stopping the leader first would make it lead.
    for (const gateway of [...gateways].reverse()) await gateway.stop();

    const invalid = counters.reduce((sum, counter) => sum + counter.invalid, 0);
    if (invalid > 0) throw new Error(`${invalid} sampled batches failed to decode`);
    const frames = counters.flatMap((counter) => counter.latencies).sort((a, b) => a - b);
    const alarms = [...alarmLatencies].sort((a, b) => a - b);
    const framesPerStation = counters.reduce((sum, counter) => sum + counter.frames, 0) / STATIONS / seconds;
    // Each node logs its counters when it stops: the leader as `gateway stopped`, the node as `fan-out node stopped`.
    const dropped = gateways.reduce(
      (sum, gateway) =>
        sum + [...gateway.output().matchAll(/batchesDropped=(\d+)/g)].reduce((all, match) => all + Number(match[1]), 0),
      0,
    );
    return {
      nodes,
      cpu_cores: cpu.map((cores) => Math.round(cores * 1000) / 1000),
      frames_per_s_per_station: Math.round(framesPerStation),
      frame_p50_ms: round(percentile(frames, 0.5)),
      frame_p99_ms: round(percentile(frames, 0.99)),
      alarms: measuredAlarms.size,
      vt_beds: vtBeds.length,
      alarm_p50_ms: round(percentile(alarms, 0.5)),
      alarm_p99_ms: round(percentile(alarms, 0.99)),
      dropped_batches: dropped,
      sign_in_retries: signInRetries,
    };
  } catch (error) {
    // What the gateways warned of says why a row failed (a sign-in the leader did not answer, a bus that is down).
    const warnings = gateways.flatMap((gateway, index) =>
      gateway
        .output()
        .split('\n')
        .filter((line) => / (WARN|ERROR) +\[/.test(line))
        .slice(-5)
        .map((line) => `  node ${index + 1}: ${line}`),
    );
    const reason = describeError(error);
    throw new Error(warnings.length === 0 ? reason : `${reason}\n${warnings.join('\n')}`, { cause: error });
  } finally {
    for (const socket of sockets) socket.close();
    for (const gateway of [...gateways].reverse()) await gateway.stop();
  }
}

async function main(): Promise<void> {
  const postgres = await startPostgresServer();
  const redis = await startRedisServer();
  const rows: (ScaleRow | FailedRow)[] = [];
  try {
    for (const nodes of NODE_COUNTS)
      rows.push(
        await runScale(nodes as 1 | 2, await postgres.database(`scale_${nodes}`), redis.url).catch(
          (error: unknown): FailedRow => ({ nodes, error: error instanceof Error ? error.message : String(error) }),
        ),
      );
  } finally {
    await redis.destroy();
    await postgres.destroy();
  }
  console.log(
    `Scale: ${BEDS} beds × ${STATIONS} stations, window ${WINDOW_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up, the ward on PostgreSQL; two nodes: a leader and a fan-out node on a Redis bus, half the stations on each.`,
  );
  console.log('Latency: from the leader’s clock (batch send stamp, alarm onset) to arrival at a station; one host.\n');
  console.log(
    '| nodes | gateway CPU per node (cores) | frames/s per station | frame p50 / p99 | alarms (VT beds) | alarm p50 / p99 | batches dropped | sign-ins retried |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows)
    console.log(
      'error' in row
        ? `| ${row.nodes} | FAILED: ${row.error} | | | | | | |`
        : `| ${row.nodes} | ${row.cpu_cores.join(' + ')} | ${row.frames_per_s_per_station} | ${row.frame_p50_ms} / ${row.frame_p99_ms} ms | ${row.alarms} (${row.vt_beds}) | ${row.alarm_p50_ms} / ${row.alarm_p99_ms} ms | ${row.dropped_batches} | ${row.sign_in_retries} |`,
    );
  console.log(`BENCH ${JSON.stringify({ beds: BEDS, stations: STATIONS, rows })}`);
  // A row that could not be measured fails the command, after every figure that could be was printed.
  if (rows.some((row) => 'error' in row)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench:scale failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
