/**
 * Which alarm conditions hold for one bed right now, from its numerics and rhythm: pure, so each rule and each
 * boundary is unit-tested. Limits are exclusive (HR 120 with a high limit of 120 does not alarm). Delays and
 * latching are the tracker's business (bed-alarm-tracker.ts), not this file's.
 */
import type { AlarmConditionKey } from '../../common/alarms/alarm-model';
import type { AlarmLimits } from '../../common/wire/ward-settings';
import type { NumericValues } from '../sources/bed-source';
import type { Rhythm } from '../simulator/scenarios';

/** What the rules look at. */
export interface BedObservation {
  /** This second's numerics; empty when the bedside monitor sent nothing. */
  readonly numerics: NumericValues;
  /** The rhythm when the source knows it (the simulator); null when it must be inferred from numerics. */
  readonly rhythm: Rhythm | null;
}

/** The conditions that hold, each with what was measured. */
export type ConditionFindings = Map<AlarmConditionKey, string>;

const LETHAL: ReadonlySet<AlarmConditionKey> = new Set(['ASYSTOLE', 'VF', 'VT']);

/** Evaluates every rule. */
export function evaluateAlarmRules(observation: BedObservation, limits: AlarmLimits): ConditionFindings {
  const findings: ConditionFindings = new Map();
  const { numerics, rhythm } = observation;
  if (Object.keys(numerics).length === 0) {
    // Nothing from the bedside monitor: no physiological rule can be judged, and saying so is the alarm.
    findings.set('NO_SIGNAL', 'no data from the bedside monitor');
    return findings;
  }
  const hr = numerics.HR;
  const leadsOff = hr?.note === 'LEADS OFF';
  if (leadsOff) findings.set('LEADS_OFF', 'ECG leads off');
  if (numerics.SPO2?.note === 'PROBE OFF') findings.set('SPO2_PROBE_OFF', 'SpO2 probe off');

  if (!leadsOff) {
    if (rhythm === 'vf' || hr?.note === 'VF') findings.set('VF', 'ventricular fibrillation');
    else if (rhythm === 'vt') findings.set('VT', `ventricular tachycardia${typeof hr?.value === 'number' ? ` HR ${hr.value}` : ''}`);
    else if (rhythm === 'asystole' || hr?.value === 0) findings.set('ASYSTOLE', 'no QRS complexes');
  }
  const lethal = [...findings.keys()].some((key) => LETHAL.has(key));
  const heartRate = hr?.value;
  if (!lethal && typeof heartRate === 'number' && heartRate > 0) {
    if (heartRate > limits.HR.high) findings.set('HR_HIGH', `HR ${heartRate} > ${limits.HR.high}`);
    else if (heartRate < limits.HR.low) findings.set('HR_LOW', `HR ${heartRate} < ${limits.HR.low}`);
  }
  const spo2 = numerics.SPO2?.value;
  if (typeof spo2 === 'number' && spo2 < limits.SPO2.low) findings.set('SPO2_LOW', `SpO2 ${spo2} < ${limits.SPO2.low}`);

  const rr = numerics.RR?.value;
  if (rr === 0) findings.set('APNEA', 'no breath detected');
  else if (typeof rr === 'number' && rr > limits.RR.high) findings.set('RR_HIGH', `RR ${rr} > ${limits.RR.high}`);
  else if (typeof rr === 'number' && rr < limits.RR.low) findings.set('RR_LOW', `RR ${rr} < ${limits.RR.low}`);

  const nibp = numerics.NIBP_SYS?.value;
  if (typeof nibp === 'number' && nibp > limits.NIBP_SYS.high) findings.set('NIBP_HIGH', `NIBP ${nibp} > ${limits.NIBP_SYS.high}`);
  else if (typeof nibp === 'number' && nibp < limits.NIBP_SYS.low) findings.set('NIBP_LOW', `NIBP ${nibp} < ${limits.NIBP_SYS.low}`);
  const abp = numerics.ABP_SYS?.value;
  // An arterial line with no pulse (asystole, VF) reads low by definition: the lethal alarm already says why.
  if (!lethal && typeof abp === 'number' && abp > limits.ABP_SYS.high) findings.set('ABP_HIGH', `ABP ${abp} > ${limits.ABP_SYS.high}`);
  else if (!lethal && typeof abp === 'number' && abp < limits.ABP_SYS.low) findings.set('ABP_LOW', `ABP ${abp} < ${limits.ABP_SYS.low}`);
  return findings;
}

/** Which delay of the policy applies to a condition. */
export function delayGroupOf(condition: AlarmConditionKey): 'arrhythmia' | 'HR' | 'SPO2' | 'RR' | 'APNEA' | 'NIBP' | 'ABP' | 'technical' {
  switch (condition) {
    case 'ASYSTOLE':
    case 'VF':
    case 'VT':
      return 'arrhythmia';
    case 'HR_HIGH':
    case 'HR_LOW':
      return 'HR';
    case 'SPO2_LOW':
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
