/**
 * A small reference model of the alarm behaviour, written from DESIGN.md §3 and issue 11's rules — not from the
 * engine's code — for the model-based test (alarm-model-run.ts): which conditions a patient state holds, condition
 * delays, one alarm per episode (a recurrence is a new alarm), latching and reset, escalation of unacknowledged
 * alarms, acknowledgment, AUDIO PAUSED with break-through of a new, more urgent alarm, and what the station plays.
 * Time is the gateway's; the engine looks once a second, so the model holds conditions as seen at those seconds.
 */
import type { AlarmPolicy } from '../../common/wire/ward-settings';

/** Priorities, most urgent first (IEC 60601-1-8). */
export type Priority = 'HIGH' | 'MEDIUM' | 'LOW';
const RANK: Record<Priority, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** The heart rate as the generator draws it. */
export type HeartRateBand =
  'normal' | 'high' | 'extremeHigh' | 'low' | 'extremeLow' | 'zero' | 'nan' | 'noSignal' | 'learning';
/** SpO2 as the generator draws it. */
export type Spo2Band = 'normal' | 'low' | 'desat' | 'nan' | 'probeOff';
/** A bed's patient (and equipment) state. */
export interface PatientState {
  readonly hr: HeartRateBand;
  readonly spo2: Spo2Band;
  readonly rhythm: 'sinus' | 'vf' | 'vt';
}

/** What the model knows of each condition: its default priority, whether technical, and its delay. */
interface ConditionSpec {
  readonly priority: Priority;
  readonly technical: boolean;
  readonly delay: (policy: AlarmPolicy) => number;
}

const arrhythmia = (policy: AlarmPolicy): number => policy.delaysSeconds.arrhythmia;
const heartRate = (policy: AlarmPolicy): number => policy.delaysSeconds.HR;
const spo2 = (policy: AlarmPolicy): number => policy.delaysSeconds.SPO2;
const technical = (policy: AlarmPolicy): number => policy.delaysSeconds.technical;

/** The conditions of the model (DESIGN.md §3 priorities; the ladders and channel alarms of issue 11). */
export const MODEL_CONDITIONS: Readonly<Record<string, ConditionSpec>> = {
  VF: { priority: 'HIGH', technical: false, delay: arrhythmia },
  VT: { priority: 'HIGH', technical: false, delay: arrhythmia },
  ASYSTOLE: { priority: 'HIGH', technical: false, delay: arrhythmia },
  /** Beat-counted by the ECG analysis (17 beats, 5 beats): the count is the delay. */
  EXTREME_TACHY: { priority: 'HIGH', technical: false, delay: arrhythmia },
  EXTREME_BRADY: { priority: 'HIGH', technical: false, delay: arrhythmia },
  HR_HIGH: { priority: 'MEDIUM', technical: false, delay: heartRate },
  HR_LOW: { priority: 'MEDIUM', technical: false, delay: heartRate },
  DESAT: { priority: 'HIGH', technical: false, delay: spo2 },
  SPO2_LOW: { priority: 'MEDIUM', technical: false, delay: spo2 },
  /** Also for LEARNING, which may last 10 s before it is an alarm (issue 11, rule 4): see {@link delayOf}. */
  ECG_NO_SIGNAL: { priority: 'MEDIUM', technical: true, delay: technical },
  SPO2_NO_SIGNAL: { priority: 'MEDIUM', technical: true, delay: technical },
  SPO2_PROBE_OFF: { priority: 'LOW', technical: true, delay: technical },
};

/** A condition's delay now: the policy's, at least 10 s while the ECG analysis says LEARNING. */
function delayOf(condition: string, state: PatientState, policy: AlarmPolicy): number {
  const delay = (MODEL_CONDITIONS[condition] as ConditionSpec).delay(policy);
  return condition === 'ECG_NO_SIGNAL' && state.hr === 'learning' && state.rhythm === 'sinus'
    ? Math.max(10, delay)
    : delay;
}

/** The conditions a patient state holds, from the limits (adult defaults: HR 50–120, extremes 40/140, SpO2 90, desat 85). */
export function conditionsOf(state: PatientState): Set<string> {
  const held = new Set<string>();
  if (state.rhythm === 'vf') held.add('VF');
  else if (state.rhythm === 'vt') held.add('VT');
  else {
    switch (state.hr) {
      case 'zero':
        held.add('ASYSTOLE');
        break;
      case 'extremeHigh':
        held.add('EXTREME_TACHY').add('HR_HIGH');
        break;
      case 'high':
        held.add('HR_HIGH');
        break;
      case 'low':
        held.add('HR_LOW');
        break;
      case 'extremeLow':
        held.add('EXTREME_BRADY').add('HR_LOW');
        break;
      case 'nan':
      case 'noSignal':
      case 'learning':
        held.add('ECG_NO_SIGNAL');
        break;
      default:
        break;
    }
  }
  if (state.spo2 === 'low') held.add('SPO2_LOW');
  else if (state.spo2 === 'desat') held.add('DESAT').add('SPO2_LOW');
  else if (state.spo2 === 'nan') held.add('SPO2_NO_SIGNAL');
  else if (state.spo2 === 'probeOff') held.add('SPO2_PROBE_OFF');
  return held;
}

/** One alarm of the model. */
export interface ModelAlarm {
  readonly bed: string;
  readonly condition: string;
  priority: Priority;
  escalated: boolean;
  latched: boolean;
  active: boolean;
  acknowledged: boolean;
  readonly onsetMs: number;
}

