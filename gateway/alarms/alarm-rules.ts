/**
 * Which alarm conditions hold for one bed right now, from its numerics and the rhythm the gateway's analysis found
 * in its ECG (analysis/bed-waveform-analysis.ts): pure, so each rule and each boundary is unit-tested. Limits are exclusive (HR 120 with a high limit of 120 does not alarm). Delays and
 * latching are the tracker's business (bed-alarm-tracker.ts), not this file's.
 *
 * In doubt, alarm: a value that is missing, null or not a number passes no limit rule, so for every measurement
 * the bed has (see {@link MonitoredNumeric}) its absence is a technical condition of its own, naming the channel.
 */
import { LETHAL_ARRHYTHMIAS, type AlarmConditionKey } from '../../common/alarms/alarm-model';
import type { AlarmLimits } from '../../common/wire/ward-settings';
import type { NumericValue } from '../../common/wire/ward-messages';
import type { NumericValues } from '../sources/bed-source';
import type { AnalysisReasons, RhythmAssessment } from '../analysis/bed-waveform-analysis';
import { describeNews2 } from '../../common/scores/news2';
import type { EarlyWarning } from '../../common/wire/early-warning';

/** What the rules look at: only what a device sends (its numerics) and what the gateway found in its waves. */
export interface BedObservation {
  /** The latest numerics; empty when the bedside monitor sent nothing. */
  readonly numerics: NumericValues;
  /** The analysis of the bed's ECG; null for a bed without one (device numerics only). */
  readonly rhythm: RhythmAssessment | null;
  /**
   * Who lies in the bed by the ward's ADT: a patient (their alarms carry who they are), nobody (null: a discharged
   * bed raises no physiological alarm), or undefined when ADT never spoke of the bed.
   */
  readonly patient?: AlarmPatient | null;
  /** The bed's NEWS2 now (early-warning-board.ts); absent or null when nothing of it can be scored. */
  readonly earlyWarning?: EarlyWarning | null;
}

/** Who an alarm was about, as the ward's census said when it was raised. */
export interface AlarmPatient {
  readonly mrn: string;
  readonly name: string;
}

/** The rhythm conditions the ECG analysis decides (with its reasons), not the numerics rules. */
export const RHYTHM_CONDITIONS: readonly AlarmConditionKey[] = [
  'ASYSTOLE',
  'VF',
  'VT',
  'EXTREME_BRADY',
  'EXTREME_TACHY',
  'V_RUN',
  'PAUSE',
  'AFIB',
  'PVC_COUPLET',
  'ECG_ARTIFACT',
  'LEADS_OFF',
];

/** The continuous measurements whose loss is a technical alarm (NIBP and temperature are intermittent). */
export const MONITORED_NUMERICS = ['HR', 'SPO2', 'RR', 'ABP_SYS'] as const;

/** One of {@link MONITORED_NUMERICS}. */
export type MonitoredNumeric = (typeof MONITORED_NUMERICS)[number];

/** A condition that holds: what was measured, and a longer delay than the policy's when the cause needs one. */
export interface Finding {
  readonly message: string;
  /** LEARNING is the analysis starting up: it may last up to 10 s before its silence is an alarm. */
  readonly delayAtLeastSeconds?: number;
  /** Why the analysis decided it (leads, pulse signals, quality), for the journal and the history review. */
  readonly reasons?: AnalysisReasons;
}

/** The conditions that hold, each with what was measured. */
export type ConditionFindings = Map<AlarmConditionKey, Finding>;

/**
 * How long a NEWS2 response must stand before it is an advisory. Its inputs are already five-minute medians; the
 * minute more keeps a score that touches a threshold for a moment from asking for a review it withdraws.
 */
export const NEWS2_DELAY_SECONDS = 60;

/** How long an analysis may say LEARNING before that is no longer a reason to stay quiet. */
export const LEARNING_GRACE_SECONDS = 10;
/** The respiration analysis' LEARNING may last longer: it counts breaths, not beats. */
export const RESP_LEARNING_GRACE_SECONDS = 30;

