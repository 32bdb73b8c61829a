/**
 * `npm run test:faults [-- --kills 100 --cases kills,link]`: the fault-injection suite against real processes on
 * this machine (not part of `npm test`; its short versions are). Builds first. Cases:
 * - `kills`: kill -9 of the leading gateway of a two-gateway ward on PostgreSQL, `--kills` times, while two
 *   stations acknowledge alarms as fast as they show (test/faults/gateway-failover.ts);
 * - `link`: the station–gateway link cut, delayed by 500 ms and flapped through a TCP proxy with a nurse's page
 *   open in Chromium — no trace may look live while stale, and the state is right after (test/faults/link-faults.ts).
 * - `disk`: the gateway's data folder on a tmpfs filled to the last byte under a running ward
 *   (test/faults/disk-full.ts; needs root to mount, else skipped with a message);
 * - `database`: the ward's PostgreSQL server stopped for 15 s under a running ward, then started again
 *   (test/faults/database-restart.ts).
 *
 * Prints a table; the last line is `BENCH {"kills":…,"acks_confirmed":…,"acks_lost":0,"acks_doubled":0,…}`.
 * Exits 1 when an acknowledgment was lost or doubled, the journal does not verify, or an outage went unreported.
 */
import { parseArgs } from 'node:util';
import { runFailoverFaults } from './gateway-failover';
import { runLinkFaults, type LinkFaultFigures } from './link-faults';
import { runDiskFull } from './disk-full';
import { runDatabaseRestart } from './database-restart';
import { wardFaultPassed, wardFaultRows, type WardFaultFigures } from './ward-under-fault';
import { percentile } from '../bench/gateway-process';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '100' },
    cases: { type: 'string', default: 'kills,link,disk,database' },
  },
  strict: true,
});
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1) throw new Error('--kills takes a whole number ≥ 1');
const CASES = ['kills', 'link', 'disk', 'database'];
const cases = new Set(values.cases.split(','));
// The list the run knows is the one its default and the README name (it once said "kills, link" only, so that the
// default run refused its own disk case at once).
for (const name of cases)
  if (!CASES.includes(name)) throw new Error(`--cases: no case "${name}" (${CASES.join(', ')})`);

const started = performance.now();
let link: LinkFaultFigures | null = null;
if (cases.has('link')) {
  link = await runLinkFaults((line) => console.log(line));
  console.log('');
  console.log('| case: link cut, delayed 500 ms, flapped | figure |');
  console.log('| --- | --- |');
  console.log(`| page reads | ${link.reads} |`);
  console.log(`| reads with a trace live > 3 s after the last delivery | ${link.staleShownLive} |`);
  console.log(`| longest a trace looked live after 2 s of silence | ${link.longestLiveAfterSilenceMs} ms |`);
  console.log(`| cut → every trace stale | ${link.cutToAllStaleMs} ms |`);
  console.log(
    `| link back → every trace live: cut / delay / flap | ${['cut', 'delay', 'flap'].map((name) => Math.round(link?.recoveredMs[name] ?? Number.NaN)).join(' / ')} ms |`,
  );
  console.log(`| reads with a stale trace during the 500-ms delay | ${link.staleDuringDelay} |`);
  console.log(`| alarm raised during the flapping shown after | ${link.alarmShownAfter ? 'yes' : 'NO'} |`);
  console.log('');
}
// The storage cases: the disk filled (null where no tmpfs can be mounted), the database stopped and restarted.
const storage: { name: string; figures: WardFaultFigures }[] = [];
if (cases.has('disk')) {
  const figures = await runDiskFull((line) => console.log(line));
  if (figures !== null) storage.push({ name: 'disk', figures });
}
if (cases.has('database'))
  storage.push({ name: 'database', figures: await runDatabaseRestart((line) => console.log(line)) });
