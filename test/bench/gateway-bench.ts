/**
 * `npm run bench:gateway`: how many beds × stations one gateway streams, on loopback. For each combination the
 * gateway runs as its own process (so its CPU share is its own, read from /proc), and M simulated stations in
 * this process subscribe to every bed's waveforms and numerics. After a warm-up it measures, over a window:
 * samples/s, frames/s and bytes/s delivered to each station, the gateway's CPU in cores, batches dropped, and
 * frame latency gateway → station (send stamp in the batch header to arrival; same host clock) p50/p99.
 * Last line: BENCH {"rows":[{"beds":…,"stations":…,"cpu_cores":…,"frames_per_s":…,"p50_ms":…,"p99_ms":…},…]}.
 */
import type { Socket } from 'socket.io-client';
import { connectStreamStation, freshCounters, type StationCounters } from './bench-stations';
import { cpuSeconds, percentile, startGatewayProcess } from './gateway-process';

const BED_COUNTS = [16, 64, 128];
const STATION_COUNTS = [1, 4, 8];
// Longer than the gateway's background start-up (opening its user database compiles WASM for ~3 s).
const WARMUP_MS = 6000;
const WINDOW_MS = 8000;

interface Row {
  beds: number;
  stations: number;
  cpu_cores: number;
  samples_per_s: number;
  frames_per_s: number;
  bytes_per_s: number;
  dropped_batches: number;
  p50_ms: number;
  p99_ms: number;
}

async function measure(beds: number, stations: number): Promise<Row> {
  const gateway = await startGatewayProcess(['--port', '0', '--beds', String(beds)]);
  const { child, url, output } = gateway;
  const counters: StationCounters[] = Array.from({ length: stations }, freshCounters);
  // One after another, as stations sign in at a ward: a burst of sign-ins of one account from one address is held
  // back by the sign-in limiter (parallel guesses would hide in it).
  const sockets: Socket[] = [];
  for (const [index, counter] of counters.entries())
    sockets.push((await connectStreamStation(url, index, counter)).socket);
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const cpuBefore = cpuSeconds(child.pid as number);
  const started = performance.now();
  for (const counter of counters) counter.measuring = true;
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  for (const counter of counters) counter.measuring = false;
  const seconds = (performance.now() - started) / 1000;
  const cpu = (cpuSeconds(child.pid as number) - cpuBefore) / seconds;
  for (const socket of sockets) socket.close();
  await gateway.stop();
  const invalid = counters.reduce((sum, counter) => sum + counter.invalid, 0);
  if (invalid > 0) throw new Error(`${invalid} sampled batches failed to decode`);
  const latencies = counters.flatMap((counter) => counter.latencies).sort((a, b) => a - b);
  const perStation = (pick: (counter: StationCounters) => number): number =>
    counters.reduce((sum, counter) => sum + pick(counter), 0) / stations / seconds;
  // The gateway counts the batches it did not send because a station's connection was busy (volatile drops),
  // over its whole run, and logs the counters when it stops.
  const dropped = Number(/batchesDropped=(\d+)/.exec(output())?.[1] ?? Number.NaN);
  return {
    beds,
    stations,
    cpu_cores: Math.round(cpu * 1000) / 1000,
    samples_per_s: Math.round(perStation((counter) => counter.samples)),
    frames_per_s: Math.round(perStation((counter) => counter.frames)),
    bytes_per_s: Math.round(perStation((counter) => counter.bytes)),
    dropped_batches: dropped,
    p50_ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
    p99_ms: Math.round(percentile(latencies, 0.99) * 10) / 10,
  };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  console.log(
    'Gateway streaming on loopback: simulated beds (ECG II+V 250 Hz, pleth 125, resp 62.5, ABP 125) × stations subscribed to all waveforms.',
  );
  console.log(
    `Warm-up ${WARMUP_MS / 1000} s, window ${WINDOW_MS / 1000} s per row; rates are per station; CPU is the gateway process's, in cores;`,
  );
  console.log(
    'dropped = waveform batches the gateway skipped because a station was still busy (whole run, all stations).\n',
  );
  const header = ['beds', 'stations', 'cpu cores', 'samples/s', 'frames/s', 'kB/s', 'dropped', 'p50 ms', 'p99 ms'];
  console.log(header.map((cell) => cell.padStart(12)).join(''));
  for (const beds of BED_COUNTS) {
    for (const stations of STATION_COUNTS) {
      const row = await measure(beds, stations);
      rows.push(row);
      const cells = [
        row.beds,
        row.stations,
        row.cpu_cores.toFixed(3),
        row.samples_per_s,
        row.frames_per_s,
        (row.bytes_per_s / 1000).toFixed(0),
        row.dropped_batches,
        row.p50_ms.toFixed(1),
        row.p99_ms.toFixed(1),
      ];
      console.log(cells.map((cell) => String(cell).padStart(12)).join(''));
    }
  }
  const target = rows.find((row) => row.beds === 64 && row.stations === 8);
  if (target !== undefined) {
    console.log(
      `\nTarget 64 beds × 8 stations: gateway ${target.cpu_cores.toFixed(2)} cores (target < 0.5), p99 ${target.p99_ms} ms (target < 50 ms).`,
    );
  }
  console.log(
    `BENCH ${JSON.stringify({ rows: rows.map(({ beds, stations, cpu_cores, frames_per_s, p50_ms, p99_ms, samples_per_s, bytes_per_s, dropped_batches }) => ({ beds, stations, cpu_cores, frames_per_s, p50_ms, p99_ms, samples_per_s, bytes_per_s, dropped_batches })) })}`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench:gateway failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
