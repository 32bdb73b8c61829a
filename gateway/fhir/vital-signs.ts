/**
 * Vital signs in FHIR R4 (issue 16): the LOINC code, UCUM unit and base profile of each measurement, the MDC code
 * the Personal Health Device implementation guide adds, and the mapping both ways — a home device's Observation to
 * a reading (units converted: mmol/L, lb, °F), and a reading or a ward numeric to an Observation.
 */
import type { ReadingKind } from '../../common/wire/remote-patients';

/** How one measurement is coded. */
export interface VitalCoding {
  readonly loinc: string;
  readonly display: string;
  /** The R4 vital-signs profile it conforms to (http://hl7.org/fhir/StructureDefinition/…). */
  readonly profile: string;
  /** MDC (ISO/IEEE 11073-10101) code and reference id, as the PHD guide adds them. */
  readonly mdc: { readonly code: string; readonly display: string };
  readonly ucum: string;
  readonly unit: string;
}

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const MDC = 'urn:iso:std:iso:11073:10101';
export const VITAL_SIGNS_CATEGORY = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'vital-signs',
      display: 'Vital Signs',
    },
  ],
};

/** The codings, by reading kind. Blood pressure is a panel with systolic and diastolic components. */
export const VITAL_CODINGS: Readonly<Record<ReadingKind, VitalCoding>> = {
  'blood-pressure': {
    loinc: '85354-9',
    display: 'Blood pressure panel with all children optional',
    profile: 'bp',
    mdc: { code: '150020', display: 'MDC_PRESS_BLD_NONINV' },
    ucum: 'mm[Hg]',
    unit: 'mmHg',
  },
  glucose: {
    loinc: '2339-0',
    display: 'Glucose [Mass/volume] in Blood',
    profile: 'vitalsigns',
    mdc: { code: '160184', display: 'MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD' },
    ucum: 'mg/dL',
    unit: 'mg/dL',
  },
  spo2: {
    loinc: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    profile: 'oxygensat',
    mdc: { code: '150456', display: 'MDC_PULS_OXIM_SAT_O2' },
    ucum: '%',
    unit: '%',
  },
  pulse: {
    loinc: '8867-4',
    display: 'Heart rate',
    profile: 'heartrate',
    mdc: { code: '149546', display: 'MDC_PULS_RATE_NON_INV' },
    ucum: '/min',
    unit: '/min',
  },
  weight: {
    loinc: '29463-7',
    display: 'Body weight',
    profile: 'bodyweight',
    mdc: { code: '188736', display: 'MDC_MASS_BODY_ACTUAL' },
    ucum: 'kg',
    unit: 'kg',
  },
  temperature: {
    loinc: '8310-5',
    display: 'Body temperature',
    profile: 'bodytemp',
    mdc: { code: '150364', display: 'MDC_TEMP_BODY' },
    ucum: 'Cel',
    unit: '°C',
  },
};

/** Codes a home device may send for each kind (LOINC's alternatives that mean the same measurement). */
const ALTERNATIVE_LOINC: Readonly<Record<string, ReadingKind>> = {
  '55284-4': 'blood-pressure', // Blood pressure systolic and diastolic
  '15074-8': 'glucose', // Glucose [Moles/volume] in Blood
  '41653-7': 'glucose', // Glucose [Mass/volume] in Capillary blood by Glucometer
  '2708-6': 'spo2', // Oxygen saturation in Arterial blood
  '8889-8': 'pulse', // Heart rate by Pulse oximetry
  '3141-9': 'weight', // Body weight Measured
};
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

/** Unit conversions to the kind's own unit, by UCUM code. */
const CONVERSIONS: Readonly<Record<ReadingKind, Readonly<Record<string, (value: number) => number>>>> = {
  'blood-pressure': { 'mm[Hg]': (v) => v, mmHg: (v) => v },
  glucose: { 'mg/dL': (v) => v, 'mmol/L': (v) => v * 18.016 },
  spo2: { '%': (v) => v },
  pulse: { '/min': (v) => v, '{beats}/min': (v) => v },
  weight: { kg: (v) => v, '[lb_av]': (v) => v * 0.45359237, g: (v) => v / 1000 },
  temperature: { Cel: (v) => v, '[degF]': (v) => ((v - 32) * 5) / 9 },
};

/** Plausible values, after conversion: beyond them a reading is refused as a device or entry error. */
const PLAUSIBLE: Readonly<Record<ReadingKind, readonly [number, number]>> = {
  'blood-pressure': [40, 300],
  glucose: [10, 1500],
  spo2: [40, 100],
  pulse: [20, 300],
  weight: [2, 400],
  temperature: [25, 45],
};

interface Coding {
  system?: string;
  code?: string;
}
interface Quantity {
  value?: number;
  code?: string;
  system?: string;
  unit?: string;
}

/** What a home Observation says, or why it cannot be a reading (with the FHIRPath of the problem). */
export type ReadingFromObservation =
  | {
      readonly ok: true;
      readonly kind: ReadingKind;
      readonly value: number;
      readonly diastolic: number | null;
      readonly effectiveMs: number;
      readonly subject: string | null;
    }
  | { readonly ok: false; readonly expression: string; readonly diagnostics: string };

