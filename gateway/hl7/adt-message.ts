/**
 * HL7 ADT (admit, discharge, transfer) as the census needs it: the event (MSH-9.2 / EVN-1), who (PID-3 MRN — the
 * repetition typed MR, else the first — PID-5 name, PID-7 date of birth, PID-8 sex, PV1-7 attending), where now
 * (PV1-3) and where before (PV1-6, a transfer's prior location). What cannot be read is a specific problem.
 */
import {
  field,
  HL7_ERROR,
  patientLocation,
  type Hl7Message,
  type Hl7Problem,
  type PatientLocation,
} from './hl7-message';

/** ADT events the census follows. */
export const ADT_EVENTS = ['A01', 'A02', 'A03', 'A04', 'A08', 'A11', 'A12', 'A13'] as const;

/** One of {@link ADT_EVENTS}. */
export type AdtEvent = (typeof ADT_EVENTS)[number];

/** A patient as ADT describes one. */
export interface AdtPatient {
  readonly mrn: string;
  /** `Given Family`. */
  readonly name: string;
  /** `YYYY-MM-DD`, or null. */
  readonly dateOfBirth: string | null;
  readonly sex: 'F' | 'M' | 'U';
  /** The attending doctor, `Given Family`, or null. */
  readonly attending: string | null;
}

/** What one ADT message says. */
export interface AdtMessage {
  readonly event: AdtEvent;
  readonly patient: AdtPatient;
  readonly location: PatientLocation | null;
  readonly priorLocation: PatientLocation | null;
}

/** Reads an ADT message; a problem for an event the census does not follow or a patient without an MRN. */
export function readAdt(message: Hl7Message): { ok: true; adt: AdtMessage } | { ok: false; problem: Hl7Problem } {
  const event = (field(message, 'MSH', 9, 2) || field(message, 'EVN', 1)).trim().toUpperCase();
  if (!(ADT_EVENTS as readonly string[]).includes(event))
    return {
      ok: false,
      problem: {
        code: HL7_ERROR.unsupportedEventCode,
        location: 'MSH^1^9^2',
        text: `ADT^${event} is not an event the census follows (${ADT_EVENTS.join(', ')})`,
      },
    };
  const pid = message.getSegment('PID');
  if (pid === undefined)
    return {
      ok: false,
      problem: { code: HL7_ERROR.segmentSequence, location: 'PID', text: 'an ADT message needs a PID' },
    };
  const identifiers = [0, 1, 2, 3, 4].map((repetition) => ({
    id: field(message, pid, 3, 1, repetition).trim(),
    type: field(message, pid, 3, 5, repetition).trim().toUpperCase(),
  }));
  const mrn =
    (identifiers.find((identifier) => identifier.type === 'MR' && identifier.id !== '') ?? identifiers[0])?.id ?? '';
  if (mrn === '')
    return {
      ok: false,
      problem: { code: HL7_ERROR.requiredFieldMissing, location: 'PID^1^3', text: 'the patient has no MRN (PID-3)' },
    };
  const name = [field(message, pid, 5, 2), field(message, pid, 5, 1)]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
  const sexText = field(message, pid, 8).trim().toUpperCase();
  const pv1 = message.getSegment('PV1');
  const attending =
    pv1 === undefined
      ? ''
      : [field(message, pv1, 7, 3), field(message, pv1, 7, 2)]
          .map((part) => part.trim())
          .filter((part) => part !== '')
          .join(' ');
  const prior =
    pv1 === undefined
      ? null
      : (() => {
          const [pointOfCare, room, bed] = [1, 2, 3].map((component) => field(message, pv1, 6, component).trim()) as [
            string,
            string,
            string,
          ];
          return pointOfCare === '' && room === '' && bed === '' ? null : { pointOfCare, room, bed };
        })();
  return {
    ok: true,
    adt: {
      event: event as AdtEvent,
      patient: {
        mrn: mrn.slice(0, 32),
        name: (name || 'Unknown patient').slice(0, 80),
        dateOfBirth: dateOf(field(message, pid, 7)),
        sex: sexText === 'F' || sexText === 'M' ? sexText : 'U',
        attending: attending === '' ? null : attending.slice(0, 80),
      },
      location: patientLocation(message),
      priorLocation: prior,
    },
  };
}

/** HL7 DT/DTM `YYYYMMDD…` as `YYYY-MM-DD`, or null. */
function dateOf(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(text.trim());
  return match === null ? null : `${match[1]}-${match[2]}-${match[3]}`;
}
