/**
 * HL7 v2 messages as the gateway reads and answers them, through `@medplum/core`'s parser (decision 0019): parse
 * with a verdict instead of an exception, read a value unescaped, and build the acknowledgment every message gets —
 * MSA with the sender's control ID, and for a refusal an ERR saying what is wrong (HL7 table 0357 codes).
 */
import { Hl7Message, type Hl7Segment } from '@medplum/core';

export { Hl7Message };

/** MSA-1: accepted, application error (fix and resend), or rejected (never resend as is). */
export type AckCode = 'AA' | 'AE' | 'AR';

/** HL7 table 0357 message error condition codes the gateway answers with. */
export const HL7_ERROR = {
  segmentSequence: '100',
  requiredFieldMissing: '101',
  dataType: '102',
  tableValueNotFound: '103',
  unsupportedMessageType: '200',
  unsupportedEventCode: '201',
  unsupportedVersion: '203',
  unknownKey: '204',
  internalError: '207',
} as const;

/** What is wrong with a message, for its ERR segment. */
export interface Hl7Problem {
  /** A table 0357 code. */
  readonly code: (typeof HL7_ERROR)[keyof typeof HL7_ERROR];
  /** Where, as ERR-2 says it: segment ID, sequence, field (e.g. `OBX^3^5`), or empty. */
  readonly location?: string;
  /** A sentence for the sender's interface analyst (ERR-8). */
  readonly text: string;
}

/** Parses `text`; a message that is not HL7 v2 (no MSH, no control ID) is a problem, not an exception. */
export function parseHl7(text: string): { ok: true; message: Hl7Message } | { ok: false; problem: Hl7Problem } {
  let message: Hl7Message;
  try {
    message = Hl7Message.parse(text.replace(/\r\n|\n/g, '\r'));
  } catch {
    return { ok: false, problem: { code: HL7_ERROR.segmentSequence, text: 'not an HL7 v2 message: no MSH segment' } };
  }
  const msh = message.getSegment('MSH');
  if (msh === undefined)
    return { ok: false, problem: { code: HL7_ERROR.segmentSequence, text: 'not an HL7 v2 message: no MSH segment' } };
  if (field(message, 'MSH', 9, 1) === '')
    return {
      ok: false,
      problem: { code: HL7_ERROR.requiredFieldMissing, location: 'MSH^1^9', text: 'MSH-9 (message type) is empty' },
    };
  if (field(message, 'MSH', 10) === '')
    return {
      ok: false,
      problem: { code: HL7_ERROR.requiredFieldMissing, location: 'MSH^1^10', text: 'MSH-10 (control ID) is empty' },
    };
  return { ok: true, message };
}

/**
 * A component of a segment's field, unescaped (`\F\` → `|` and the other HL7 escapes); '' when absent. `component`
 * counts from 1; for MSH, field numbers are HL7's (MSH-1 is the field separator).
 */
export function field(
  message: Hl7Message,
  segment: string | Hl7Segment,
  fieldNumber: number,
  component = 1,
  repetition = 0,
): string {
  const found = typeof segment === 'string' ? message.getSegment(segment) : segment;
  const value = found?.getField(fieldNumber);
  // The parser throws for a repetition the field does not have: absent is '' here, as for a missing field.
  if (value === undefined || repetition >= value.components.length) return '';
  return unescapeHl7(value.getComponent(component, undefined, repetition) ?? '');
}

/** The whole field as sent (components joined), unescaped. */
export function wholeField(segment: Hl7Segment, fieldNumber: number): string {
  return unescapeHl7(segment.getField(fieldNumber)?.toString() ?? '');
}

/** HL7 v2 escape sequences with the default delimiters. */
export function unescapeHl7(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(F|S|T|R|E|X[0-9A-Fa-f]+|\.br)\\/g, (_, code: string) => {
    switch (code) {
      case 'F':
        return '|';
      case 'S':
        return '^';
      case 'T':
        return '&';
      case 'R':
        return '~';
      case 'E':
        return '\\';
      case '.br':
        return '\n';
      default:
        return Buffer.from(code.slice(1), 'hex').toString('latin1');
    }
  });
}

/** Escapes HL7 delimiters in a value written into a message (ERR-8, a device's name, a sample run). */
export function escapeHl7(value: string): string {
  return value.replace(
    /[\\|^&~]/g,
    (character) => ({ '\\': '\\E\\', '|': '\\F\\', '^': '\\S\\', '&': '\\T\\', '~': '\\R\\' })[character] as string,
  );
}

/**
 * The acknowledgment of `message` (or of a frame that did not parse, when null): MSH answering the sender, MSA with
 * the code and the control ID, and an ERR for a refusal.
 */
export function buildAck(
  message: Hl7Message | null,
  code: AckCode,
  problem: Hl7Problem | null,
  now: Date,
  controlId: string,
): string {
  const stamp = hl7Timestamp(now);
  const trigger = message === null ? '' : field(message, 'MSH', 9, 2);
  const header =
    message === null
      ? `MSH|^~\\&|WARDWATCH|WARD|||${stamp}||ACK|${controlId}|P|2.6`
      : [
          'MSH',
          '^~\\&',
          'WARDWATCH',
          'WARD',
          wholeFieldOf(message, 'MSH', 3),
          wholeFieldOf(message, 'MSH', 4),
          stamp,
          '',
          `ACK^${trigger}^ACK`,
          controlId,
          field(message, 'MSH', 11) || 'P',
          field(message, 'MSH', 12) || '2.6',
        ].join('|');
  const answered = message === null ? '' : field(message, 'MSH', 10);
  const lines = [header, `MSA|${code}|${escapeHl7(answered)}`];
  if (problem !== null)
    lines.push(
      `ERR||${problem.location ?? ''}|${problem.code}^${escapeHl7(problem.text).slice(0, 180)}^HL70357|E||||${escapeHl7(problem.text)}`,
    );
  return lines.join('\r');
}

/**
 * Who sent a message (MSH-3): the EUI-64 in its second component when the third says so (IHE PCD's way of naming
 * a device or its gateway), else its first component; '' when MSH-3 is empty.
 */
export function sendingApplicationId(message: Hl7Message): string {
  const universal = field(message, 'MSH', 3, 2).trim();
  if (universal !== '' && field(message, 'MSH', 3, 3).trim().toUpperCase() === 'EUI-64') return universal;
  return field(message, 'MSH', 3, 1).trim();
}

/** PV1-3, the patient's assigned location: point of care (the unit), room, bed. */
export interface PatientLocation {
  readonly pointOfCare: string;
  readonly room: string;
  readonly bed: string;
}

/** The message's PV1-3, or null when it names none. */
export function patientLocation(message: Hl7Message): PatientLocation | null {
  const pv1 = message.getSegment('PV1');
  if (pv1 === undefined) return null;
  const [pointOfCare, room, bed] = [1, 2, 3].map((component) => field(message, pv1, 3, component).trim()) as [
    string,
    string,
    string,
  ];
  return pointOfCare === '' && room === '' && bed === '' ? null : { pointOfCare, room, bed };
}

/** A field as the sender wrote it (escapes kept: it goes back into a message). */
function wholeFieldOf(message: Hl7Message, segment: string, fieldNumber: number): string {
  return message.getSegment(segment)?.getField(fieldNumber)?.toString() ?? '';
}

/** `YYYYMMDDHHMMSS+0000` in UTC. */
export function hl7Timestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+0000`;
}