/** AUDIO PAUSED for the ward. */
export interface ModelPause {
  readonly startedMs: number;
  readonly untilMs: number;
  readonly highestAtPause: Priority | null;
}

/** The whole ward. */
export class AlarmReferenceModel {
  readonly alarms = new Map<string, ModelAlarm>();
  readonly holdingSince = new Map<string, number>();
  readonly patients = new Map<string, PatientState>();
  pause: ModelPause | null = null;

  constructor(
    readonly beds: readonly string[],
    readonly policy: AlarmPolicy,
  ) {
    for (const bed of beds) this.patients.set(bed, { hr: 'normal', spo2: 'normal', rhythm: 'sinus' });
  }

  private static key(bed: string, condition: string): string {
    return `${bed}|${condition}`;
  }

  /** The engine looks at every bed at second `nowMs`. */
  tick(nowMs: number): void {
    for (const bed of this.beds) {
      const state = this.patients.get(bed) as PatientState;
      const held = conditionsOf(state);
      for (const condition of Object.keys(MODEL_CONDITIONS)) {
        const spec = MODEL_CONDITIONS[condition] as ConditionSpec;
        const key = AlarmReferenceModel.key(bed, condition);
        const alarm = this.alarms.get(key);
        if (held.has(condition)) {
          if (!this.holdingSince.has(key)) this.holdingSince.set(key, nowMs);
          if (alarm?.active === true) continue;
          if (nowMs - (this.holdingSince.get(key) as number) < delayOf(condition, state, this.policy) * 1000) continue;
          // A new episode: a new alarm (an ended, latched one of the same condition is superseded).
          this.alarms.set(key, {
            bed,
            condition,
            priority: spec.priority,
            escalated: false,
            latched: !spec.technical && this.policy.latching[spec.priority],
            active: true,
            acknowledged: false,
            onsetMs: nowMs,
          });
        } else {
          this.holdingSince.delete(key);
          if (alarm === undefined) continue;
          if (alarm.latched) alarm.active = false;
          else this.alarms.delete(key);
        }
      }
    }
    if (this.policy.escalationSeconds === 0) return;
    for (const alarm of this.alarms.values()) {
      if (alarm.escalated || alarm.acknowledged || !alarm.active || alarm.priority === 'HIGH') continue;
      if (nowMs - alarm.onsetMs < this.policy.escalationSeconds * 1000) continue;
      alarm.priority = alarm.priority === 'LOW' ? 'MEDIUM' : 'HIGH';
      alarm.escalated = true;
      alarm.latched ||=
        !(MODEL_CONDITIONS[alarm.condition] as ConditionSpec).technical && this.policy.latching[alarm.priority];
    }
  }

  /** The alarm of (bed, condition), if any. */
  alarmOf(bed: string, condition: string): ModelAlarm | undefined {
    return this.alarms.get(AlarmReferenceModel.key(bed, condition));
  }

  acknowledge(bed: string, condition: string): void {
    const alarm = this.alarmOf(bed, condition);
    if (alarm !== undefined) alarm.acknowledged = true;
  }

  /** Reset removes a latched alarm whose condition has ended; refused (no change) otherwise. */
  reset(bed: string, condition: string): void {
    const alarm = this.alarmOf(bed, condition);
    if (alarm !== undefined && !alarm.active) this.alarms.delete(AlarmReferenceModel.key(bed, condition));
  }

  pauseAudio(nowMs: number): void {
    const sounding = [...this.alarms.values()].filter((alarm) => !alarm.acknowledged);
    const highest =
      sounding.length === 0
        ? null
        : (sounding.map((alarm) => alarm.priority).sort((a, b) => RANK[a] - RANK[b])[0] ?? null);
    this.pause = { startedMs: nowMs, untilMs: nowMs + this.policy.audioPauseSeconds * 1000, highestAtPause: highest };
  }

  /** Whether an alarm may sound during a running pause: new since it began, and more urgent than what sounded then. */
  breaksThrough(alarm: ModelAlarm, nowMs: number): boolean {
    const pause = this.pause;
    if (pause === null || pause.untilMs <= nowMs) return true;
    const bar = pause.highestAtPause === null ? RANK.MEDIUM : RANK[pause.highestAtPause];
    return alarm.onsetMs > pause.startedMs && RANK[alarm.priority] < bar;
  }

  /** The alarm that drives the sound: most urgent unacknowledged, oldest first, allowed by the pause. */
  sounding(nowMs: number): ModelAlarm | null {
    const candidates = [...this.alarms.values()].filter(
      (alarm) => !alarm.acknowledged && this.breaksThrough(alarm, nowMs),
    );
    candidates.sort((a, b) => RANK[a.priority] - RANK[b.priority] || a.onsetMs - b.onsetMs);
    return candidates[0] ?? null;
  }

  /**
   * The conditions of default priority HIGH that have held (as seen at the engine's seconds) past their delay:
   * the ones the safety invariant is about.
   */
  highConditionsPastDelay(nowMs: number): ModelAlarm[] {
    const due: ModelAlarm[] = [];
    for (const [key, since] of this.holdingSince) {
      const [bed, condition] = key.split('|') as [string, string];
      const spec = MODEL_CONDITIONS[condition] as ConditionSpec;
      if (
        spec.priority !== 'HIGH' ||
        nowMs - since < delayOf(condition, this.patients.get(bed) as PatientState, this.policy) * 1000
      )
        continue;
      const alarm = this.alarmOf(bed, condition);
      if (alarm !== undefined) due.push(alarm);
    }
    return due;
  }
}
