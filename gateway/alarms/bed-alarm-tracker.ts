/**
 * One bed's alarms over time: a condition must hold for its delay before it alarms; an alarm whose condition
 * ends is resolved, or — when its priority latches — stays until a clinician resets it; an unacknowledged alarm
 * escalates one priority after the policy's interval. Each step returns the journal events it caused; the ward
 * service (ward-alarm-service.ts) records and broadcasts them.
 *
 * One alarm is one episode of its condition: a latched alarm whose condition ended and came back is not woken up
 * (its acknowledgment was for the episode that ended) — the recurrence waits out its delay and is a new alarm,
 * with a new id, that supersedes the old one. All times are the gateway's clock.
 */
import {
  ALARM_CONDITIONS,
  escalatedPriority,
  type Alarm,
  type AlarmConditionKey,
  type AlarmEventKind,
} from '../../common/alarms/alarm-model';
import { limitsForBed, type AlarmPolicy } from '../../common/wire/ward-settings';
import {
  delayGroupOf,
  evaluateAlarmRules,
  MONITORED_NUMERICS,
  validValue,
  type BedObservation,
  type Finding,
  type MonitoredNumeric,
} from './alarm-rules';

/** A change to one alarm, for the journal and the stations. */
export interface AlarmChange {
  readonly kind: AlarmEventKind;
  readonly alarm: Alarm;
  /** For `superseded`: the alarm that replaces it. */
  readonly supersededBy?: string;
  /** For `raised` by the ECG analysis: why (leads, pulse signals, quality), for the journal. */
  readonly reasons?: Finding['reasons'];
}

/** Makes alarm ids (unique per gateway database; see ward-alarm-service.ts). */
export type AlarmIdSource = () => string;

/** Whether an alarm of this condition latches under the policy: technical alarms never do (as INOPs at a bedside). */
function latches(condition: AlarmConditionKey, priority: Alarm['priority'], policy: AlarmPolicy): boolean {
  return ALARM_CONDITIONS[condition].category === 'physiological' && policy.latching[priority];
}

/**
 * Observations further apart than this mean the gateway itself stalled (a blocked event loop: the database's WASM
 * compiling at start-up, a long GC): a condition seen before and after the gap was not seen holding in between, so
 * its delay starts again. Without this, one stale low value on both sides of a 5 s stall was an ABP LOW alarm.
 */
export const OBSERVATION_GAP_MS = 2000;

/** Tracks one bed. */
export class BedAlarmTracker {
  /** When each condition was first seen holding (continuously since). */
  private readonly holdingSince = new Map<AlarmConditionKey, number>();
  /** When the last observation came (gateway time), to tell a stall from a condition that holds. */
  private lastObservedMs: number | null = null;
  /** The bed's alarms by condition (at most one per condition). */
  private readonly alarms = new Map<AlarmConditionKey, Alarm>();
  /** Measurements this bed has: from its channels, and every one it has reported a value for. */
  private monitored: Set<MonitoredNumeric>;
  private readonly initiallyMonitored: readonly MonitoredNumeric[];

  private changes = 0;

  constructor(
    readonly bedId: string,
    private readonly bedLabel: string,
    private readonly newAlarmId: AlarmIdSource,
    monitored: Iterable<MonitoredNumeric> = [],
  ) {
    this.initiallyMonitored = [...monitored];
    this.monitored = new Set(this.initiallyMonitored);
  }

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

  /**
   * Takes back an alarm restored after a gateway restart; its condition counts as holding when it was active. An
   * alarm of the same condition raised since the start is live and wins: the restored one is then superseded.
   */
  adopt(alarm: Alarm): AlarmChange[] {
    const live = this.alarms.get(alarm.condition);
    if (live?.alarmId === alarm.alarmId) return [];
    if (live !== undefined) return [{ kind: 'superseded', alarm, supersededBy: live.alarmId }];
    this.put(alarm.condition, alarm);
    if (alarm.conditionActive) this.holdingSince.set(alarm.condition, alarm.onsetMs);
    return [];
  }

