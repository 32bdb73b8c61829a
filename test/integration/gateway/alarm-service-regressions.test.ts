/**
 * Issue 11's "Why" list for the ward alarm service and its journal, on the real database engine (PGlite): a slow
 * journal no longer holds an alarm back, a failing one is an alarm of its own, a restart restores current alarms
 * however long the journal is, and an alarm raised before the restore finished is not overwritten.
 */
import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmSnapshot } from '../../../common/alarms/alarm-model';
import { DEFAULT_WARD_SETTINGS } from '../../../common/wire/ward-settings';
import { AlarmJournal, type AlarmEventInput } from '../../../gateway/alarms/alarm-journal';
import type { BedObservation } from '../../../gateway/alarms/alarm-rules';
import {
  createWardAlarmService,
  type AlarmJournalPort,
  type WardAlarmService,
} from '../../../gateway/alarms/ward-alarm-service';
import { openGatewayDatabase, type Database } from '../../../gateway/storage/gateway-database';
import { createRecordingLogger } from '../../support/recording-logger';
import { DEMO_NURSE, deviceNumeric, VF_OBSERVATION } from '../../support/alarm-service-inputs';
import { waitFor } from '../../support/wait-for';
import { rhythmShowing } from '../../support/rhythm-assessments';

const BEDS = [
  { bedId: 'bed-01', label: 'Bed 1' },
  { bedId: 'bed-02', label: 'Bed 2' },
];
const NURSE = DEMO_NURSE;
const numeric = deviceNumeric;
const VF = VF_OBSERVATION;
const NORMAL: BedObservation = {
  numerics: { HR: numeric(72), SPO2: numeric(97), RR: numeric(14) },
  rhythm: rhythmShowing(),
};

/** A service on `journal` whose snapshots are collected, with a clock the test moves. */
function service(journal: Promise<AlarmJournalPort> | null, queue = {}) {
  let clock = 1_800_000_000_000;
  const snapshots: AlarmSnapshot[] = [];
  const subject: WardAlarmService = createWardAlarmService({
    beds: BEDS,
    policy: () => DEFAULT_WARD_SETTINGS.alarmPolicy,
    journal,
    logger: createRecordingLogger(),
    now: () => clock,
    queue,
  });
  subject.onChange((snapshot) => snapshots.push(snapshot));
  return {
    subject,
    snapshots,
    advance: (ms: number) => (clock += ms),
    now: () => clock,
    latest: () => subject.snapshot(),
  };
}

/** A real journal whose writes wait for the test to open a gate (a slow database). */
function gatedJournal(journal: AlarmJournal): { port: AlarmJournalPort; open: () => void; pending: () => number } {
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  let pending = 0;
  return {
    port: {
      append: async (event: AlarmEventInput) => {
        pending += 1;
        await gate;
        pending -= 1;
        return journal.append(event);
      },
      findByKey: (key) => journal.findByKey(key),
      standing: () => journal.standing(),
    },
    open: () => {
      release();
      gate = Promise.resolve();
    },
    pending: () => pending,
  };
}

async function memoryJournal(): Promise<{ database: Database; journal: AlarmJournal }> {
  const database = await openGatewayDatabase({ kind: 'memory' }, createRecordingLogger());
  return { database, journal: new AlarmJournal(database) };
}

