/**
 * `npm run soak -- --hours H` (or `--minutes M`): a ward left running — 64 beds, 4 stations, alarms and
 * acknowledgments all along (test/soak/soak-run.ts) — with a line every 10 min (`--report-min`) of the gateway's
 * heap, RSS, file descriptors, event-loop delay p99 and data-folder size, then the judgement of each curve after
 * warm-up (test/soak/soak-judge.ts) and what the journal says of the acknowledgments. Builds first.
 * A 2-h run is the figure for an issue's note; 24 h is the release check. Last line: `BENCH {…}`.
 * Exits 1 when a curve is not flat, an acknowledgment was lost or doubled, the journal does not verify, a
 * station's stream stopped for more than 2 s, or the gateway died.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { judgeSoak, type SoakSample } from './soak-judge';
import { runSoak } from './soak-run';

const { values } = parseArgs({
  options: {
    hours: { type: 'string' },
    minutes: { type: 'string' },
    beds: { type: 'string', default: '64' },
    stations: { type: 'string', default: '4' },
    'report-min': { type: 'string', default: '10' },
    /**
     * Where to write every probe sample as JSON lines (to plot the curves, or judge them again) — appended at each
     * report line, so a run that is interrupted keeps what it measured.
     */
    samples: { type: 'string' },
  },
  strict: true,
});
const minutes = values.minutes !== undefined ? Number(values.minutes) : Number(values.hours ?? '2') * 60;
const beds = Number(values.beds);
const stations = Number(values.stations);
const reportMinutes = Math.min(Number(values['report-min']), minutes);
if (!(minutes > 0) || !Number.isInteger(beds) || beds < 1 || !Number.isInteger(stations) || stations < 1)
  throw new Error('usage: npm run soak -- --hours H | --minutes M [--beds 64] [--stations 4] [--report-min 10]');
if (!(reportMinutes > 0)) throw new Error('--report-min takes a number of minutes > 0');

const durationMs = minutes * 60_000;
// Warm-up: the database's WASM compile, caches filling, the first alarms — 10 min, or a quarter of a short run.
const warmupMs = Math.min(10 * 60_000, durationMs / 4);
const max = (samples: readonly SoakSample[], pick: (sample: SoakSample) => number): number =>
  samples.reduce((best, sample) => Math.max(best, pick(sample)), Number.NEGATIVE_INFINITY);
const lastDisk = (samples: readonly SoakSample[]): number =>
  [...samples].reverse().find((sample) => Number.isFinite(sample.diskMb))?.diskMb ?? Number.NaN;
const begun = Date.now();
let samplesWritten = 0;
/** Appends the samples not yet in the `--samples` file. */
const keepSamples = (all: readonly SoakSample[]): void => {
  if (values.samples === undefined || all.length <= samplesWritten) return;
  appendFileSync(
    values.samples,
    all
      .slice(samplesWritten)
      .map((sample) => `${JSON.stringify(sample)}\n`)
      .join(''),
  );
  samplesWritten = all.length;
};
if (values.samples !== undefined) writeFileSync(values.samples, '');
const liveHeap = (samples: readonly SoakSample[]): string => {
  const readings = samples.flatMap((sample) => (sample.heapAfterGcMb === undefined ? [] : [sample.heapAfterGcMb]));
  return readings.length === 0 ? '-' : Math.max(...readings).toFixed(1);
};
const cells = (values_: readonly (string | number)[]): string =>
  values_.map((value) => String(value).padStart(11)).join('');

console.log(
  `Soak: ${beds} beds, ${stations} stations, ${minutes} min, a line every ${reportMinutes} min, warm-up ${warmupMs / 60_000} min.`,
);
console.log(
  "Figures are the gateway process's (heap and RSS: highest in the period; live heap: highest after a forced collection;\nloop p99: worst 10-s window of the period).\n",
);
console.log(
  cells([
    'minute',
    'heap MB',
    'live heap',
    'rss MB',
    'fds',
    'loop p99',
    'disk MB',
    'alarms',
    'acks',
    'batches',
    'gap ms',
  ]),
);

