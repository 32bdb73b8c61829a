/**
 * History queries on the real database engine, fed through the journal as the gateway feeds it: filters (bed,
 * priority, alarm, acknowledged or not, by whom), keyset paging without gaps or repeats, an alarm's timeline with
 * the ward's AUDIO PAUSED inside it and its onset numerics, and the alarm-load statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm, AlarmPriority } from '../../../common/alarms/alarm-model';
import { AlarmHistory } from '../../../gateway/alarms/alarm-history';
import { AlarmJournal, type AlarmEventInput } from '../../../gateway/alarms/alarm-journal';
import { openGatewayDatabase, type Database } from '../../../gateway/storage/gateway-database';
import { alarmHistoryQuerySchema } from '../../../common/wire/history-messages';
import { createRecordingLogger } from '../../support/recording-logger';
import { BACKENDS, freshDatabase } from '../../support/test-databases';

let database: Database;
let journal: AlarmJournal;
let history: AlarmHistory;
const T0 = 1_800_000_000_000;

function alarm(n: number, priority: AlarmPriority, bedId: string): Alarm {
  return {
    alarmId: `h-${n}`,
    bedId,
    bedLabel: bedId.replace('bed-0', 'Bed '),
    condition: priority === 'HIGH' ? 'VF' : 'HR_HIGH',
    priority,
    category: 'physiological',
    message: `m${n}`,
    onsetMs: T0 + n * 60_000,
    conditionActive: true,
    latched: false,
    escalated: false,
    acknowledged: null,
  };
}

function event(
  kind: AlarmEventInput['kind'],
  subject: Alarm,
  atMs: number,
  user: string | null = null,
): AlarmEventInput {
  return {
    atMs,
    kind,
    alarmId: subject.alarmId,
    bedId: subject.bedId,
    condition: subject.condition,
    priority: subject.priority,
    username: user,
    userDisplay: user === null ? null : `${user} display`,
    station: user === null ? null : 'Desk 1',
    idempotencyKey: kind === 'acknowledged' ? `k-${subject.alarmId}` : null,
    details: {
      alarm: subject,
      ...(kind === 'raised'
        ? { numerics: { HR: { value: 150, unit: 'bpm', origin: 'device', measuredAtMs: atMs, note: null } } }
        : {}),
    },
  };
}

describe.each(BACKENDS)('history on %s', (backend) => {
  beforeAll(async () => {
    database = await openGatewayDatabase(await freshDatabase(backend), createRecordingLogger());
    journal = new AlarmJournal(database);
    history = new AlarmHistory(database);
    // 30 alarms over 30 minutes on 3 beds; every third HIGH; two thirds acknowledged by a.nurse or b.doc after n s.
    for (let n = 0; n < 30; n += 1) {
      const subject = alarm(n, n % 3 === 0 ? 'HIGH' : 'MEDIUM', `bed-0${(n % 3) + 1}`);
      await journal.append(event('raised', subject, subject.onsetMs));
      if (n % 3 !== 2)
        await journal.append(
          event('acknowledged', subject, subject.onsetMs + (n + 1) * 1000, n % 2 === 0 ? 'a.nurse' : 'b.doc'),
        );
      if (n === 4)
        await journal.append({
          atMs: subject.onsetMs + 500,
          kind: 'audio-paused',
          alarmId: null,
          bedId: null,
          condition: null,
          priority: 'MEDIUM',
          username: 'a.nurse',
          userDisplay: 'a.nurse display',
          station: 'Desk 1',
          idempotencyKey: null,
          details: { seconds: 120 },
        });
      await journal.append(event('resolved', subject, subject.onsetMs + 40_000));
    }
  }, 60_000);

  afterAll(async () => {
    await database.close();
  });

  const query = (filters: Record<string, unknown>) =>
    alarmHistoryQuerySchema.parse({ fromMs: T0, toMs: T0 + 3_600_000, ...filters });

  describe('alarm history', () => {
    it('filters by bed, priority, state and acknowledging user, newest first', async () => {
      expect((await history.page(query({ limit: 100 }))).rows).toHaveLength(30);
      const bed2 = await history.page(query({ bedId: 'bed-02' }));
      expect(bed2.rows.map((row) => row.alarmId)).toEqual([
        'h-28',
        'h-25',
        'h-22',
        'h-19',
        'h-16',
        'h-13',
        'h-10',
        'h-7',
        'h-4',
        'h-1',
      ]);
      expect(
        (await history.page(query({ priorities: ['HIGH'] }))).rows.every(
          (row) => row.priority === 'HIGH' && row.condition === 'VF',
        ),
      ).toBe(true);
      expect((await history.page(query({ state: 'unacknowledged' }))).rows).toHaveLength(10);
      const byDoc = await history.page(query({ acknowledgedBy: 'b.doc' }));
      expect(
        byDoc.rows.every(
          (row) =>
            row.acknowledgedBy === 'b.doc' &&
            row.acknowledgedName === 'b.doc display' &&
            row.acknowledgedAt === 'Desk 1',
        ),
      ).toBe(true);
      expect(
        (await history.page(query({ fromMs: T0 + 10 * 60_000, toMs: T0 + 12 * 60_000 }))).rows.map(
          (row) => row.alarmId,
        ),
      ).toEqual(['h-12', 'h-11', 'h-10']);
    });

    it('pages without gaps or repeats', async () => {
      const seen: string[] = [];
      let after: { onsetMs: number; alarmId: string } | undefined;
      for (let page = 0; page < 10; page += 1) {
        const result = await history.page(query({ limit: 7, ...(after === undefined ? {} : { after }) }));
        seen.push(...result.rows.map((row) => row.alarmId));
        if (result.next === null) break;
        after = result.next;
      }
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
    });

    it('gives an alarm its timeline, the ward’s audio pause within it, and its onset numerics', async () => {
      const detail = await history.detail('h-4');
      expect(detail?.timeline.map((entry) => `${entry.kind}:${entry.username ?? '-'}`)).toEqual([
        'raised:-',
        'audio-paused:a.nurse',
        'acknowledged:a.nurse',
        'resolved:-',
      ]);
      expect(detail?.numericsAtOnset).toEqual({ HR: { value: 150, unit: 'bpm' } });
      expect(detail?.alarm).toMatchObject({
        endedMs: T0 + 4 * 60_000 + 40_000,
        acknowledgedMs: T0 + 4 * 60_000 + 5000,
      });
      expect(await history.detail('nope')).toBeNull();
    });

    it('counts the alarm load: per bed, acknowledged share, time to acknowledge, most frequent', async () => {
      const stats = await history.stats({ fromMs: T0, toMs: T0 + 86_400_000 });
      expect(stats.total).toBe(30);
      expect(stats.acknowledgedShare).toBeCloseTo(20 / 30, 5);
      expect(stats.perBed.map((bed) => [bed.bedId, bed.HIGH + bed.MEDIUM + bed.LOW])).toEqual([
        ['bed-01', 10],
        ['bed-02', 10],
        ['bed-03', 10],
      ]);
      expect(stats.perBed[0]?.perDay).toBe(10);
      // Acknowledged after n + 1 s for n not ≡ 2 (mod 3): the median and 90th percentile of those 20 delays.
      const delays = Array.from({ length: 30 }, (_, n) => n)
        .filter((n) => n % 3 !== 2)
        .map((n) => (n + 1) * 1000);
      expect(stats.medianMsToAcknowledge).toBe((delays[9]! + delays[10]!) / 2);
      expect(stats.p90MsToAcknowledge).toBeGreaterThan(delays[16]!);
      expect(stats.topConditions.map((entry) => entry.condition)).toEqual(['HR_HIGH', 'VF']);
    });
  });
});
