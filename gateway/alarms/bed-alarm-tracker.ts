/**
 * One bed's alarms over time: a condition must hold for its delay before it alarms; an alarm whose condition
 * ends is resolved, or — when its priority latches — stays until a clinician resets it; an unacknowledged alarm
 * escalates one priority after the policy's interval. Each step returns the journal events it caused; the ward
 * service (ward-alarm-service.ts) records and broadcasts them.
 */
import { ALARM_CONDITIONS, escalatedPriority, type Alarm, type AlarmConditionKey, type AlarmEventKind } from '../../common/alarms/alarm-model';
import { limitsForBed, type AlarmPolicy } from '../../common/wire/ward-settings';
import { delayGroupOf, evaluateAlarmRules, type BedObservation } from './alarm-rules';

/** A change to one alarm, for the journal and the stations. */
export interface AlarmChange {
  readonly kind: AlarmEventKind;
  readonly alarm: Alarm;
}

/** Makes alarm ids (unique per gateway database; see ward-alarm-service.ts). */
export type AlarmIdSource = () => string;

/** Tracks one bed. */
export class BedAlarmTracker {
  /** When each condition was first seen holding (continuously since). */
  private readonly holdingSince = new Map<AlarmConditionKey, number>();
  /** The bed's alarms by condition (at most one per condition). */
  private readonly alarms = new Map<AlarmConditionKey, Alarm>();

  private changes = 0;

  constructor(
    readonly bedId: string,
    private readonly bedLabel: string,
    private readonly newAlarmId: AlarmIdSource,
  ) {}

  /** Goes up with every change to the bed's alarms (a new text, a condition that ended…), journaled or not. */
  get revision(): number {
    return this.changes;
  }

  private put(condition: AlarmConditionKey, alarm: Alarm): void {
    this.alarms.set(condition, alarm);
    this.changes += 1;
  }

  private remove(condition: AlarmConditionKey): void {
    this.alarms.delete(condition);
    this.changes += 1;
  }

  /** The bed's alarms now. */
  current(): Alarm[] {
    return [...this.alarms.values()];
  }

  /** Takes back alarms restored from the journal after a gateway restart; their conditions count as holding. */
  adopt(alarm: Alarm): void {
    this.put(alarm.condition, alarm);
    if (alarm.conditionActive) this.holdingSince.set(alarm.condition, alarm.onsetMs);
  }

  /** Evaluates this second's observation. */
  observe(observation: BedObservation, policy: AlarmPolicy, nowMs: number): AlarmChange[] {
    const findings = evaluateAlarmRules(observation, limitsForBed(policy, this.bedId));
    const changes: AlarmChange[] = [];
    for (const [condition, message] of findings) {
      const since = this.holdingSince.get(condition) ?? nowMs;
      this.holdingSince.set(condition, since);
      const existing = this.alarms.get(condition);
      if (existing !== undefined) {
        if (!existing.conditionActive || existing.message !== message) {
          // A latched alarm whose condition came back is active again; a changed measurement updates the text.
          this.put(condition, { ...existing, conditionActive: true, message });
        }
        continue;
      }
      if (nowMs - since < policy.delaysSeconds[delayGroupOf(condition)] * 1000) continue;
      const definition = ALARM_CONDITIONS[condition];
      const alarm: Alarm = {
        alarmId: this.newAlarmId(),
        bedId: this.bedId,
        bedLabel: this.bedLabel,
        condition,
        priority: definition.priority,
        category: definition.category,
        message,
        onsetMs: nowMs,
        conditionActive: true,
        latched: policy.latching[definition.priority],
        escalated: false,
        acknowledged: null,
      };
      this.put(condition, alarm);
      changes.push({ kind: 'raised', alarm });
    }
    // A condition that stopped inside its delay starts its delay afresh next time.
    for (const condition of this.holdingSince.keys()) if (!findings.has(condition)) this.holdingSince.delete(condition);
    for (const [condition, alarm] of this.alarms) {
      if (findings.has(condition)) continue;
      if (alarm.latched) {
        if (alarm.conditionActive) this.put(condition, { ...alarm, conditionActive: false });
        continue;
      }
      this.remove(condition);
      changes.push({ kind: 'resolved', alarm: { ...alarm, conditionActive: false } });
    }
    for (const [condition, alarm] of this.alarms) {
      if (alarm.escalated || alarm.acknowledged !== null || !alarm.conditionActive || policy.escalationSeconds === 0) continue;
      if (nowMs - alarm.onsetMs < policy.escalationSeconds * 1000 || alarm.priority === 'HIGH') continue;
      const escalated: Alarm = { ...alarm, priority: escalatedPriority(alarm.priority), escalated: true, latched: alarm.latched || policy.latching[escalatedPriority(alarm.priority)] };
      this.put(condition, escalated);
      changes.push({ kind: 'escalated', alarm: escalated });
    }
    return changes;
  }

  /** Marks an alarm acknowledged; the acknowledged alarm, or null when it is not this bed's. */
  acknowledge(alarmId: string, acknowledgment: NonNullable<Alarm['acknowledged']>): Alarm | null {
    const found = [...this.alarms.values()].find((alarm) => alarm.alarmId === alarmId);
    if (found === undefined) return null;
    const acknowledged = { ...found, acknowledged: found.acknowledged ?? acknowledgment };
    this.put(found.condition, acknowledged);
    return acknowledged;
  }

  /** Removes a latched alarm whose condition has ended. */
  reset(alarmId: string): Alarm | 'NOT_FOUND' | 'CONDITION_ACTIVE' {
    const found = [...this.alarms.values()].find((alarm) => alarm.alarmId === alarmId);
    if (found === undefined) return 'NOT_FOUND';
    if (found.conditionActive) return 'CONDITION_ACTIVE';
    this.remove(found.condition);
    return found;
  }

  /** Finds an alarm of this bed. */
  find(alarmId: string): Alarm | undefined {
    return [...this.alarms.values()].find((alarm) => alarm.alarmId === alarmId);
  }
}