const result = await runSoak({
  durationMs,
  beds,
  stations,
  sampleEveryMs: 10_000,
  reportEveryMs: reportMinutes * 60_000,
  warmupMs,
  say: (line) => console.log(line),
  onReport: (samples, counters, all) => {
    keepSamples(all);
    if (samples.length === 0) return;
    console.log(
      cells([
        Math.round((Date.now() - begun) / 60_000),
        max(samples, (sample) => sample.heapUsedMb).toFixed(1),
        liveHeap(samples),
        max(samples, (sample) => sample.rssMb).toFixed(1),
        max(samples, (sample) => sample.fds),
        max(samples, (sample) => sample.loopP99Ms).toFixed(1),
        lastDisk(samples).toFixed(1),
        counters.alarmsSeen,
        counters.acksConfirmed,
        counters.batches,
        counters.longestStreamGapMs,
      ]),
    );
  },
});

keepSamples(result.samples);
const verdicts = judgeSoak(result.samples, warmupMs);
console.log('\n| figure | after warm-up | at the end | per hour | 24 h at that rate | rule | judged |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const verdict of verdicts)
  console.log(
    `| ${verdict.figure} | ${verdict.start} | ${verdict.end} | ${verdict.perHour} | ${verdict.projected24h} | ${verdict.rule} | ${verdict.flat ? 'flat' : 'NOT FLAT'} |`,
  );
const { counters } = result;
const refused =
  Object.entries(counters.acksRefused)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ') || 'none';
console.log('');
console.log(
  `alarms raised ${counters.alarmsSeen}; acknowledgments confirmed ${counters.acksConfirmed}, refused for good: ${refused}`,
);
console.log(
  `journal: ${result.journalIntact ? 'intact' : 'BROKEN'}, ${result.journalEvents} events; confirmed acknowledgments without an event ${result.acksLost}, with more than one ${result.acksDoubled}`,
);
console.log(
  `longest gap in a station's waveform stream after warm-up: ${counters.longestStreamGapMs} ms; stream links dropped ${counters.linkDrops} times`,
);
const flat = verdicts.every((verdict) => verdict.flat);
const passed =
  flat &&
  result.gatewayExit === null &&
  result.acksLost === 0 &&
  result.acksDoubled === 0 &&
  result.journalIntact &&
  counters.longestStreamGapMs <= 2000 &&
  counters.stationsStreaming === stations &&
  counters.acksConfirmed > 0;
console.log(
  passed ? 'soak: passed' : `soak: FAILED${result.gatewayExit !== null ? ` (gateway ${result.gatewayExit})` : ''}`,
);
const figure = (name: string): { start: number; end: number; perHour: number } => {
  const verdict = verdicts.find((entry) => entry.figure === name);
  return {
    start: verdict?.start ?? Number.NaN,
    end: verdict?.end ?? Number.NaN,
    perHour: verdict?.perHour ?? Number.NaN,
  };
};
console.log(
  `BENCH ${JSON.stringify({
    minutes,
    beds,
    stations,
    heap_start_mb: figure('heap').start,
    heap_end_mb: figure('heap').end,
    heap_mb_per_h: figure('heap').perHour,
    heap_after_gc: result.samples.some((sample) => sample.heapAfterGcMb !== undefined),
    rss_start_mb: figure('rss').start,
    rss_end_mb: figure('rss').end,
    rss_mb_per_h: figure('rss').perHour,
    fds_start: figure('fds').start,
    fds_end: figure('fds').end,
    loop_p99_start_ms: figure('event-loop p99').start,
    loop_p99_end_ms: figure('event-loop p99').end,
    disk_mb_per_h: figure('disk').perHour,
    alarms: counters.alarmsSeen,
    acks_confirmed: counters.acksConfirmed,
    acks_lost: result.acksLost,
    acks_doubled: result.acksDoubled,
    longest_stream_gap_ms: counters.longestStreamGapMs,
    journal_intact: result.journalIntact,
    flat,
  })}`,
);
process.exit(passed ? 0 : 1);
