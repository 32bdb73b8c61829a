/**
 * Fictional demo patients for the simulated ward (never real people): a name, a medical record number, age and
 * sex, and resting vital signs, all drawn from the bed's seed.
 */
import type { BedDescription } from '../../common/wire/ward-messages';
import type { PatientBaseline } from './scenarios';
import type { SeededRandom } from './seeded-random';

const GIVEN = [
  'Ada',
  'Bram',
  'Cleo',
  'Dario',
  'Edda',
  'Femi',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kaia',
  'Luca',
  'Mira',
  'Noor',
  'Otto',
  'Pia',
  'Quinn',
  'Rosa',
  'Sven',
  'Tess',
  'Umar',
  'Vera',
  'Wim',
  'Yara',
];
const FAMILY = [
  'Alder',
  'Brook',
  'Carver',
  'Dale',
  'Ember',
  'Frost',
  'Gale',
  'Heath',
  'Isle',
  'Jarvis',
  'Kestrel',
  'Lark',
  'Moss',
  'North',
  'Oakes',
  'Pike',
  'Reed',
  'Stone',
  'Thorne',
  'Vale',
  'Wren',
  'York',
];

/** A demo patient. */
export interface DemoPatient {
  readonly identity: NonNullable<BedDescription['patient']>;
  readonly baseline: PatientBaseline;
}

/** Draws a patient from the random source. */
export function drawDemoPatient(random: SeededRandom): DemoPatient {
  const sex = random.next() < 0.5 ? 'F' : 'M';
  const name = `${random.pick(FAMILY).toUpperCase()}, ${random.pick(GIVEN)}`;
  const systolic = Math.round(random.between(108, 138));
  return {
    identity: {
      name,
      mrn: `DEMO${String(Math.floor(random.between(0, 1e6))).padStart(6, '0')}`,
      ageYears: Math.round(random.between(24, 89)),
      sex,
    },
    baseline: {
      heartRate: Math.round(random.between(62, 92)),
      spo2: Math.round(random.between(95, 99)),
      respRate: Math.round(random.between(12, 19)),
      systolic,
      diastolic: Math.round(systolic * random.between(0.58, 0.66)),
      temperature: Math.round(random.between(36.4, 37.3) * 10) / 10,
    },
  };
}
