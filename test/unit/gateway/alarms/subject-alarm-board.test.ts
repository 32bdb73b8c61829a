/**
 * Alarms about a subject that is not a bed (a remote patient): what holds is raised once, keeps its acknowledgment
 * while it holds (with the newest words), and is resolved when it no longer holds; a restored alarm is taken back
 * only by its owner, and the next review decides whether it still stands.
 */
import { describe, expect, it } from 'vitest';
import { SubjectAlarmBoard } from '../../../../gateway/alarms/subject-alarm-board';

const GRACE = {
  bedId: 'remote-rp-1',
  bedLabel: 'Home · OKAFOR, Grace',
  patient: { mrn: 'H-1', name: 'OKAFOR, Grace' },
};
const board = () => {
  let id = 0;
  return new SubjectAlarmBoard(
    () => `a-${(id += 1)}`,
    (bedId) => bedId.startsWith('remote-'),
  );
};

describe('subject alarm board', () => {
  it('raises once, keeps the acknowledgment with newer words, resolves what no longer holds', () => {
    const subject = board();
    const raised = subject.review(GRACE, new Map([['HOME_BP_HIGH', 'BP 186/98 > 180 (5 min ago)']]), 1000);
    expect(raised.map((change) => `${change.kind} ${change.alarm.condition} ${change.alarm.category}`)).toEqual([
      'raised HOME_BP_HIGH advisory',
    ]);
    const alarmId = raised[0]?.alarm.alarmId ?? '';
    subject.acknowledge(alarmId, { username: 'ana', displayName: 'Ana Nurse', station: 'Desk', atMs: 2000 });
    const revision = subject.revision;
    expect(subject.review(GRACE, new Map([['HOME_BP_HIGH', 'BP 186/98 > 180 (1 h ago)']]), 3000)).toEqual([]);
    expect(subject.revision).toBeGreaterThan(revision);
    expect(subject.find(alarmId)).toMatchObject({
      message: 'BP 186/98 > 180 (1 h ago)',
      acknowledged: { displayName: 'Ana Nurse' },
      patient: { mrn: 'H-1' },
    });
    const ended = subject.review(GRACE, new Map(), 4000);
    expect(ended.map((change) => `${change.kind} ${change.alarm.alarmId} ${change.alarm.conditionActive}`)).toEqual([
      `resolved ${alarmId} false`,
    ]);
    expect(subject.current()).toEqual([]);
  });

  it('adopts only its own restored alarms', () => {
    const subject = board();
    const [change] = board().review(GRACE, new Map([['HOME_READING_MISSED', 'no BP reading for 27 h']]), 1000);
    const alarm = change?.alarm;
    if (alarm === undefined) throw new Error('nothing raised');
    expect(subject.adopt({ ...alarm, bedId: 'bed-01' })).toBe(false);
    expect(subject.adopt(alarm)).toBe(true);
    // Still holding after the restart: the same alarm, not a new one.
    expect(subject.review(GRACE, new Map([['HOME_READING_MISSED', 'no BP reading for 28 h']]), 2000)).toEqual([]);
    expect(subject.current().map((standing) => standing.alarmId)).toEqual([alarm.alarmId]);
  });
});
