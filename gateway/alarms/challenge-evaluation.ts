/**
 * Replays a PhysioNet/CinC Challenge 2015 record through the gateway's own analysis and alarm engine — the same
 * RecordingBed, waveform analysis (AnalysedBed) and BedAlarmTracker a ward runs, tick by tick (40 ms) as the
 * gateway streams, faster than real time — and says whether WardWatch raises the record's alarm type around the
 * bedside monitor's alarm (at 5:00). Only the record's signals are read; its answer (true or false alarm) is for
 * scoring alone, by the caller.
 *
 * Decision rule (decision 0013): the record's alarm is *kept* when an alarm of the matching condition stands with
 * its condition active at any of the engine's looks (every tick) in the window — real time: from 4:45 to 5:00,
 * with data up to 5:00 only; retrospective: 4:45 to the record's end (5:30 for `l` records).
 */
import type { AlarmConditionKey } from '../../common/alarms/alarm-model';
import { DEFAULT_WARD_SETTINGS, type AlarmPolicy } from '../../common/wire/ward-settings';
import { AnalysedBed } from '../analysis/analysed-bed';
import { RecordingBed } from '../sources/recording-bed';
import { readWfdbRecord } from '../wfdb/wfdb-record';
import { BedAlarmTracker } from './bed-alarm-tracker';

/** The challenge's alarm types. */
export const CHALLENGE_ALARM_TYPES = [
  'Asystole',
  'Bradycardia',
  'Tachycardia',
  'Ventricular_Tachycardia',
  'Ventricular_Flutter_Fib',
] as const;

/** One of {@link CHALLENGE_ALARM_TYPES}. */
export type ChallengeAlarmType = (typeof CHALLENGE_ALARM_TYPES)[number];

/** Which of our conditions stands for each alarm type. */
export const CONDITION_FOR_ALARM_TYPE: Readonly<Record<ChallengeAlarmType, AlarmConditionKey>> = {
  Asystole: 'ASYSTOLE',
  Bradycardia: 'EXTREME_BRADY',
  Tachycardia: 'EXTREME_TACHY',
  Ventricular_Tachycardia: 'VT',
  Ventricular_Flutter_Fib: 'VF',
};

/** The bedside monitor's alarm, seconds into every record. */
export const ALARM_AT_SECONDS = 300;
/** How far before the alarm our alarm may stand and count. */
export const WINDOW_BEFORE_SECONDS = 15;

/** The gateway's streaming tick (stream-hub.ts): the engine looks this often. */
const TICK_MS = 40;

/** What WardWatch decided for one record. */
export interface ChallengeDecision {
  readonly record: string;
  readonly alarmType: ChallengeAlarmType;
  /** Kept with data up to the alarm only. */
  readonly realTime: boolean;
  /** Kept with the record's data after the alarm too. */
  readonly retrospective: boolean;
}

/** Replays `headerPath` and decides for `alarmType`. */
export async function decideChallengeRecord(
  headerPath: string,
  alarmType: ChallengeAlarmType,
  policy: AlarmPolicy = DEFAULT_WARD_SETTINGS.alarmPolicy,
): Promise<ChallengeDecision> {
  const record = await readWfdbRecord(headerPath);
  const bed = new AnalysedBed(new RecordingBed({ waveforms: record, numerics: null, label: record.name, startMs: 0 }));
  let id = 0;
  const tracker = new BedAlarmTracker(record.name, record.name, () => `e-${(id += 1)}`);
  const condition = CONDITION_FOR_ALARM_TYPE[alarmType];
  const { HR } = policy.limits;
  const limits = { extremeLowBpm: HR.extremeLow, extremeHighBpm: HR.extremeHigh };
  const lastMs = Math.floor(record.durationSeconds * 1000);
  let numerics = {};
  let realTime = false;
  let retrospective = false;
  for (let nowMs = TICK_MS; nowMs <= lastMs; nowMs += TICK_MS) {
    bed.generate(nowMs);
    if (nowMs % 1000 === 0) numerics = bed.numerics(nowMs);
    tracker.observe({ numerics, rhythm: bed.rhythm(limits) }, policy, nowMs);
    if (nowMs < (ALARM_AT_SECONDS - WINDOW_BEFORE_SECONDS) * 1000) continue;
    const standing = tracker.current().some((alarm) => alarm.condition === condition && alarm.conditionActive);
    if (standing && nowMs <= ALARM_AT_SECONDS * 1000) realTime = true;
    if (standing) retrospective = true;
  }
  return { record: record.name, alarmType, realTime, retrospective };
}

/** TP/FP/TN/FN of kept (positive) against true (1) alarms, and the challenge's score. */
export interface ChallengeScore {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  /** `(TP+TN) / (TP+TN+FP+5·FN)`, in percent. */
  readonly score: number;
  /** Share of true alarms kept. */
  readonly trueKept: number;
}

/** Scores decisions (`kept`) against the answers (`true alarm`). */
export function scoreChallenge(
  results: readonly { readonly kept: boolean; readonly trueAlarm: boolean }[],
): ChallengeScore {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const { kept, trueAlarm } of results) {
    if (kept && trueAlarm) tp += 1;
    else if (kept) fp += 1;
    else if (trueAlarm) fn += 1;
    else tn += 1;
  }
  const denominator = tp + tn + fp + 5 * fn;
  return {
    tp,
    fp,
    tn,
    fn,
    score: denominator === 0 ? 0 : (100 * (tp + tn)) / denominator,
    trueKept: tp + fn === 0 ? 0 : tp / (tp + fn),
  };
}