describe('alarm service regressions (issue 11)', () => {
  it('stations hear of a new alarm only after the journal commit, with no bound — now at once, with the commit revision following', async () => {
    const { database, journal } = await memoryJournal();
    const gated = gatedJournal(journal);
    const { subject, snapshots, latest } = service(Promise.resolve(gated.port));
    await subject.ready();
    subject.observe('bed-01', VF, 1_800_000_000_000);
    // Broadcast in the same turn as the engine's step, while the database has not written a thing.
    const shown = snapshots.at(-1);
    expect(shown?.alarms.map((alarm) => alarm.condition)).toEqual(['VF']);
    expect(shown?.journal.committedVersion).toBeLessThan(shown?.version ?? 0);
    await waitFor('the write to reach the database', () => gated.pending() > 0 || undefined);
    gated.open();
    await subject.drained();
    await waitFor(
      'a snapshot saying it is committed',
      () => (latest().journal.committedVersion === latest().version && latest().journal.queued === 0) || undefined,
    );
    const { rows } = await database.query<{ kind: string; condition: string }>(
      'SELECT kind, condition FROM alarm_events ORDER BY seq',
    );
    expect(rows).toEqual([{ kind: 'raised', condition: 'VF' }]);
    subject.stop();
    await database.close();
  }, 60_000);

  it('a failed journal write is only logged — now it is ALARM LOG FAILURE at every station, retried until written, in order', async () => {
    const { database, journal } = await memoryJournal();
    let failuresLeft = 3;
    const flaky: AlarmJournalPort = {
      append: (event) => (failuresLeft-- > 0 ? Promise.reject(new Error('disk I/O error')) : journal.append(event)),
      findByKey: (key) => journal.findByKey(key),
      standing: () => journal.standing(),
    };
    const { subject, snapshots } = service(Promise.resolve(flaky), { retryDelayMs: () => 20 });
    await subject.ready();
    subject.observe('bed-01', VF, 1_800_000_000_000);
    await waitFor(
      'ALARM LOG FAILURE',
      () =>
        snapshots.some((snapshot) => snapshot.alarms.some((alarm) => alarm.condition === 'ALARM_LOG_FAILURE')) ||
        undefined,
    );
    const failure = snapshots
      .flatMap((snapshot) => snapshot.alarms)
      .find((alarm) => alarm.condition === 'ALARM_LOG_FAILURE');
    expect(failure).toMatchObject({ bedLabel: 'Gateway', priority: 'MEDIUM', category: 'technical' });
    expect(failure?.message).toMatch(/disk I\/O error/);
    await subject.drained();
    await waitFor(
      'the failure to end',
      () => !subject.snapshot().alarms.some((alarm) => alarm.condition === 'ALARM_LOG_FAILURE') || undefined,
    );
    const { rows } = await database.query<{ kind: string; condition: string }>(
      'SELECT kind, condition FROM alarm_events ORDER BY seq',
    );
    // The VF event first (it happened first), then the failure's own record.
    expect(rows).toEqual([
      { kind: 'raised', condition: 'VF' },
      { kind: 'raised', condition: 'ALARM_LOG_FAILURE' },
      { kind: 'resolved', condition: 'ALARM_LOG_FAILURE' },
    ]);
    subject.stop();
    await database.close();
  }, 60_000);

  it('engine events wait in a bounded queue while the database opens; overflow is ALARM LOG FAILURE, not a silent drop', async () => {
    let open: (port: AlarmJournalPort) => void = () => undefined;
    const opening = new Promise<AlarmJournalPort>((resolve) => (open = resolve));
    const { subject, advance, now } = service(opening, { capacity: 3 });
    for (let second = 0; second < 4; second += 1) {
      subject.observe('bed-01', second % 2 === 0 ? VF : NORMAL, now());
      subject.observe('bed-02', second % 2 === 0 ? NORMAL : VF, now());
      advance(1000);
    }
    const snapshot = subject.snapshot();
    expect(snapshot.journal).toMatchObject({ state: 'opening', dropped: expect.any(Number) });
    expect(snapshot.journal.dropped).toBeGreaterThan(0);
    expect(snapshot.alarms.find((alarm) => alarm.condition === 'ALARM_LOG_FAILURE')?.message).toMatch(
      /could not be kept/,
    );
    const { database, journal } = await memoryJournal();
    open(journal);
    await subject.ready();
    await subject.drained();
    expect(subject.snapshot().alarms.some((alarm) => alarm.condition === 'ALARM_LOG_FAILURE')).toBe(false);
    const { rows } = await database.query<{ kind: string; details: { droppedEvents?: number } }>(
      "SELECT kind, details FROM alarm_events WHERE condition = 'ALARM_LOG_FAILURE' ORDER BY seq",
    );
    expect(rows.map((row) => row.kind)).toEqual(['raised', 'resolved']);
    expect(rows[1]?.details.droppedEvents).toBe(snapshot.journal.dropped);
    subject.stop();
    await database.close();
  }, 60_000);

  it('the start-up restore read the oldest 1,000,000 journal events — now it reads the standing alarms, past any journal length', async () => {
    const { database, journal } = await memoryJournal();
    // A long-running ward: a million events of alarms long over, written straight into the table.
    await database.query(
      `INSERT INTO alarm_events (at_ms, kind, alarm_id, bed_id, condition, priority, details, prev_hash, hash)
       SELECT g, CASE WHEN g % 2 = 1 THEN 'raised' ELSE 'resolved' END, 'old-' || ((g + 1) / 2), 'bed-02', 'HR_HIGH', 'MEDIUM', '{}'::jsonb, 'filler', 'filler-' || g
       FROM generate_series(1, 1000002) g`,
    );
    const first = service(Promise.resolve(journal));
    await first.subject.ready();
    first.subject.observe('bed-01', VF, first.now());
    const vf = first.subject.snapshot().alarms[0] as Alarm;
    expect(await first.subject.acknowledge(vf.alarmId, 'key-1', { user: NURSE, station: 'Desk 1' })).toMatchObject({
      ok: true,
      value: { duplicate: false },
    });
    await first.subject.drained();
    first.subject.stop();

    // The gateway restarts on the same database.
    const second = service(Promise.resolve(journal));
    expect(await second.subject.ready()).toBe(1);
    const [restored] = second.subject.snapshot().alarms;
    expect(restored).toMatchObject({ alarmId: vf.alarmId, condition: 'VF', acknowledged: { username: 'demo.nurse' } });
    second.subject.stop();
    await database.close();
  }, 120_000);

  it('alarms raised before the restore finished are not overwritten: the restored one of the same condition is superseded, and both are in the history', async () => {
    const { database, journal } = await memoryJournal();
    const first = service(Promise.resolve(journal));
    await first.subject.ready();
    first.subject.observe('bed-01', VF, first.now());
    const old = first.subject.snapshot().alarms[0] as Alarm;
    await first.subject.drained();
    first.subject.stop();

    let open: (port: AlarmJournalPort) => void = () => undefined;
    const second = service(new Promise<AlarmJournalPort>((resolve) => (open = resolve)));
    second.subject.observe('bed-01', VF, second.now());
    const live = second.subject.snapshot().alarms[0] as Alarm;
    open(journal);
    expect(await second.subject.ready()).toBe(0);
    await second.subject.drained();
    expect(second.subject.snapshot().alarms.map((alarm) => alarm.alarmId)).toEqual([live.alarmId]);
    const { rows } = await database.query<{ alarm_id: string; kind: string }>(
      "SELECT alarm_id, kind FROM alarm_events WHERE condition = 'VF' ORDER BY seq",
    );
    expect(rows).toEqual([
      { alarm_id: old.alarmId, kind: 'raised' },
      { alarm_id: live.alarmId, kind: 'raised' },
      { alarm_id: old.alarmId, kind: 'superseded' },
    ]);
    const standing = await journal.standing();
    expect(standing.alarms.map((alarm) => alarm.alarmId)).toEqual([live.alarmId]);
    second.subject.stop();
    await database.close();
  }, 60_000);

  it('a nurse’s acknowledgment behind a failing journal got no answer at all — now UNAVAILABLE within the deadline, unrecorded, and recorded once when replayed', async () => {
    const { database, journal } = await memoryJournal();
    let failing = false;
    const broken: AlarmJournalPort = {
      append: (event) => (failing ? Promise.reject(new Error('disk I/O error')) : journal.append(event)),
      findByKey: (key) => journal.findByKey(key),
      standing: () => journal.standing(),
    };
    const { subject } = service(Promise.resolve(broken), { retryDelayMs: () => 200 });
    await subject.ready();
    subject.observe('bed-01', VF, 1_800_000_000_000);
    await subject.drained();
    const vf = subject.snapshot().alarms.find((alarm) => alarm.condition === 'VF') as Alarm;
    failing = true;
    const asked = performance.now();
    const reply = await subject.acknowledge(vf.alarmId, 'key-offline-1', { user: NURSE, station: 'Desk 1' });
    const waited = performance.now() - asked;
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/ALARM LOG FAILURE/) },
    });
    expect(waited).toBeLessThan(4500);
    expect(subject.snapshot().alarms.find((alarm) => alarm.alarmId === vf.alarmId)?.acknowledged).toBeNull();
    // The database comes back; the station replays with the same key: one acknowledgment, on screen and on record.
    failing = false;
    await subject.drained();
    expect(await subject.acknowledge(vf.alarmId, 'key-offline-1', { user: NURSE, station: 'Desk 1' })).toMatchObject({
      ok: true,
      value: { duplicate: false },
    });
    expect(subject.snapshot().alarms.find((alarm) => alarm.alarmId === vf.alarmId)?.acknowledged).toMatchObject({
      username: 'demo.nurse',
    });
    const { rows } = await database.query<{ n: number | string }>(
      "SELECT count(*) AS n FROM alarm_events WHERE idempotency_key = 'key-offline-1'",
    );
    expect(Number(rows[0]?.n)).toBe(1);
    subject.stop();
    await database.close();
  }, 60_000);
});
