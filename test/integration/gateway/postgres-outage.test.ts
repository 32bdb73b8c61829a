/**
 * The ward's PostgreSQL server stopped, and killed, under a running alarm service (the short version of
 * `npm run test:faults`' database case): while it is down every station shows ALARM LOG FAILURE, alarms are still
 * raised and shown, and a nurse's acknowledgment is refused (her station keeps it and tries again) rather than
 * claimed; once it is back everything queued is written in order, the failure alarm ends, the retried
 * acknowledgment is recorded exactly once and the journal's chain verifies. A commit whose answer was lost is
 * recognized, not written twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../../common/alarms/alarm-model';
import { DEFAULT_WARD_SETTINGS } from '../../../common/wire/ward-settings';
import { AlarmJournal, type AlarmEventInput } from '../../../gateway/alarms/alarm-journal';
import { createWardAlarmService } from '../../../gateway/alarms/ward-alarm-service';
import { openGatewayDatabase, type Database } from '../../../gateway/storage/gateway-database';
import type { PostgresServer } from '../../support/postgres-server';
import { createRecordingLogger } from '../../support/recording-logger';
import { DEMO_NURSE, VF_OBSERVATION } from '../../support/alarm-service-inputs';
import { BACKENDS, freshDatabase, testPostgresServer } from '../../support/test-databases';
import { waitFor } from '../../support/wait-for';

const NURSE = DEMO_NURSE;
const VF = VF_OBSERVATION;
const BEDS = Array.from({ length: 4 }, (_, n) => ({ bedId: `bed-0${n + 1}`, label: `Bed ${n + 1}` }));

let server: PostgresServer;
let database: Database;

beforeAll(async () => {
  server = await testPostgresServer();
  database = await openGatewayDatabase(await freshDatabase('postgres'), createRecordingLogger());
}, 60_000);

afterAll(async () => {
  await database?.close();
});

function startService(journal: AlarmJournal) {
  let clock = 1_800_000_000_000;
  const service = createWardAlarmService({
    beds: BEDS,
    policy: () => DEFAULT_WARD_SETTINGS.alarmPolicy,
    journal: Promise.resolve(journal),
    logger: createRecordingLogger(),
    now: () => clock,
    queue: { retryDelayMs: () => 100 },
  });
  return { service, advance: (ms: number) => (clock += ms), now: () => clock };
}

const showing = (alarms: readonly Alarm[], condition: string) => alarms.some((alarm) => alarm.condition === condition);

async function eventsIn(): Promise<{ kind: string; condition: string | null; idempotency_key: string | null }[]> {
  const { rows } = await database.query<{ kind: string; condition: string | null; idempotency_key: string | null }>(
    'SELECT kind, condition, idempotency_key FROM alarm_events ORDER BY seq',
  );
  return rows;
}

describe('the PostgreSQL server goes away under a running ward', () => {
  it('stopped: ALARM LOG FAILURE while down, the acknowledgment refused, then everything written once', async () => {
    await database.query('TRUNCATE alarm_events, standing_alarms, alarm_summaries');
    const journal = new AlarmJournal(database);
    const { service, now, advance } = startService(journal);
    await service.ready();
    service.observe('bed-01', VF, now());
    await service.drained();
    const vf = service.snapshot().alarms.find((alarm) => alarm.condition === 'VF') as Alarm;

    await server.stop();
    advance(1000);
    service.observe('bed-02', VF, now());
    // The alarm is shown at once, database or not.
    expect(service.snapshot().alarms.filter((alarm) => alarm.condition === 'VF')).toHaveLength(2);
    await waitFor(
      'ALARM LOG FAILURE',
      () => showing(service.snapshot().alarms, 'ALARM_LOG_FAILURE') || undefined,
      10_000,
    );
    // The nurse acknowledges while nothing can be recorded: she is told to try again, not that it worked.
    const refused = await service.acknowledge(vf.alarmId, 'ack-while-down', { user: NURSE, station: 'Desk 1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    await server.start();
    await service.drained();
    await waitFor(
      'ALARM LOG FAILURE to end',
      () => !showing(service.snapshot().alarms, 'ALARM_LOG_FAILURE') || undefined,
      10_000,
    );
    // Her station replays the same acknowledgment (same key): recorded now, once.
    expect(await service.acknowledge(vf.alarmId, 'ack-while-down', { user: NURSE, station: 'Desk 1' })).toMatchObject({
      ok: true,
    });
    expect(await service.acknowledge(vf.alarmId, 'ack-while-down', { user: NURSE, station: 'Desk 1' })).toMatchObject({
      ok: true,
      value: { duplicate: true },
    });
    await service.drained();
    const events = await eventsIn();
    expect(events.filter((event) => event.kind === 'raised' && event.condition === 'VF')).toHaveLength(2);
    expect(events.filter((event) => event.idempotency_key === 'ack-while-down')).toHaveLength(1);
    // The failure is on the record too: the record says when the record was incomplete.
    expect(events.some((event) => event.condition === 'ALARM_LOG_FAILURE')).toBe(true);
    expect(await journal.verify()).toMatchObject({ intact: true });
    service.stop();
  }, 60_000);

  it('killed (kill -9) in the middle of a burst of alarms and acknowledgments: no event lost or doubled, the chain intact', async () => {
    await database.query('TRUNCATE alarm_events, standing_alarms, alarm_summaries');
    const journal = new AlarmJournal(database);
    const { service, now, advance } = startService(journal);
    await service.ready();
    for (const bed of BEDS) service.observe(bed.bedId, VF, now());
    await service.drained();
    const alarms = service.snapshot().alarms.filter((alarm) => alarm.condition === 'VF');
    const told = new Map<string, boolean>();
    const acknowledging = alarms.map(async (alarm, n) => {
      const key = `burst-${n}`;
      for (;;) {
        const reply = await service.acknowledge(alarm.alarmId, key, { user: NURSE, station: 'Desk 1' });
        if (reply.ok) {
          told.set(key, true);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    await server.crash();
    advance(500);
    await server.start();
    await Promise.all(acknowledging);
    await service.drained();
    const events = await eventsIn();
    for (const key of told.keys()) expect(events.filter((event) => event.idempotency_key === key)).toHaveLength(1);
    expect(told.size).toBe(alarms.length);
    expect(await journal.verify()).toMatchObject({ intact: true });
    service.stop();
  }, 60_000);
});

describe.each(BACKENDS)('a commit whose answer was lost, on %s', (backend) => {
  it('is found on the retry and not written twice', async () => {
    const opened = await openGatewayDatabase(await freshDatabase(backend), createRecordingLogger());
    let loseNextAnswer = true;
    // The transaction commits, then the connection "breaks" before the answer arrives.
    const lossy: Database = {
      ...opened,
      query: opened.query.bind(opened),
      transaction: async (run) => {
        const result = await opened.transaction(run);
        if (loseNextAnswer) {
          loseNextAnswer = false;
          throw new Error('Connection terminated unexpectedly');
        }
        return result;
      },
    };
    const journal = new AlarmJournal(lossy);
    const event: AlarmEventInput = {
      atMs: 1_800_000_000_000,
      kind: 'acknowledged',
      alarmId: 'alarm-1',
      bedId: 'bed-01',
      condition: 'VF',
      priority: 'HIGH',
      username: 'demo.nurse',
      userDisplay: 'Demo Nurse',
      station: 'Desk 1',
      idempotencyKey: null,
      details: {},
    };
    await expect(journal.append(event)).rejects.toThrow(/Connection terminated/);
    const retried = await journal.append(event);
    expect(retried).toMatchObject({ recorded: { seq: 1, kind: 'acknowledged' } });
    await journal.append({ ...event, atMs: event.atMs + 1000, kind: 'resolved' });
    const { rows } = await opened.query<{ count: number }>('SELECT count(*) AS count FROM alarm_events');
    expect(rows[0]?.count).toBe(2);
    expect(await journal.verify()).toMatchObject({ intact: true, events: 2 });
    await opened.close();
  }, 60_000);
});
