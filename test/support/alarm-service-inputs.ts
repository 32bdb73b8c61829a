/**
 * What tests of the ward alarm service feed it: the demo nurse as the gateway knows her after sign-in, a device
 * numeric, and a bed showing VF.
 */
import type { UserPrincipal } from '../../common/identity/principal';
import type { NumericValue } from '../../common/wire/ward-messages';
import type { BedObservation } from '../../gateway/alarms/alarm-rules';
import { rhythmShowing } from './rhythm-assessments';

/** The demo nurse, signed in with full scope. */
export const DEMO_NURSE: UserPrincipal = {
  kind: 'user',
  userId: 1,
  username: 'demo.nurse',
  displayName: 'Demo Nurse',
  role: 'nurse',
  scope: 'full',
};

/** A numeric as a device sends it (null with a note: no value, and why). */
export function deviceNumeric(value: number | null, note: string | null = null): NumericValue {
  return { value, unit: '', origin: 'device', measuredAtMs: 0, note };
}

/** A bed in VF: no heart rate, the rhythm analysis says VF. */
export const VF_OBSERVATION: BedObservation = {
  numerics: { HR: deviceNumeric(null, 'VF'), SPO2: deviceNumeric(97), RR: deviceNumeric(14) },
  rhythm: rhythmShowing('VF'),
};
