/**
 * Writes IHE PCD-05 (ORU^R41, "report dissemination alert status"): what became of an alarm — delivered, read,
 * accepted by a named person — for the alarm's reporter, in the shape pcd05-status.ts reads: the reporter's alarm
 * identifier in OBR-3, the status in an OBX, the person and their device in a PRT participation. The test Alarm
 * Manager sends it to the gateway; the gateway sends it to a device's alarm reporter about the device's alarms.
 */
import type { NotificationStatus } from '../../common/alarms/alarm-model';
import { escapeHl7, hl7Timestamp } from './hl7-message';

/** One status report. */
export interface Pcd05Content {
  /** MSH-3, e.g. `WARDWATCH^WARDWATCH^L`. */
  readonly sendingApplication: string;
  readonly facility: string;
  /** The reporter's identifier of the alarm (its PCD-04's OBR-3). */
  readonly alarmReference: string;
  readonly status: NotificationStatus;
  /** Who it reached: a person and, when known, the device they have it on (`phone 4411`, `Desk 1`). */
  readonly recipient: { readonly given: string; readonly family: string; readonly device: string } | null;
  readonly controlId: string;
  readonly atMs: number;
}

/** The message as HL7 v2 text. */
export function writePcd05(content: Pcd05Content): string {
  const stamp = hl7Timestamp(new Date(content.atMs));
  const lines = [
    `MSH|^~\\&|${content.sendingApplication}|${escapeHl7(content.facility)}|||${stamp}||ORU^R41^ORU_R41|${escapeHl7(content.controlId)}|P|2.6|||AL|NE||||||IHE_PCD_ACM_001^IHE PCD^1.3.6.1.4.1.19376.1.6.4.4^ISO`,
    `OBR|1||${escapeHl7(content.alarmReference)}|196616^MDC_EVT_ALARM^MDC|||${stamp}`,
    `OBX|1|ST|68488^MDC_ATTR_ALERT_DISSEMINATION_STATUS^MDC|1.0.0.0.1|${content.status}||||||F|||${stamp}`,
  ];
  const { recipient } = content;
  if (recipient !== null)
    lines.push(
      `PRT|1|UC||RCT^Recipient^HL70912|^${escapeHl7(recipient.family)}^${escapeHl7(recipient.given)}|||||${escapeHl7(recipient.device)}`,
    );
  return lines.join('\r');
}
