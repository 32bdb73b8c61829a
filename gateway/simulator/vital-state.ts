/**
 * The simulated patient's vital signs as they move towards a scenario's targets: first-order lags, so a
 * desaturation slides down over tens of seconds while VT starts within a beat or two.
 */
import type { PatientBaseline, ScenarioTargets } from './scenarios';

/** Current values: the baseline's vital signs, changing. */
export type Vitals = { -readonly [K in keyof PatientBaseline]: PatientBaseline[K] };

/** Moves `vitals` towards `targets` over `dtSeconds`. */
export function settleVitals(vitals: Vitals, targets: ScenarioTargets, dtSeconds: number): void {
  const slow = 1 - Math.exp(-dtSeconds / Math.max(0.5, targets.settleSeconds / 3));
  const fast = 1 - Math.exp(-dtSeconds / 1.5);
  // Rhythm changes move heart rate at once; SpO2 always follows the slower physiology.
  const heart = targets.rhythm === 'sinus' ? slow : fast;
  vitals.heartRate += (targets.heartRate - vitals.heartRate) * heart;
  vitals.spo2 += (targets.spo2 - vitals.spo2) * slow;
  vitals.respRate += (targets.respRate - vitals.respRate) * (targets.respRate === 0 ? fast : slow);
  vitals.systolic += (targets.systolic - vitals.systolic) * heart;
  vitals.diastolic += (targets.diastolic - vitals.diastolic) * heart;
  vitals.temperature += (targets.temperature - vitals.temperature) * slow * 0.1;
}
