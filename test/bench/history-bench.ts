/**
 * `npm run bench:history`: history review at scale. A journal of 1 000 000 alarm events (with their alarm
 * summaries) is generated in the gateway's database with SQL, and 72 h of full disclosure for 16 beds: one real
 * hour of a simulated bed is encoded (its size gives the disk footprint per bed per day) and linked into every
 * hour of every bed. Then a gateway (16 beds streaming meanwhile) answers, over its socket with a signed-in
 * physician: filtered pages of the alarm table (random bed, priority, state, 24 h window), 20 s strips (random
 * bed and time within retention, all channels) and 24 h trends of 8 numerics of a random bed (72 h × 16 beds × 8
 * numerics of one-minute rows generated with SQL). Times are from emit to answer, p50/p99.
 * Last line: BENCH {"events":1000000,"beds":16,"page_p50_ms":…,"page_p99_ms":…,"strip_p50_ms":…,"strip_p99_ms":…,"trend_p50_ms":…,"trend_p99_ms":…,"disk_mb_per_bed_day":…}
 */
import { link, mkdir, mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { DisclosureStore, HOUR_MS } from '../../gateway/disclosure/disclosure-store';
import { startGatewayIdentity } from '../../gateway/identity/gateway-identity';
import { databaseFolderIn, disclosureFolderIn } from '../../gateway/identity/identity-arguments';
import { startGatewayServer } from '../../gateway/gateway-server';
import { SimulatedBed } from '../../gateway/simulator/simulated-bed';
import { createGatewayClock } from '../../gateway/streaming/gateway-clock';
import { buildWard, DEFAULT_WARD_SETUP } from '../../gateway/ward-setup';
import { openGatewayDatabase } from '../../gateway/storage/gateway-database';
import { signInDemo, socketWithToken, welcomed } from '../support/gateway-access';
import { createRecordingLogger } from '../support/recording-logger';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '200' } },
});
const EVENTS = Number(values.events);
const QUERIES = Number(values.queries);
const BEDS = 16;
const HOURS = 72;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function generateJournal(dataDir: string, nowMs: number): Promise<number> {
  const database = await openGatewayDatabase(
    { kind: 'folder', path: databaseFolderIn(dataDir) },
    createRecordingLogger(),
  );
  const started = performance.now();
  // Four events per alarm (raised, escalated or not, acknowledged or not, resolved), spread over 72 h and 16 beds.
  const alarms = Math.ceil(EVENTS / 4);
  const span = HOURS * HOUR_MS;
  await database.query(`
    INSERT INTO alarm_summaries (alarm_id, bed_id, bed_label, condition, priority, message, onset_ms, ended_ms, escalated, acknowledged_by, acknowledged_name, acknowledged_at, acknowledged_ms)
    SELECT 'g-' || n, 'bed-' || lpad(((n % ${BEDS}) + 1)::text, 2, '0'), 'Bed ' || ((n % ${BEDS}) + 1),
           (ARRAY['HR_HIGH','HR_LOW','SPO2_LOW','RR_HIGH','APNEA','NIBP_HIGH','ABP_LOW','LEADS_OFF','SPO2_PROBE_OFF','VT','ASYSTOLE'])[1 + n % 11],
           (ARRAY['MEDIUM','MEDIUM','MEDIUM','MEDIUM','HIGH','MEDIUM','MEDIUM','MEDIUM','LOW','HIGH','HIGH'])[1 + n % 11],
           'generated', ${nowMs - span} + (n::bigint * ${span} / ${alarms}), ${nowMs - span} + (n::bigint * ${span} / ${alarms}) + 30000, n % 7 = 0,
           CASE WHEN n % 3 = 0 THEN NULL ELSE (ARRAY['demo.nurse','a.nurse','b.nurse'])[1 + n % 3] END,
           CASE WHEN n % 3 = 0 THEN NULL ELSE 'Nurse ' || (n % 3) END,
           CASE WHEN n % 3 = 0 THEN NULL ELSE 'Desk ' || (n % 4) END,
           CASE WHEN n % 3 = 0 THEN NULL ELSE ${nowMs - span} + (n::bigint * ${span} / ${alarms}) + 2000 + (n % 90) * 1000 END
      FROM generate_series(1, ${alarms}) AS n`);
  await database.query(`
    INSERT INTO alarm_events (at_ms, kind, alarm_id, bed_id, condition, priority, username, user_display, station, idempotency_key, details, prev_hash, hash)
    SELECT s.onset_ms + k * 1000, (ARRAY['raised','escalated','acknowledged','resolved'])[k + 1], s.alarm_id, s.bed_id, s.condition, s.priority,
           CASE WHEN k = 2 THEN s.acknowledged_by END, CASE WHEN k = 2 THEN s.acknowledged_name END, CASE WHEN k = 2 THEN s.acknowledged_at END,
           NULL, '{}'::jsonb, 'generated', s.alarm_id || '-' || k
      FROM alarm_summaries s CROSS JOIN generate_series(0, 3) AS k`);
  // 72 h of one-minute trends for 8 numerics of every bed (issue 16), values wandering around a baseline.
  await database.query(`
    INSERT INTO numeric_trends (bed_id, minute_ms, key, median, min, max, count)
    SELECT 'bed-' || lpad(b::text, 2, '0'), ${Math.floor((nowMs - span) / 60_000) * 60_000} + m::bigint * 60000, k.key,
           k.base + 5 * sin(m / 30.0 + b), k.base + 5 * sin(m / 30.0 + b) - 3, k.base + 5 * sin(m / 30.0 + b) + 3, 60
      FROM generate_series(1, ${BEDS}) AS b CROSS JOIN generate_series(0, ${HOURS * 60 - 1}) AS m
      CROSS JOIN (VALUES ('HR', 80), ('PULSE', 80), ('SPO2', 96), ('RR', 16), ('NIBP_SYS', 120), ('ABP_SYS', 118),
                         ('ABP_DIA', 70), ('TEMP', 37)) AS k (key, base)`);
  const { rows } = await database.query<{ count: number | string }>('SELECT count(*) AS count FROM alarm_events');
  console.log(
    `journal: ${rows[0]?.count} events, ${alarms} alarms generated in ${round((performance.now() - started) / 1000)} s`,
  );
  await database.close();
  return Number(rows[0]?.count ?? 0);
}

