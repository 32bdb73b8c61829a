/**
 * IHE PCD-05 (ORU^R41, sent by some managers as ORA^R41): what the hospital's alarm communication system did with
 * an alarm WardWatch reported — received, delivered to a phone, read, accepted or rejected by a nurse,
 * undeliverable, cancelled. The alarm is the one whose identifier WardWatch put in the PCD-04's OBR-3 (the manager
 * echoes it in OBR-3, or OBR-2); the status is an OBX's value; who it reached is the PRT participation (PRT-5 the
 * person, PRT-10 the device) or, from older managers, OBX-16 (responsible observer). Each OBR is one report.
 */
import type { Hl7Segment } from '@medplum/core';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../../common/alarms/alarm-model';
import { field, HL7_ERROR, type Hl7Message, type Hl7Problem } from './hl7-message';

/** One dissemination report. */
export interface DisseminationReport {
  readonly alarmId: string;
  readonly status: NotificationStatus;
  /** `Ana Nurse (phone 4411)`, `Ana Nurse`, `phone 4411`, or '' when the manager did not say. */
  readonly recipient: string;
}

/** Words managers use for each status, by how they begin (`Delivered to device`, `accepted by user`…). */
const STATUS_WORDS: readonly [string, NotificationStatus][] = [
  ['received', 'received'],
  ['deliver', 'delivered'],
  ['read', 'read'],
  ['viewed', 'read'],
  ['accept', 'accepted'],
  ['reject', 'rejected'],
  ['decline', 'rejected'],
  ['undeliverable', 'undeliverable'],
  ['not delivered', 'undeliverable'],
  ['cancel', 'cancelled'],
];

function statusOf(text: string): NotificationStatus | null {
  const words = text.trim().toLowerCase();
  if ((NOTIFICATION_STATUSES as readonly string[]).includes(words)) return words as NotificationStatus;
  return STATUS_WORDS.find(([start]) => words.startsWith(start))?.[1] ?? null;
}

/** Reads every report of a PCD-05 message; an OBR that cannot be read is a problem of its own. */
export function readPcd05Status(message: Hl7Message): { reports: DisseminationReport[]; problems: Hl7Problem[] } {
  const reports: DisseminationReport[] = [];
  const problems: Hl7Problem[] = [];
  const groups: { obr: Hl7Segment; rows: Hl7Segment[] }[] = [];
  for (const segment of message.segments) {
    if (segment.name === 'OBR') groups.push({ obr: segment, rows: [] });
    else if (segment.name === 'OBX' || segment.name === 'PRT') groups.at(-1)?.rows.push(segment);
  }
  if (groups.length === 0)
    problems.push({
      code: HL7_ERROR.segmentSequence,
      location: 'OBR',
      text: 'a PCD-05 message needs an OBR per alarm',
    });
  groups.forEach((group, index) => {
    const at = `OBR^${index + 1}`;
    const alarmId = field(message, group.obr, 3, 1).trim() || field(message, group.obr, 2, 1).trim();
    if (alarmId === '') {
      problems.push({ code: HL7_ERROR.requiredFieldMissing, location: `${at}^3`, text: 'no alarm identifier (OBR-3)' });
      return;
    }
    const observations = group.rows.filter((row) => row.name === 'OBX');
    const statusRow = observations.find((row) => statusOf(field(message, row, 5)) !== null);
    if (statusRow === undefined) {
      problems.push({
        code: HL7_ERROR.tableValueNotFound,
        location: `${at}^OBX-5`,
        text: `alarm ${alarmId}: no status WardWatch knows (${NOTIFICATION_STATUSES.join(', ')})`,
      });
      return;
    }
    reports.push({
      alarmId: alarmId.slice(0, 64),
      status: statusOf(field(message, statusRow, 5)) as NotificationStatus,
      recipient: recipientOf(message, group.rows, statusRow).slice(0, 80),
    });
  });
  return { reports, problems };
}

function recipientOf(message: Hl7Message, rows: readonly Hl7Segment[], statusRow: Hl7Segment): string {
  const prt = rows.find((row) => row.name === 'PRT');
  const person = (segment: Hl7Segment, fieldNumber: number): string =>
    [field(message, segment, fieldNumber, 3), field(message, segment, fieldNumber, 2)]
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .join(' ');
  if (prt !== undefined) {
    const who = person(prt, 5);
    const device = field(message, prt, 10, 1).trim();
    if (who !== '' && device !== '') return `${who} (${device})`;
    return who || device;
  }
  return person(statusRow, 16);
}
