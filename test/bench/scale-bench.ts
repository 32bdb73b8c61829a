/**
 * `npm run bench:scale [-- --beds 256 --stations 16 --seconds 24]`: a hospital-sized ward on one gateway node.
 * The gateway (its own process, a real data folder so that every alarm is journaled) streams `beds` simulated beds
 * to `stations` stations, each with a stream client subscribed to every bed's waveforms and a station client that
 * receives the alarms. During the measured window the charge nurse puts one bed after another into VT; the
 * gateway's analysis of the simulated ECG raises each alarm (no script says when).
 *
 * Measured: the gateway's CPU (cores, from /proc), frame latency (batch send stamp → arrival at a station) p50/p99,
 * alarm latency (the alarm's onset on the gateway's clock → its first arrival at a station; same host clock)
 * p50/p99, and waveform batches the gateway skipped for a busy station. One node only: a ward's gateways are a
 * leader and a standby (decision 0024); spreading stations over several active nodes is not built.
 * Last line: BENCH {"nodes":1,"beds":…,"stations":…,"cpu_cores":…,"frame_p99_ms":…,"alarm_p99_ms":…,…}
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Socket } from 'socket.io-client';
import type { AlarmSnapshot } from '../../common/alarms/alarm-model';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket, socketWithToken, welcomed } from '../support/gateway-access';
import { connectStreamStation, freshCounters } from './bench-stations';
import { cpuSeconds, percentile, startGatewayProcess } from './gateway-process';
import { calmWardScenarioFile } from '../support/calm-ward';

const { values } = parseArgs({
  options: {
    beds: { type: 'string', default: '256' },
    stations: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '24' },
  },
  strict: true,
});
const BEDS = Number(values.beds);
const STATIONS = Number(values.stations);
const WINDOW_MS = Number(values.seconds) * 1000;
// Longer than the gateway's start-up work (the database's WASM compile, the first analysis windows).
const WARMUP_MS = 8000;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const round = (value: number): number => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'wardwatch-scale-'));
  const calm = calmWardScenarioFile();
  const gateway = await startGatewayProcess([
    ...['--port', '0', '--beds', String(BEDS), '--scenario-file', calm, '--data-dir', join(folder, 'gw')],
  ]);
  const pid = gateway.child.pid as number;
  const counters = Array.from({ length: STATIONS }, freshCounters);
  const sockets: Socket[] = [];
  /** Per station and alarm, onset → arrival; and the distinct alarms measured. */
  const alarmLatencies: number[] = [];
  const measuredAlarms = new Set<string>();
  let measuringFrom = Number.POSITIVE_INFINITY;
  try {
    // One after another, as stations sign in at a ward (the sign-in limiter paces one account from one address).
    for (const [index, counter] of counters.entries()) {
      const { socket, accessToken } = await connectStreamStation(gateway.url, index, counter);
      sockets.push(socket);
      const alarms = await welcomed(socketWithToken(gateway.url, accessToken, 'station', `bench-${index}`));
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
    const control = await adminSocket(gateway.url);
    sockets.push(control);
    await sleep(WARMUP_MS);

    const cpuBefore = cpuSeconds(pid);
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
    const cpu = (cpuSeconds(pid) - cpuBefore) / seconds;
    for (const socket of sockets) socket.close();
    await gateway.stop();

    const invalid = counters.reduce((sum, counter) => sum + counter.invalid, 0);
    if (invalid > 0) throw new Error(`${invalid} sampled batches failed to decode`);
    const frames = counters.flatMap((counter) => counter.latencies).sort((a, b) => a - b);
    const alarms = [...alarmLatencies].sort((a, b) => a - b);
    const framesPerStation = counters.reduce((sum, counter) => sum + counter.frames, 0) / STATIONS / seconds;
    const dropped = Number(/batchesDropped=(\d+)/.exec(gateway.output())?.[1] ?? Number.NaN);
    const row = {
      nodes: 1,
      beds: BEDS,
      stations: STATIONS,
      cpu_cores: Math.round(cpu * 1000) / 1000,
      frames_per_s_per_station: Math.round(framesPerStation),
      frame_p50_ms: round(percentile(frames, 0.5)),
      frame_p99_ms: round(percentile(frames, 0.99)),
      alarms: measuredAlarms.size,
      vt_beds: vtBeds.length,
      alarm_p50_ms: round(percentile(alarms, 0.5)),
      alarm_p99_ms: round(percentile(alarms, 0.99)),
      dropped_batches: dropped,
    };
    console.log(
      `Scale: ${BEDS} beds × ${STATIONS} stations on one gateway node, window ${WINDOW_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up.`,
    );
    console.log('Alarm latency: onset on the gateway clock → first arrival at each station (one host, one clock).\n');
    console.log(
      '| nodes | beds | stations | gateway CPU (cores) | frames/s per station | frame p50 / p99 | alarms (VT beds) | alarm p50 / p99 | batches dropped |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(
      `| 1 | ${BEDS} | ${STATIONS} | ${row.cpu_cores} | ${row.frames_per_s_per_station} | ${row.frame_p50_ms} / ${row.frame_p99_ms} ms | ${row.alarms} (${row.vt_beds}) | ${row.alarm_p50_ms} / ${row.alarm_p99_ms} ms | ${dropped} |`,
    );
    console.log(
      '| 2 | — | — | not measured: fan-out over several active gateway nodes is not built (leader + standby only) | | | | | |',
    );
    console.log(`BENCH ${JSON.stringify(row)}`);
  } finally {
    for (const socket of sockets) socket.close();
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:scale failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
