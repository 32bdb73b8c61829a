/**
 * `npm run test:faults [-- --kills 100]`: the fault-injection suite against real processes on this machine (not
 * part of `npm test`; its short versions are). Builds first. Case run here: kill -9 of the leading gateway of a
 * two-gateway ward on PostgreSQL, `--kills` times, while two stations acknowledge alarms as fast as they show
 * (test/faults/gateway-failover.ts). The database stopped and killed under a running ward, the station–gateway
 * link cut and restored through a TCP proxy, and a full disk are in `npm test` (postgres-outage,
 * queued-acknowledgments, disclosure-failure-alarm); their longer runs are not in this command yet.
 *
 * Prints a table; the last line is `BENCH {"kills":…,"acks_confirmed":…,"acks_lost":0,"acks_doubled":0,…}`.
 * Exits 1 when an acknowledgment was lost or doubled, the journal does not verify, or an outage went unreported.
 */
import { parseArgs } from 'node:util';
import { runFailoverFaults } from './gateway-failover';
import { percentile } from '../bench/gateway-process';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '100' } }, strict: true });
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1) throw new Error('--kills takes a whole number ≥ 1');

const started = performance.now();
const figures = await runFailoverFaults(kills, (line) => console.log(line));
const sorted = [...figures.failoverMs].sort((a, b) => a - b);
const p50 = Math.round(percentile(sorted, 0.5));
const p99 = Math.round(percentile(sorted, 0.99));
const worst = Math.round(sorted.at(-1) ?? 0);
const passed =
  figures.acksLost === 0 && figures.acksDoubled === 0 && figures.journalIntact && figures.commsLostMissed === 0;

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
  })}`,
);
process.exit(passed ? 0 : 1);
