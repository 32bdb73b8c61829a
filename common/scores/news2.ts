/**
 * NEWS2, the National Early Warning Score 2 (Royal College of Physicians, 2017), from its chart: seven parameters,
 * each scored 0–3 — respiration rate, SpO2 (scale 1, or scale 2 for patients a clinician marks as hypercapnic
 * respiratory failure), air or supplemental oxygen, systolic blood pressure, pulse, consciousness (ACVPU) and
 * temperature — and the clinical response the RCP ties to the aggregate: 0–4 low (a single 3 in one parameter:
 * urgent ward-based review), 5–6 medium (urgent review), 7 or more high (emergency response). A parameter not
 * measured is missing, never scored as normal: the score is then incomplete and says which are missing.
 * Shared by the gateway (which scores) and the station (which shows the breakdown).
 */

/** ACVPU: alert, or new confusion, voice, pain, unresponsive (any of which scores 3). */
export const CONSCIOUSNESS_LEVELS = ['A', 'C', 'V', 'P', 'U'] as const;

/** One of {@link CONSCIOUSNESS_LEVELS}. */
export type Consciousness = (typeof CONSCIOUSNESS_LEVELS)[number];

/** What NEWS2 scores; null for a parameter nobody measured. */
export interface News2Inputs {
  /** Breaths per minute. */
  readonly respirationRate: number | null;
  /** Percent. */
  readonly spo2: number | null;
  /** Scale 2 for a clinician-confirmed hypercapnic patient (target 88–92 %). */
  readonly spo2Scale: 1 | 2;
  /** True on supplemental oxygen, false on air. */
  readonly onOxygen: boolean | null;
  /** mmHg. */
  readonly systolicBp: number | null;
  /** Beats per minute. */
  readonly pulse: number | null;
  readonly consciousness: Consciousness | null;
  /** °C. */
  readonly temperature: number | null;
}

/** The parameters, in the chart's order. */
export const NEWS2_PARAMETERS = [
  'respirationRate',
  'spo2',
  'onOxygen',
  'systolicBp',
  'pulse',
  'consciousness',
  'temperature',
] as const;

/** One of {@link NEWS2_PARAMETERS}. */
export type News2Parameter = (typeof NEWS2_PARAMETERS)[number];

/** The clinical response the RCP ties to a score. */
export type News2Response = 'routine' | 'urgent-ward-review' | 'urgent-review' | 'emergency';

/** A score and its parts. */
export interface News2Score {
  /** Sum of the parts that could be scored. */
  readonly total: number;
  readonly parts: Readonly<Partial<Record<News2Parameter, 0 | 1 | 2 | 3>>>;
  /** Parameters not measured: the score is incomplete while any is. */
  readonly missing: readonly News2Parameter[];
  readonly response: News2Response;
}

/** Respiration rate: ≤8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥25 → 3. */
export function scoreRespirationRate(rate: number): 0 | 1 | 2 | 3 {
  if (rate <= 8) return 3;
  if (rate <= 11) return 1;
  if (rate <= 20) return 0;
  if (rate <= 24) return 2;
  return 3;
}

/**
 * SpO2. Scale 1: ≤91 → 3, 92–93 → 2, 94–95 → 1, ≥96 → 0. Scale 2: ≤83 → 3, 84–85 → 2, 86–87 → 1, 88–92 → 0, and
 * ≥93 scores 0 on air but 1 (93–94), 2 (95–96) or 3 (≥97) on oxygen — too much oxygen for a hypercapnic patient.
 */
export function scoreSpo2(spo2: number, scale: 1 | 2, onOxygen: boolean | null): 0 | 1 | 2 | 3 {
  if (scale === 1) {
    if (spo2 <= 91) return 3;
    if (spo2 <= 93) return 2;
    if (spo2 <= 95) return 1;
    return 0;
  }
  if (spo2 <= 83) return 3;
  if (spo2 <= 85) return 2;
  if (spo2 <= 87) return 1;
  if (spo2 <= 92 || onOxygen !== true) return 0;
  if (spo2 <= 94) return 1;
  if (spo2 <= 96) return 2;
  return 3;
}