function kindOf(codings: readonly Coding[]): ReadingKind | null {
  for (const coding of codings) {
    if (coding.system !== LOINC || coding.code === undefined) continue;
    const direct = (Object.entries(VITAL_CODINGS) as [ReadingKind, VitalCoding][]).find(
      ([, vital]) => vital.loinc === coding.code,
    );
    if (direct !== undefined) return direct[0];
    const alternative = ALTERNATIVE_LOINC[coding.code];
    if (alternative !== undefined) return alternative;
  }
  return null;
}

function converted(kind: ReadingKind, quantity: Quantity | undefined, expression: string): number | string {
  if (quantity === undefined || typeof quantity.value !== 'number')
    return `${expression}: a valueQuantity with a value`;
  if (quantity.system !== UCUM || quantity.code === undefined)
    return `${expression}: the unit must be a UCUM code (system ${UCUM})`;
  const convert = CONVERSIONS[kind][quantity.code];
  if (convert === undefined)
    return `${expression}: unit "${quantity.code}" is not one of ${Object.keys(CONVERSIONS[kind]).join(', ')}`;
  const value = convert(quantity.value);
  const [low, high] = PLAUSIBLE[kind];
  if (!(value >= low && value <= high)) return `${expression}: ${quantity.value} ${quantity.code} is not plausible`;
  return value;
}

/**
 * Reads a home device's Observation (already valid R4): a final vital sign of a kind we know, with a time and a
 * UCUM quantity (for blood pressure, systolic and diastolic components).
 */
export function readingFromObservation(resource: Record<string, unknown>, nowMs: number): ReadingFromObservation {
  const refuse = (expression: string, diagnostics: string): ReadingFromObservation => ({
    ok: false,
    expression,
    diagnostics,
  });
  if (resource.resourceType !== 'Observation') return refuse('resourceType', 'only Observations are created here');
  if (!['final', 'amended', 'corrected'].includes(String(resource.status)))
    return refuse(
      'Observation.status',
      `a home reading is final, amended or corrected, not "${String(resource.status)}"`,
    );
  const code = resource.code as { coding?: Coding[] } | undefined;
  const kind = kindOf(code?.coding ?? []);
  if (kind === null)
    return refuse(
      'Observation.code',
      `not a home vital sign we take (LOINC ${Object.values(VITAL_CODINGS)
        .map((vital) => vital.loinc)
        .join(', ')})`,
    );
  const effective = resource.effectiveDateTime ?? (resource.effectivePeriod as { start?: string } | undefined)?.start;
  const effectiveMs = typeof effective === 'string' ? Date.parse(effective) : Number.NaN;
  if (!Number.isFinite(effectiveMs))
    return refuse('Observation.effective[x]', 'when the patient measured it: effectiveDateTime with a time zone');
  // A device clock a little ahead is forgiven; a reading a day in the future is a wrong clock, not a reading.
  if (effectiveMs > nowMs + 3_600_000)
    return refuse('Observation.effectiveDateTime', 'more than an hour in the future: the device clock is wrong');
  const subjectReference = (resource.subject as { reference?: string } | undefined)?.reference ?? null;
  if (kind === 'blood-pressure') {
    const components = (resource.component ?? []) as { code?: { coding?: Coding[] }; valueQuantity?: Quantity }[];
    const part = (loinc: string) =>
      components.find((component) => component.code?.coding?.some((c) => c.system === LOINC && c.code === loinc));
    const systolic = converted(kind, part(SYSTOLIC)?.valueQuantity, `Observation.component[${SYSTOLIC}]`);
    const diastolic = converted(kind, part(DIASTOLIC)?.valueQuantity, `Observation.component[${DIASTOLIC}]`);
    if (typeof systolic === 'string') return refuse('Observation.component', systolic);
    if (typeof diastolic === 'string') return refuse('Observation.component', diastolic);
    return { ok: true, kind, value: systolic, diastolic, effectiveMs, subject: subjectReference };
  }
  const value = converted(kind, resource.valueQuantity as Quantity | undefined, 'Observation.valueQuantity');
  if (typeof value === 'string') return refuse('Observation.valueQuantity', value);
  return { ok: true, kind, value, diastolic: null, effectiveMs, subject: subjectReference };
}

/** The CodeableConcept of a kind: LOINC first, then MDC. */
export function codeOf(coding: VitalCoding): object {
  return {
    coding: [
      { system: LOINC, code: coding.loinc, display: coding.display },
      { system: MDC, code: coding.mdc.code, display: coding.mdc.display },
    ],
    text: coding.display,
  };
}

/** A UCUM quantity. */
export function quantityOf(value: number, coding: Pick<VitalCoding, 'ucum' | 'unit'>): object {
  return { value: Math.round(value * 10) / 10, unit: coding.unit, system: UCUM, code: coding.ucum };
}

/** The blood-pressure components. */
export function bloodPressureComponents(systolic: number, diastolic: number | null): object[] {
  const unit = { ucum: 'mm[Hg]', unit: 'mmHg' };
  const components: object[] = [
    {
      code: { coding: [{ system: LOINC, code: SYSTOLIC, display: 'Systolic blood pressure' }] },
      valueQuantity: quantityOf(systolic, unit),
    },
  ];
  if (diastolic !== null)
    components.push({
      code: { coding: [{ system: LOINC, code: DIASTOLIC, display: 'Diastolic blood pressure' }] },
      valueQuantity: quantityOf(diastolic, unit),
    });
  return components;
}