  /** Evaluates this second's observation. */
  observe(observation: BedObservation, policy: AlarmPolicy, nowMs: number): AlarmChange[] {
    if (this.lastObservedMs !== null && nowMs - this.lastObservedMs > OBSERVATION_GAP_MS)
      for (const condition of this.holdingSince.keys()) this.holdingSince.set(condition, nowMs);
    this.lastObservedMs = nowMs;
    for (const key of MONITORED_NUMERICS) if (validValue(observation.numerics[key]) !== null) this.monitored.add(key);
    const findings = evaluateAlarmRules(observation, limitsForBed(policy, this.bedId), this.monitored);
    // Nobody lies in the bed (discharged by ADT): nothing about a patient alarms; the equipment's problems still do.
    if (observation.patient === null)
      for (const condition of [...findings.keys()])
        if (ALARM_CONDITIONS[condition].category !== 'technical') findings.delete(condition);
    const changes: AlarmChange[] = [];
    for (const [condition, finding] of findings) {
      const since = this.holdingSince.get(condition) ?? nowMs;
      this.holdingSince.set(condition, since);
      const existing = this.alarms.get(condition);
      if (existing?.conditionActive === true) {
        // A changed measurement updates the text; the episode (and its acknowledgment) goes on.
        if (existing.message !== finding.message) this.put(condition, { ...existing, message: finding.message });
        continue;
      }
      const delaySeconds = Math.max(policy.delaysSeconds[delayGroupOf(condition)], finding.delayAtLeastSeconds ?? 0);
      if (nowMs - since < delaySeconds * 1000) continue;
      const definition = ALARM_CONDITIONS[condition];
      const alarm: Alarm = {
        alarmId: this.newAlarmId(),
        bedId: this.bedId,
        bedLabel: this.bedLabel,
        condition,
        priority: definition.priority,
        category: definition.category,
        message: finding.message,
        onsetMs: nowMs,
        conditionActive: true,
        latched: latches(condition, definition.priority, policy),
        escalated: false,
        acknowledged: null,
        ...(observation.patient === undefined || observation.patient === null ? {} : { patient: observation.patient }),
      };
      // A latched alarm of an episode that ended stays on screen until its recurrence is an alarm of its own.
      if (existing !== undefined) changes.push({ kind: 'superseded', alarm: existing, supersededBy: alarm.alarmId });
      this.put(condition, alarm);
      changes.push({ kind: 'raised', alarm, ...(finding.reasons === undefined ? {} : { reasons: finding.reasons }) });
    }
    // A condition that stopped inside its delay starts its delay afresh next time.
    for (const condition of this.holdingSince.keys()) if (!findings.has(condition)) this.holdingSince.delete(condition);
    for (const [condition, alarm] of this.alarms) {
      if (findings.has(condition)) continue;
      if (alarm.latched) {
        if (!alarm.conditionActive) continue;
        const ended = { ...alarm, conditionActive: false };
        this.put(condition, ended);
        changes.push({ kind: 'condition-ended', alarm: ended });
        continue;
      }
      this.remove(condition);
      changes.push({ kind: 'resolved', alarm: { ...alarm, conditionActive: false } });
    }
    for (const [condition, alarm] of this.alarms) {
      if (alarm.escalated || alarm.acknowledged !== null || !alarm.conditionActive || policy.escalationSeconds === 0)
        continue;
      // An advisory asks for a clinician's review: it never climbs into a bedside priority.
      if (alarm.category === 'advisory') continue;
      if (nowMs - alarm.onsetMs < policy.escalationSeconds * 1000 || alarm.priority === 'HIGH') continue;
      const priority = escalatedPriority(alarm.priority);
      const escalated: Alarm = {
        ...alarm,
        priority,
        escalated: true,
        latched: alarm.latched || latches(condition, priority, policy),
      };
      this.put(condition, escalated);
      changes.push({ kind: 'escalated', alarm: escalated });
    }
    return changes;
  }

  /**
   * The bed's patient left (discharged, transferred, another admitted): every physiological alarm and advisory of
   * the bed ends, latched ones too — they were about someone who is no longer there. Technical alarms go on.
   */
  patientLeft(): AlarmChange[] {
    const changes: AlarmChange[] = [];
    for (const [condition, alarm] of this.alarms) {
      if (alarm.category === 'technical') continue;
      this.remove(condition);
      this.holdingSince.delete(condition);
      changes.push({ kind: 'resolved', alarm: { ...alarm, conditionActive: false } });
    }
    return changes;
  }

  /**
   * The bed is no longer monitored (its last device was unassigned, its patient discharged): every alarm of it
   * ends — a latched one too, since nobody is there to reset it for — and what it learned it measures is forgotten.
   */
  standBy(): AlarmChange[] {
    const changes = [...this.alarms.values()].map((alarm): AlarmChange => ({
      kind: 'resolved',
      alarm: { ...alarm, conditionActive: false },
    }));
    if (changes.length > 0) this.changes += 1;
    this.alarms.clear();
    this.holdingSince.clear();
    this.monitored = new Set(this.initiallyMonitored);
    this.lastObservedMs = null;
    return changes;
  }

  /** Marks an alarm acknowledged; the acknowledged alarm, or null when it is not this bed's. */
  acknowledge(alarmId: string, acknowledgment: NonNullable<Alarm['acknowledged']>): Alarm | null {
    const found = this.find(alarmId);
    if (found === undefined) return null;
    const acknowledged = { ...found, acknowledged: found.acknowledged ?? acknowledgment };
    this.put(found.condition, acknowledged);
    return acknowledged;
  }

  /** Removes a latched alarm whose condition has ended. */
  reset(alarmId: string): Alarm | 'NOT_FOUND' | 'CONDITION_ACTIVE' {
    const found = this.find(alarmId);
    if (found === undefined) return 'NOT_FOUND';
    if (found.conditionActive) return 'CONDITION_ACTIVE';
    this.remove(found.condition);
    return found;
  }

  /** Changes what an alarm of this bed carries (not its state: e.g. its notifications); null when not this bed's. */
  update(alarmId: string, change: (alarm: Alarm) => Alarm): Alarm | null {
    const found = this.find(alarmId);
    if (found === undefined) return null;
    const changed = change(found);
    this.put(found.condition, changed);
    return changed;
  }

  /** Finds an alarm of this bed. */
  find(alarmId: string): Alarm | undefined {
    for (const alarm of this.alarms.values()) if (alarm.alarmId === alarmId) return alarm;
    return undefined;
  }
}