/** Systolic BP: ≤90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥220 → 3. */
export function scoreSystolic(systolic: number): 0 | 1 | 2 | 3 {
  if (systolic <= 90) return 3;
  if (systolic <= 100) return 2;
  if (systolic <= 110) return 1;
  if (systolic <= 219) return 0;
  return 3;
}

/** Pulse: ≤40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥131 → 3. */
export function scorePulse(pulse: number): 0 | 1 | 2 | 3 {
  if (pulse <= 40) return 3;
  if (pulse <= 50) return 1;
  if (pulse <= 90) return 0;
  if (pulse <= 110) return 1;
  if (pulse <= 130) return 2;
  return 3;
}

/** Temperature: ≤35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥39.1 → 2 (to one decimal, as charted). */
export function scoreTemperature(celsius: number): 0 | 1 | 2 | 3 {
  const charted = Math.round(celsius * 10) / 10;
  if (charted <= 35.0) return 3;
  if (charted <= 36.0) return 1;
  if (charted <= 38.0) return 0;
  if (charted <= 39.0) return 1;
  return 2;
}

/** Scores what was measured; what was not is listed as missing. */
export function news2(inputs: News2Inputs): News2Score {
  const parts: Partial<Record<News2Parameter, 0 | 1 | 2 | 3>> = {};
  const missing: News2Parameter[] = [];
  // Rates and pressures are charted as whole numbers.
  const whole = (value: number): number => Math.round(value);
  const score = <T>(parameter: News2Parameter, value: T | null, scorer: (value: T) => 0 | 1 | 2 | 3): void => {
    if (value === null || (typeof value === 'number' && !Number.isFinite(value))) missing.push(parameter);
    else parts[parameter] = scorer(value);
  };
  score('respirationRate', inputs.respirationRate, (rate) => scoreRespirationRate(whole(rate)));
  score('spo2', inputs.spo2, (spo2) => scoreSpo2(whole(spo2), inputs.spo2Scale, inputs.onOxygen));
  score('onOxygen', inputs.onOxygen, (oxygen) => (oxygen ? 2 : 0));
  score('systolicBp', inputs.systolicBp, (systolic) => scoreSystolic(whole(systolic)));
  score('pulse', inputs.pulse, (pulse) => scorePulse(whole(pulse)));
  score('consciousness', inputs.consciousness, (level) => (level === 'A' ? 0 : 3));
  score('temperature', inputs.temperature, scoreTemperature);
  const values = Object.values(parts);
  const total = values.reduce<number>((sum, part) => sum + part, 0);
  return { total, parts, missing, response: responseTo(total, values.includes(3)) };
}

/** The RCP's response to an aggregate score, and to a single parameter scoring 3. */
export function responseTo(total: number, anyThree: boolean): News2Response {
  if (total >= 7) return 'emergency';
  if (total >= 5) return 'urgent-review';
  if (anyThree) return 'urgent-ward-review';
  return 'routine';
}

/** Short names of the parameters, as a chart's rows are labelled. */
export const NEWS2_PARAMETER_LABELS: Readonly<Record<News2Parameter, string>> = {
  respirationRate: 'RR',
  spo2: 'SpO2',
  onOxygen: 'O2',
  systolicBp: 'SBP',
  pulse: 'Pulse',
  consciousness: 'ACVPU',
  temperature: 'Temp',
};

/**
 * The breakdown in words, e.g. `NEWS2 7: RR 3, SpO2 2, O2 2 (no ACVPU, Temp)` — the parts that score, then what is
 * missing — for an advisory's message (at most 80 characters) and a tile's tooltip.
 */
export function describeNews2(score: Pick<News2Score, 'total' | 'parts' | 'missing'>): string {
  const scoring = NEWS2_PARAMETERS.filter((parameter) => (score.parts[parameter] ?? 0) > 0).map(
    (parameter) => `${NEWS2_PARAMETER_LABELS[parameter]} ${score.parts[parameter]}`,
  );
  const missing = score.missing.map((parameter) => NEWS2_PARAMETER_LABELS[parameter]);
  const head = `NEWS2 ${score.total}${scoring.length === 0 ? '' : `: ${scoring.join(', ')}`}`;
  return (missing.length === 0 ? head : `${head} (no ${missing.join(', ')})`).slice(0, 80);
}
