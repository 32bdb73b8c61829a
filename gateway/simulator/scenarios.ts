/**
 * The clinical scenarios a simulated bed can play, and what each does to the patient's targets. A scenario is
 * the situation; the patient's own baseline (from the seed) is what "normal" means for that bed.
 */

/** Every scenario, as named in scenario files and the set-scenario request. */
export const SCENARIO_NAMES = [
  'normal',
  'bradycardia',
  'tachycardia',
  'vt',
  'vf',
  'asystole',
  'desaturation',
  'apnea',
  'leads-off',
  'probe-off',
  'motion-artifact',
  /** Frequent premature ventricular beats, single and in pairs. */
  'pvcs',
  /** Atrial fibrillation with a rapid, irregularly irregular ventricular response and no P waves. */
  'afib',
  /** The bedside monitor is unplugged: it sends nothing at all until the scenario changes. */
  'disconnected',
  /**
   * Early sepsis: breathing fast, desaturating a little, tachycardic, pressure falling, febrile — each value inside
   * the bedside alarm limits, together a NEWS2 that asks for an emergency response (issue 16).
   */
  'deteriorating',
] as const;

/** One of {@link SCENARIO_NAMES}. */
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** The heart's electrical rhythm. */
export type Rhythm = 'sinus' | 'afib' | 'vt' | 'vf' | 'asystole';

/** A patient's resting values. */
export interface PatientBaseline {
  readonly heartRate: number;
  readonly spo2: number;
  readonly respRate: number;
  readonly systolic: number;
  readonly diastolic: number;
  readonly temperature: number;
}

/** What the physiology moves towards under a scenario: vital signs, rhythm and what is unmeasurable. */
export interface ScenarioTargets extends PatientBaseline {
  readonly rhythm: Rhythm;
  /** Seconds for heart rate and SpO2 to move most of the way to their targets. */
  readonly settleSeconds: number;
  readonly ecgLeadsOff: boolean;
  readonly spo2ProbeOff: boolean;
  readonly motionArtifact: boolean;
  /** Chance that a beat is a premature ventricular one (0: none). */
  readonly ectopy: number;
  /** Nothing reaches the gateway from this bed. */
  readonly disconnected: boolean;
}

/** The targets of a scenario for a patient. */
export function scenarioTargets(scenario: ScenarioName, baseline: PatientBaseline): ScenarioTargets {
  const normal: ScenarioTargets = {
    rhythm: 'sinus',
    ...baseline,
    settleSeconds: 15,
    ecgLeadsOff: false,
    spo2ProbeOff: false,
    motionArtifact: false,
    ectopy: 0,
    disconnected: false,
  };
  switch (scenario) {
    case 'normal':
      return normal;
    case 'bradycardia':
      return { ...normal, heartRate: 38, systolic: baseline.systolic - 15, diastolic: baseline.diastolic - 10 };
    case 'tachycardia':
      return { ...normal, heartRate: 142, respRate: baseline.respRate + 6 };
    case 'vt':
      return { ...normal, rhythm: 'vt', heartRate: 178, systolic: 78, diastolic: 50, settleSeconds: 2 };
    case 'vf':
      return { ...normal, rhythm: 'vf', heartRate: 0, systolic: 22, diastolic: 18, spo2: 70, settleSeconds: 2 };
    case 'asystole':
      return { ...normal, rhythm: 'asystole', heartRate: 0, systolic: 18, diastolic: 15, spo2: 70, settleSeconds: 2 };
    case 'desaturation':
      return {
        ...normal,
        spo2: 81,
        heartRate: baseline.heartRate + 12,
        respRate: baseline.respRate + 8,
        settleSeconds: 40,
      };
    case 'apnea':
      return { ...normal, respRate: 0, spo2: 84, settleSeconds: 60 };
    case 'leads-off':
      return { ...normal, ecgLeadsOff: true };
    case 'probe-off':
      return { ...normal, spo2ProbeOff: true };
    case 'motion-artifact':
      return { ...normal, motionArtifact: true };
    case 'pvcs':
      return { ...normal, ectopy: 0.18 };
    case 'afib':
      return { ...normal, rhythm: 'afib', heartRate: Math.max(110, baseline.heartRate + 40), settleSeconds: 10 };
    case 'disconnected':
      return { ...normal, disconnected: true };
    case 'deteriorating':
      return {
        ...normal,
        respRate: 25,
        spo2: 92,
        heartRate: 116,
        systolic: 96,
        diastolic: 58,
        temperature: 38.6,
        settleSeconds: 30,
      };
  }
}

/** True when `name` is a scenario. */
export function isScenarioName(name: unknown): name is ScenarioName {
  return typeof name === 'string' && (SCENARIO_NAMES as readonly string[]).includes(name);
}
