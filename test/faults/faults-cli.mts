/**
 * `npm run test:faults [-- --kills 100 --cases kills,link]`: the fault-injection suite against real processes on
 * this machine (not part of `npm test`; its short versions are). Builds first. Cases:
 * - `kills`: kill -9 of the leading gateway of a two-gateway ward on PostgreSQL, `--kills` times, while two
 *   stations acknowledge alarms as fast as they show (test/faults/gateway-failover.ts);
 * - `link`: the station–gateway link cut, delayed by 500 ms and flapped through a TCP proxy with a nurse's page
 *   open in Chromium — no trace may look live while stale, and the state is right after (test/faults/link-faults.ts).
 * - `disk`: the gateway's data folder on a tmpfs filled to the last byte under a running ward
 *   (test/faults/disk-full.ts; needs root to mount, else skipped with a message).
 * The database stopped and killed under a running ward is in `npm test` (postgres-outage); its longer run is not in
 * this command yet.
 *
 * Prints a table; the last line is `BENCH {"kills":…,"acks_confirmed":…,"acks_lost":0,"acks_doubled":0,…}`.
 * Exits 1 when an acknowledgment was lost or doubled, the journal does not verify, or an outage went unreported.
 */
import { parseArgs } from 'node:util';
import { runFailoverFaults } from './gateway-failover';
import { runLinkFaults, type LinkFaultFigures } from './link-faults';
import { runDiskFull, type DiskFullFigures } from './disk-full';
import { percentile } from '../bench/gateway-process';

const { values } = parseArgs({
  options: { kills: { type: 'string', default: '100' }, cases: { type: 'string', default: 'kills,link,disk' } },
  strict: true,
});
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1) throw new Error('--kills takes a whole number ≥ 1');
const cases = new Set(values.cases.split(','));
for (const name of cases)
  if (name !== 'kills' && name !== 'link') throw new Error(`--cases: no case "${name}" (kills, link)`);

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
let disk: DiskFullFigures | null = null;
if (cases.has('disk')) {
  disk = await runDiskFull((line) => console.log(line));
  if (disk !== null) {
    console.log('');
    console.log("| case: the gateway's disk full | figure |");
    console.log('| --- | --- |');
    console.log(`| technical alarms shown while full | ${disk.technicalAlarmsShown.join(', ') || 'NONE'} |`);
    console.log(`| VT raised and shown while full | ${disk.vtShownWhileFull ? 'yes' : 'NO'} |`);
    console.log(`| longest gap in the waveform stream while full | ${disk.longestStreamGapMs} ms |`);
    console.log(`| space freed → technical alarms ended | ${disk.technicalAlarmsEnded ? 'yes' : 'NO'} |`);
    console.log(
      `| acknowledgment made while full: confirmed, journal events | ${disk.ackConfirmed ? 'yes' : 'NO'}, ${disk.ackEvents} |`,
    );
    console.log(`| journal chain | ${disk.journalIntact ? 'intact' : 'BROKEN'} |`);
    console.log(`| gateway alive throughout | ${disk.gatewayAlive ? 'yes' : 'NO'} |`);
    console.log('');
  }
}
const diskPassed =
  disk === null ||
  (disk.technicalAlarmsShown.includes('DISCLOSURE_FAILURE') &&
    disk.vtShownWhileFull &&
    disk.longestStreamGapMs <= 2000 &&
    disk.technicalAlarmsEnded &&
    disk.ackConfirmed &&
    disk.ackEvents === 1 &&
    disk.journalIntact &&
    disk.gatewayAlive);
const linkPassed =
  link === null ||
  (link.staleShownLive === 0 &&
    link.cutToAllStaleMs <= 3000 &&
    link.alarmShownAfter &&
    Object.values(link.recoveredMs).every(Number.isFinite));
if (!cases.has('kills')) {
  console.log(linkPassed && diskPassed ? 'faults: passed' : 'faults: FAILED');
  console.log(`BENCH ${JSON.stringify({ ...linkBench(link), ...diskBench(disk) })}`);
  process.exit(linkPassed && diskPassed ? 0 : 1);
}
const figures = await runFailoverFaults(kills, (line) => console.log(line));
const sorted = [...figures.failoverMs].sort((a, b) => a - b);
const p50 = Math.round(percentile(sorted, 0.5));
const p99 = Math.round(percentile(sorted, 0.99));
const worst = Math.round(sorted.at(-1) ?? 0);
const passed =
  linkPassed &&
  diskPassed &&
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
    ...diskBench(disk),
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

/** The disk case's figures for the BENCH line (none when it did not run or could not mount). */
function diskBench(figures: DiskFullFigures | null): Record<string, number | boolean> {
  if (figures === null) return {};
  return {
    disk_full_alarm_shown: figures.technicalAlarmsShown.includes('DISCLOSURE_FAILURE'),
    disk_full_stream_gap_ms: figures.longestStreamGapMs,
    disk_full_ack_events: figures.ackEvents,
    disk_full_journal_intact: figures.journalIntact,
  };
}