for (const { name, figures } of storage) {
  console.log('');
  console.log(
    `| case: ${name === 'disk' ? "the gateway's disk full" : 'PostgreSQL stopped 15 s and restarted'} | figure |`,
  );
  console.log('| --- | --- |');
  for (const row of wardFaultRows(figures)) console.log(row);
  console.log('');
}
const storagePassed = storage.every(({ figures }) => wardFaultPassed(figures));
const linkPassed =
  link === null ||
  (link.staleShownLive === 0 &&
    link.cutToAllStaleMs <= 3000 &&
    link.alarmShownAfter &&
    Object.values(link.recoveredMs).every(Number.isFinite));
if (!cases.has('kills')) {
  console.log(linkPassed && storagePassed ? 'faults: passed' : 'faults: FAILED');
  console.log(`BENCH ${JSON.stringify({ ...linkBench(link), ...storageBench(storage) })}`);
  process.exit(linkPassed && storagePassed ? 0 : 1);
}
const figures = await runFailoverFaults(kills, (line) => console.log(line));
const sorted = [...figures.failoverMs].sort((a, b) => a - b);
const p50 = Math.round(percentile(sorted, 0.5));
const p99 = Math.round(percentile(sorted, 0.99));
const worst = Math.round(sorted.at(-1) ?? 0);
const passed =
  linkPassed &&
  storagePassed &&
  figures.acksLost === 0 &&
  figures.acksDoubled === 0 &&
  figures.journalIntact &&
  figures.commsLostMissed === 0;

console.log('');
console.log('| case: kill -9 of the leading gateway | figure |');
console.log('| --- | --- |');
console.log(`| kills | ${figures.kills} |`);
console.log(`| acknowledgments confirmed to stations | ${figures.acksConfirmed} |`);
console.log(`| of those, with no journal event (lost) | ${figures.acksLost} |`);
console.log(`| of those, with more than one (doubled) | ${figures.acksDoubled} |`);
console.log(
  `| failover, kill → station connected to the new leader: p50 / p99 / worst | ${p50} / ${p99} / ${worst} ms |`,
);
console.log(`| outages a station's link did not report within 2.5 s | ${figures.commsLostMissed} |`);
console.log(
  `| journal chain across all leaders | ${figures.journalIntact ? 'intact' : 'BROKEN'}, ${figures.journalEvents} events |`,
);
console.log(`| run time | ${Math.round((performance.now() - started) / 1000)} s |`);
console.log(passed ? 'faults: passed' : 'faults: FAILED');
console.log(
  `BENCH ${JSON.stringify({
    kills: figures.kills,
    acks_confirmed: figures.acksConfirmed,
    acks_lost: figures.acksLost,
    acks_doubled: figures.acksDoubled,
    failover_p50_ms: p50,
    failover_p99_ms: p99,
    failover_max_ms: worst,
    comms_lost_missed: figures.commsLostMissed,
    journal_intact: figures.journalIntact,
    ...linkBench(link),
    ...storageBench(storage),
  })}`,
);
process.exit(passed ? 0 : 1);

/** The link case's figures for the BENCH line (none when it did not run). */
function linkBench(figures: LinkFaultFigures | null): Record<string, number | boolean> {
  if (figures === null) return {};
  return {
    link_stale_shown_live: figures.staleShownLive,
    link_cut_to_stale_ms: figures.cutToAllStaleMs,
    link_recovered_max_ms: Math.round(Math.max(...Object.values(figures.recoveredMs))),
    link_stale_during_delay: figures.staleDuringDelay,
    link_alarm_shown_after: figures.alarmShownAfter,
  };
}

/** The storage cases' figures for the BENCH line (those that ran). */
function storageBench(runs: readonly { name: string; figures: WardFaultFigures }[]): Record<string, number | boolean> {
  const bench: Record<string, number | boolean> = {};
  for (const { name, figures } of runs) {
    bench[`${name}_alarm_shown`] = figures.expectedAlarmShown;
    bench[`${name}_stream_gap_ms`] = figures.longestStreamGapMs;
    bench[`${name}_ack_events`] = figures.ackEvents;
    bench[`${name}_journal_intact`] = figures.journalIntact;
  }
  return bench;
}