/** One real hour of a simulated bed, encoded; its bytes are the footprint of a bed-hour. */
async function generateDisclosure(dataDir: string, nowMs: number): Promise<number> {
  const root = disclosureFolderIn(dataDir);
  const template = join(dataDir, 'template');
  const firstHour = Math.floor(nowMs / HOUR_MS) * HOUR_MS - HOURS * HOUR_MS;
  const store = new DisclosureStore(template, createRecordingLogger());
  const bed = new SimulatedBed({ seed: 7, label: 'Template', startMs: firstHour });
  const started = performance.now();
  for (let t = firstHour + 40; t <= firstHour + HOUR_MS; t += 1000)
    store.record('bed-01', bed.generate(t), bed.channels);
  await store.flushAll();
  const bytes = await store.diskBytes();
  console.log(
    `full disclosure: one simulated bed-hour encoded in ${round((performance.now() - started) / 1000)} s: ${round(bytes / 1048576, 2)} MB`,
  );
  for (const channel of await readdir(join(template, 'bed-01'))) {
    const [file] = await readdir(join(template, 'bed-01', channel));
    const source = join(template, 'bed-01', channel, file as string);
    for (let b = 1; b <= BEDS; b += 1) {
      const folder = join(root, `bed-${String(b).padStart(2, '0')}`, channel);
      await mkdir(folder, { recursive: true });
      // Every hour of the retention window (the hour files keep times relative to their hour).
      for (let h = 0; h < HOURS; h += 1) await link(source, join(folder, `${firstHour + h * HOUR_MS}.wfd`));
    }
  }
  const channels = await readdir(join(root, 'bed-01'));
  let perBedHour = 0;
  for (const channel of channels) perBedHour += (await stat(join(root, 'bed-01', channel, `${firstHour}.wfd`))).size;
  return (perBedHour * 24) / 1048576;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wardwatch-history-bench-'));
  const nowMs = Date.now();
  const events = await generateJournal(dataDir, nowMs);
  const mbPerBedDay = await generateDisclosure(dataDir, nowMs);

  const logger = createRecordingLogger();
  const identity = startGatewayIdentity({ kind: 'folder', path: databaseFolderIn(dataDir) }, { kind: 'demo' }, logger);
  const clock = createGatewayClock();
  const beds = await buildWard({ ...DEFAULT_WARD_SETUP, beds: BEDS }, clock(), logger);
  const gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Bench ward',
    logger,
    beds,
    clock,
    identity,
    disclosure: new DisclosureStore(disclosureFolderIn(dataDir), logger),
  });
  await identity.stores;
  const grant = await signInDemo(gateway.url, 'physician', 'Review desk');
  const socket = await welcomed(socketWithToken(gateway.url, grant.accessToken, 'station', 'Review desk'));
  try {
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const pages: number[] = [];
    let rows = 0;
    for (let i = 0; i < QUERIES; i += 1) {
      const toMs = nowMs - random() * 48 * HOUR_MS;
      const query = {
        fromMs: toMs - 24 * HOUR_MS,
        toMs,
        limit: 100,
        ...(i % 2 === 0 ? { bedId: `bed-${String(1 + Math.floor(random() * BEDS)).padStart(2, '0')}` } : {}),
        ...(i % 3 === 0 ? { priorities: ['HIGH'] } : {}),
        state: (['any', 'acknowledged', 'unacknowledged'] as const)[i % 3],
      };
      const started = performance.now();
      const reply = (await socket.emitWithAck(WARD_EVENTS.historyAlarms, query)) as {
        ok: boolean;
        value?: { rows: unknown[] };
      };
      pages.push(performance.now() - started);
      if (!reply.ok) throw new Error(`page refused: ${JSON.stringify(reply)}`);
      rows += reply.value?.rows.length ?? 0;
    }
    const strips: number[] = [];
    let samples = 0;
    for (let i = 0; i < QUERIES; i += 1) {
      const bedId = `bed-${String(1 + Math.floor(random() * BEDS)).padStart(2, '0')}`;
      const fromMs = nowMs - HOURS * HOUR_MS + random() * (HOURS - 1) * HOUR_MS;
      const started = performance.now();
      const reply = (await socket.emitWithAck(WARD_EVENTS.historyStrip, { bedId, fromMs, toMs: fromMs + 20_000 })) as {
        ok: boolean;
        value?: { channels: { segments: { samplesBase64: string }[] }[] };
      };
      strips.push(performance.now() - started);
      if (!reply.ok) throw new Error(`strip refused: ${JSON.stringify(reply)}`);
      for (const channel of reply.value?.channels ?? [])
        for (const segment of channel.segments) samples += (segment.samplesBase64.length * 3) / 8;
    }
    const trends: number[] = [];
    let trendRows = 0;
    const TRENDED = ['HR', 'PULSE', 'SPO2', 'RR', 'NIBP_SYS', 'ABP_SYS', 'ABP_DIA', 'TEMP'];
    for (let i = 0; i < QUERIES; i += 1) {
      const bedId = `bed-${String(1 + Math.floor(random() * BEDS)).padStart(2, '0')}`;
      const toMs = nowMs - random() * 48 * HOUR_MS;
      const started = performance.now();
      const reply = (await socket.emitWithAck(WARD_EVENTS.trends, {
        bedId,
        fromMs: toMs - 24 * HOUR_MS,
        toMs,
        keys: TRENDED,
      })) as { ok: boolean; value?: { series: { minuteMs: unknown[] }[] } };
      trends.push(performance.now() - started);
      if (!reply.ok) throw new Error(`trend refused: ${JSON.stringify(reply)}`);
      trendRows += (reply.value?.series ?? []).reduce((sum, series) => sum + series.minuteMs.length, 0);
    }
    console.log(`\nHistory queries over the socket (${QUERIES} each, ${BEDS} beds streaming meanwhile):\n`);
    console.log(`${'query'.padEnd(44)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}`);
    console.log(
      `${'filtered page of 100 alarms (24 h window)'.padEnd(44)}${String(round(percentile(pages, 50))).padStart(10)}${String(round(percentile(pages, 99))).padStart(10)}`,
    );
    console.log(
      `${'20 s strip, all channels'.padEnd(44)}${String(round(percentile(strips, 50))).padStart(10)}${String(round(percentile(strips, 99))).padStart(10)}`,
    );
    console.log(
      `${'24 h trend, 8 numerics (one-minute rows)'.padEnd(44)}${String(round(percentile(trends, 50))).padStart(10)}${String(round(percentile(trends, 99))).padStart(10)}`,
    );
    console.log(
      `\n${rows} rows, ${trendRows} trend rows and ${Math.round(samples)} samples returned; journal ${events} events; full disclosure ${round(mbPerBedDay)} MB per bed per day (${HOURS} h × ${BEDS} beds = ${round((mbPerBedDay * HOURS * BEDS) / 24 / 1024, 2)} GB).`,
    );
    console.log('Targets: page p99 < 100 ms, strip p99 < 200 ms, trend p99 < 100 ms.');
    console.log(
      `BENCH ${JSON.stringify({ events, beds: BEDS, page_p50_ms: round(percentile(pages, 50)), page_p99_ms: round(percentile(pages, 99)), strip_p50_ms: round(percentile(strips, 50)), strip_p99_ms: round(percentile(strips, 99)), trend_p50_ms: round(percentile(trends, 50)), trend_p99_ms: round(percentile(trends, 99)), disk_mb_per_bed_day: round(mbPerBedDay) })}`,
    );
  } finally {
    socket.close();
    await gateway.close();
    await identity.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:history failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
