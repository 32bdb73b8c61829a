/**
 * Alarms about a subject that is not a monitored bed — a remote patient at home (issue 16) — decided elsewhere
 * (remote/remote-alerts.ts) and handed over as the whole set of conditions that hold now: a condition new to the
 * set is raised, one still in it keeps its alarm (and its acknowledgment) with the newest words, one gone from it
 * is resolved. One alarm per subject and condition. Times are the gateway's clock.
 */
import { ALARM_CONDITIONS, type Alarm, type AlarmConditionKey } from '../../common/alarms/alarm-model';
import type { AlarmChange, AlarmIdSource } from './bed-alarm-tracker';
import type { AlarmPatient } from './alarm-rules';

/** Whom the alarms are about, as the alarm bar names them. */
export interface AlarmSubject {
  /** Stable id, filed as the alarm's bed (e.g. `remote-rp-0001`). */
  readonly bedId: string;
  readonly bedLabel: string;
  readonly patient?: AlarmPatient;
}

/** The board. */
export class SubjectAlarmBoard {
  private readonly alarms = new Map<string, Map<AlarmConditionKey, Alarm>>();
  /** Goes up with every change to an alarm of the board, journaled or not (newer words). */
  revision = 0;

  constructor(
    private readonly newAlarmId: AlarmIdSource,
    /** Which restored alarms are this board's (by their bed id). */
    private readonly owns: (bedId: string) => boolean,
  ) {}

  /** Applies what holds for a subject now; the journal's changes. */
  review(subject: AlarmSubject, holding: ReadonlyMap<AlarmConditionKey, string>, atMs: number): AlarmChange[] {
    const standing = this.alarms.get(subject.bedId) ?? new Map<AlarmConditionKey, Alarm>();
    const changes: AlarmChange[] = [];
    for (const [condition, message] of holding) {
      const existing = standing.get(condition);
      const text = message.slice(0, 80);
      if (existing !== undefined) {
        if (existing.message !== text) {
          standing.set(condition, { ...existing, message: text });
          this.revision += 1;
        }
        continue;
      }
      const definition = ALARM_CONDITIONS[condition];
      const alarm: Alarm = {
        alarmId: this.newAlarmId(),
        bedId: subject.bedId,
        bedLabel: subject.bedLabel.slice(0, 32),
        condition,
        priority: definition.priority,
        category: definition.category,
        message: text,
        onsetMs: atMs,
        conditionActive: true,
        latched: false,
        escalated: false,
        acknowledged: null,
        ...(subject.patient === undefined ? {} : { patient: subject.patient }),
      };
      standing.set(condition, alarm);
      changes.push({ kind: 'raised', alarm });
    }
    for (const [condition, alarm] of standing)
      if (!holding.has(condition)) {
        standing.delete(condition);
        changes.push({ kind: 'resolved', alarm: { ...alarm, conditionActive: false } });
      }
    if (changes.length > 0) this.revision += 1;
    if (standing.size === 0) this.alarms.delete(subject.bedId);
    else this.alarms.set(subject.bedId, standing);
    return changes;
  }

  /** Takes back an alarm restored after a restart, when it is this board's; the next review decides its fate. */
  adopt(alarm: Alarm): boolean {
    if (!this.owns(alarm.bedId)) return false;
    const standing = this.alarms.get(alarm.bedId) ?? new Map<AlarmConditionKey, Alarm>();
    standing.set(alarm.condition, alarm);
    this.alarms.set(alarm.bedId, standing);
    return true;
  }

  current(): Alarm[] {
    return [...this.alarms.values()].flatMap((standing) => [...standing.values()]);
  }

  find(alarmId: string): Alarm | undefined {
    return this.current().find((alarm) => alarm.alarmId === alarmId);
  }

  /** Marks an alarm acknowledged; null when it is not this board's. */
  acknowledge(alarmId: string, acknowledgment: NonNullable<Alarm['acknowledged']>): Alarm | null {
    return this.update(alarmId, (alarm) => ({ ...alarm, acknowledged: alarm.acknowledged ?? acknowledgment }));
  }

  /** Changes what an alarm carries; null when it is not this board's. */
  update(alarmId: string, change: (alarm: Alarm) => Alarm): Alarm | null {
    const found = this.find(alarmId);
    if (found === undefined) return null;
    const changed = change(found);
    this.alarms.get(found.bedId)?.set(found.condition, changed);
    this.revision += 1;
    return changed;
  }
}
