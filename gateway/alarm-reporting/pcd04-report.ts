/**
 * WardWatch as an IHE ACM Alarm Reporter: an alarm change as a PCD-04 (ORU^R40) message to the hospital's Alarm
 * Manager — one OBR per alarm with WardWatch's alarm id as its identifier (OBR-3), so the manager's PCD-05 replies
 * name it; the facets in OBX-4 sub-IDs `….1`–`….5`: the event (the condition, coded in WardWatch's own coding
 * system as the profile allows for events MDC does not name, with priority and type in OBX-8), the source
 * measurement in words, the phase, the alarm state and the inactivation state. PID/PV1 say whose bed it is.
 */
import type { Alarm, AlarmEventKind } from '../../common/alarms/alarm-model';
import { alarmLabel } from '../../common/alarms/alarm-model';
import { escapeHl7, hl7Timestamp } from '../hl7/hl7-message';

/** The ACM phase each journal event kind is reported as (null: not reported). */
const PHASES: Readonly<Partial<Record<AlarmEventKind, string>>> = {
  raised: 'start',
  escalated: 'escalate',
  acknowledged: 'update',
  'condition-ended': 'update',
  resolved: 'end',
  reset: 'end',
  superseded: 'end',
};

/** The ACM phase of an event kind, or null when the manager is not told of it. */
export function phaseOf(kind: AlarmEventKind): string | null {
  return PHASES[kind] ?? null;
}

/** Who lies in the bed, for PID and PV1. */
export interface ReportedBed {
  readonly wardName: string;
  readonly bedLabel: string;
  readonly patient: { readonly name: string; readonly mrn: string } | null;
}

/** One alarm change as a PCD-04 message. */
export function writePcd04Report(
  alarm: Alarm,
  kind: AlarmEventKind,
  bed: ReportedBed,
  atMs: number,
  controlId: string,
): string {
  const phase = phaseOf(kind) ?? 'update';
  const stamp = hl7Timestamp(new Date(atMs));
  const priority = alarm.priority === 'HIGH' ? 'PH' : alarm.priority === 'MEDIUM' ? 'PM' : 'PL';
  const type = alarm.category === 'physiological' ? 'SP' : 'ST';
  const ended = phase === 'end';
  const state = ended ? 'inactive' : alarm.conditionActive ? 'active' : 'latched';
  const inactivation = alarm.acknowledged === null ? 'enabled' : 'alert-acknowledged';
  const id = escapeHl7(alarm.alarmId);
  const lines = [
    `MSH|^~\\&|WARDWATCH^WARDWATCH^L|${escapeHl7(bed.wardName)}|||${stamp}||ORU^R40^ORU_R40|${escapeHl7(controlId)}|P|2.6|||AL|NE||||||IHE_PCD_ACM_001^IHE PCD^1.3.6.1.4.1.19376.1.6.4.4^ISO`,
  ];
  if (bed.patient !== null)
    lines.push(`PID|||${escapeHl7(bed.patient.mrn)}^^^^MR||${escapeHl7(bed.patient.name.replace(/\s+/g, '^'))}`);
  lines.push(`PV1||I|${escapeHl7(bed.wardName)}^^${escapeHl7(bed.bedLabel)}`);
  lines.push(`OBR|1||${id}^WARDWATCH|196616^MDC_EVT_ALARM^MDC|||${hl7Timestamp(new Date(alarm.onsetMs))}`);
  const obx = (n: number, facet: number, rest: string): void => {
    lines.push(`OBX|${n}|${rest.replace('{sub}', `1.0.0.0.${facet}`)}`);
  };
  obx(
    1,
    1,
    `ST|${escapeHl7(alarm.condition)}^${escapeHl7(alarmLabel(alarm))}^WARDWATCH|{sub}|${escapeHl7(alarm.message)}|||${priority}~${type}|||F`,
  );
  obx(2, 2, `ST|68480^MDC_ATTR_ALARM_SOURCE^MDC|{sub}|${escapeHl7(`${bed.bedLabel}: ${alarm.message}`)}||||||F`);
  obx(3, 3, `ST|68481^MDC_ATTR_EVENT_PHASE^MDC|{sub}|${phase}||||||F`);
  obx(4, 4, `ST|68482^MDC_ATTR_ALARM_STATE^MDC|{sub}|${state}||||||F`);
  obx(5, 5, `ST|68483^MDC_ATTR_ALARM_INACTIVATION_STATE^MDC|{sub}|${inactivation}||||||F`);
  return lines.join('\r');
}