/** The value when it is a real number, else null (null, NaN and ±Infinity are all "no value"). */
export function validValue(numeric: NumericValue | undefined): number | null {
  const value = numeric?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Why a measurement has no value, in words for the alarm's text. */
function missing(channel: string, numeric: NumericValue | undefined, graceSeconds = LEARNING_GRACE_SECONDS): Finding {
  if (numeric === undefined) return { message: `no ${channel} value from the monitor` };
  if (numeric.value !== null) return { message: `${channel} value is not a number` };
  const note = numeric.note ?? 'no value';
  // LEARNING is an analysis starting up; NO PULSE is the oximeter's view of what the ECG analysis may be about to
  // call (VF, asystole: their definitions take 4 s and more) — both get the grace before they are alarms of their own.
  const grace = note === 'LEARNING' || note === 'NO PULSE';
  return { message: `${channel}: ${note.toLowerCase()}`, ...(grace ? { delayAtLeastSeconds: graceSeconds } : {}) };
}

/**
 * Evaluates every rule. `monitored` are the measurements this bed has: those its channels stream, and those it
 * has reported a value for before.
 */
export function evaluateAlarmRules(
  observation: BedObservation,
  limits: AlarmLimits,
  monitored: ReadonlySet<MonitoredNumeric> = new Set(),
): ConditionFindings {
  const findings: ConditionFindings = new Map();
  const found = (condition: AlarmConditionKey, message: string): void => void findings.set(condition, { message });
  const { numerics, rhythm } = observation;
  if (Object.keys(numerics).length === 0) {
    // Nothing from the bedside monitor: no physiological rule can be judged, and saying so is the alarm.
    found('NO_SIGNAL', 'no data from the bedside monitor');
    return findings;
  }
  const hr = numerics.HR;
  const heartRate = validValue(hr);
  const probeOff = numerics.SPO2?.note === 'PROBE OFF';
  if (probeOff) found('SPO2_PROBE_OFF', 'SpO2 probe off');
  if (rhythm !== null) {
    // The ECG analysis decides the rhythm conditions, each with its reasons.
    for (const [condition, finding] of rhythm.findings) {
      findings.set(condition, {
        message: finding.message.slice(0, 80),
        reasons: finding.reasons,
        ...(finding.delayAtLeastSeconds === undefined ? {} : { delayAtLeastSeconds: finding.delayAtLeastSeconds }),
      });
    }
  } else {
    // A device without waves: its own HR says what it can (0 is asystole; the extreme limits are the ladder's top).
    if (hr?.note === 'LEADS OFF') found('LEADS_OFF', 'ECG leads off');
    else if (heartRate === 0) found('ASYSTOLE', 'HR 0 from the monitor');
    else if (heartRate !== null && heartRate > limits.HR.extremeHigh)
      findings.set('EXTREME_TACHY', { message: `HR ${heartRate} > ${limits.HR.extremeHigh}`, delayAtLeastSeconds: 5 });
    else if (heartRate !== null && heartRate < limits.HR.extremeLow)
      findings.set('EXTREME_BRADY', { message: `HR ${heartRate} < ${limits.HR.extremeLow}`, delayAtLeastSeconds: 5 });
  }
  const leadsOff = findings.has('LEADS_OFF');
  const lethal = [...findings.keys()].some((key) => LETHAL_ARRHYTHMIAS.has(key));
  if (!lethal && heartRate !== null && heartRate > 0) {
    if (heartRate > limits.HR.high) found('HR_HIGH', `HR ${heartRate} > ${limits.HR.high}`);
    if (heartRate < limits.HR.low) found('HR_LOW', `HR ${heartRate} < ${limits.HR.low}`);
  }
  // The ECG is there but says nothing (and no artifact or leads-off explains it): in doubt, alarm.
  if (monitored.has('HR') && heartRate === null && !leadsOff && !lethal && !findings.has('ECG_ARTIFACT'))
    findings.set('ECG_NO_SIGNAL', missing('ECG', hr));

  const spo2 = validValue(numerics.SPO2);
  if (spo2 !== null && spo2 < limits.SPO2.desat) found('DESAT', `SpO2 ${spo2} < ${limits.SPO2.desat}`);
  if (spo2 !== null && spo2 < limits.SPO2.low) found('SPO2_LOW', `SpO2 ${spo2} < ${limits.SPO2.low}`);
  // No pulse in asystole or VF is what the lethal alarm already says (as for a pressure line's low reading).
  const pulseless = lethal && numerics.SPO2?.note === 'NO PULSE';
  if (monitored.has('SPO2') && spo2 === null && !probeOff && !pulseless)
    findings.set('SPO2_NO_SIGNAL', missing('SpO2', numerics.SPO2));

  const rr = validValue(numerics.RR);
  if (rr === 0) found('APNEA', 'no breath detected');
  else if (rr !== null && rr > limits.RR.high) found('RR_HIGH', `RR ${rr} > ${limits.RR.high}`);
  else if (rr !== null && rr < limits.RR.low) found('RR_LOW', `RR ${rr} < ${limits.RR.low}`);
  // A breath rate needs two breaths: at 6/min that is 20 s of learning.
  if (monitored.has('RR') && rr === null)
    findings.set('RESP_NO_SIGNAL', missing('RESP', numerics.RR, RESP_LEARNING_GRACE_SECONDS));

  const nibp = validValue(numerics.NIBP_SYS);
  if (nibp !== null && nibp > limits.NIBP_SYS.high) found('NIBP_HIGH', `NIBP ${nibp} > ${limits.NIBP_SYS.high}`);
  else if (nibp !== null && nibp < limits.NIBP_SYS.low) found('NIBP_LOW', `NIBP ${nibp} < ${limits.NIBP_SYS.low}`);
  const abp = validValue(numerics.ABP_SYS);
  // An arterial line with no pulse (asystole, VF) reads low by definition: the lethal alarm already says why.
  if (!lethal && abp !== null && abp > limits.ABP_SYS.high) found('ABP_HIGH', `ABP ${abp} > ${limits.ABP_SYS.high}`);
  else if (!lethal && abp !== null && abp < limits.ABP_SYS.low) found('ABP_LOW', `ABP ${abp} < ${limits.ABP_SYS.low}`);
  if (monitored.has('ABP_SYS') && abp === null && !lethal)
    findings.set('ABP_NO_SIGNAL', missing('ABP', numerics.ABP_SYS));

  // NEWS2 advisories. An incomplete score is a lower bound: if what was measured already asks for a review, it does.
  // An emergency response includes the urgent review: that one goes on standing, so the climb from 6 to 7 leaves
  // no minute without an advisory while the emergency one waits out its delay.
  const warning = observation.earlyWarning;
  if (warning !== undefined && warning !== null && warning.response !== 'routine') {
    const finding = { message: describeNews2(warning), delayAtLeastSeconds: NEWS2_DELAY_SECONDS };
    findings.set('NEWS2_URGENT', finding);
    if (warning.response === 'emergency') findings.set('NEWS2_EMERGENCY', finding);
  }
  return findings;
}

/**
 * Which delay of the policy applies to a condition. The rhythm conditions' definitions count beats or seconds (5
 * beats below 40, 17 above 140, 4 s without a QRS): the definition is the delay, so theirs is the arrhythmia one.
 */
export function delayGroupOf(
  condition: AlarmConditionKey,
): 'arrhythmia' | 'HR' | 'SPO2' | 'RR' | 'APNEA' | 'NIBP' | 'ABP' | 'technical' {
  switch (condition) {
    case 'ASYSTOLE':
    case 'VF':
    case 'VT':
    case 'EXTREME_BRADY':
    case 'EXTREME_TACHY':
    case 'V_RUN':
    case 'PAUSE':
    case 'AFIB':
    case 'PVC_COUPLET':
      return 'arrhythmia';
    case 'HR_HIGH':
    case 'HR_LOW':
      return 'HR';
    case 'SPO2_LOW':
    case 'DESAT':
      return 'SPO2';
    case 'RR_HIGH':
    case 'RR_LOW':
      return 'RR';
    case 'APNEA':
      return 'APNEA';
    case 'NIBP_HIGH':
    case 'NIBP_LOW':
      return 'NIBP';
    case 'ABP_HIGH':
    case 'ABP_LOW':
      return 'ABP';
    default:
      return 'technical';
  }
}
