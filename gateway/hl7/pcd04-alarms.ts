/**
 * IHE PCD-04 (ORU^R40, "report alarm", the ACM profile): a device's own alarm — an infusion pump's occlusion, a
 * monitor's low SpO2 — as the facets WardWatch needs to show and journal it. One OBR per alarm: its identifier
 * (OBR-3, else OBR-2), the time it began (OBR-7); its OBX rows, grouped by OBX-4 (`….N`, N the facet), give:
 * 1 the event (OBX-3, with OBX-8 priority PH/PM/PL/PN and type SP/ST/SA — or the deprecated `L~PM~SP`), 2 its
 * source (the measurement code, value, limits), 3 the phase (start, continue, update, escalate, end…), 4 the alarm
 * state (active, inactive, latched), 5 the inactivation state (enabled, audio-paused, alert-acknowledged…), and
 * the priority and type again in their own facets where a sender puts them there. Senders differ: facet codes are
 * matched by number or by name (68483 comes with and without `^MDC`), and what cannot be read is a specific problem.
 */
import type { Hl7Segment } from '@medplum/core';
import { field, HL7_ERROR, type Hl7Message, type Hl7Problem } from './hl7-message';
import { parseHl7Time } from './pcd01-numerics';

/** ACM priority: high, medium, low, none (an informational event). */
export type DeviceAlarmPriority = 'PH' | 'PM' | 'PL' | 'PN';
/** ACM alert type: physiological, technical, advisory. */
export type DeviceAlarmType = 'SP' | 'ST' | 'SA';

/** Phases of an alarm's life an Alarm Reporter sends. */
export const DEVICE_ALARM_PHASES = [
  'start',
  'start_only',
  'continue',
  'update',
  'escalate',
  'inactivate',
  'deescalate',
  'reset',
  'end',
  'present',
  'stop',
] as const;
export type DeviceAlarmPhase = (typeof DEVICE_ALARM_PHASES)[number];

/** One device alarm as reported. */
export interface DeviceAlarmReport {
  /** The sender's identifier of this alarm (OBR-3, else OBR-2): the same alarm across start, update, end. */
  readonly alarmId: string;
  /** The event code and its text, e.g. `196648` / `MDC_EVT_HI`. */
  readonly eventCode: string;
  readonly eventText: string;
  /** What the device shows for it (the event row's OBX-5, e.g. `Occlusion downstream`), else the code's text. */
  readonly display: string;
  readonly priority: DeviceAlarmPriority;
  readonly type: DeviceAlarmType;
  readonly phase: DeviceAlarmPhase;
  readonly state: 'active' | 'inactive' | 'latched' | null;
  readonly inactivation: string | null;
  /** The measurement it is about (facet 2), when sent: code, text, value as sent, unit text. */
  readonly source: {
    readonly code: string;
    readonly text: string;
    readonly value: string;
    readonly unit: string;
  } | null;
  /** When it began (OBR-7), else the message time; epoch ms. */
  readonly startedAtMs: number;
}

const PHASE_CODES = new Set(['68481', 'MDC_ATTR_EVENT_PHASE']);
const STATE_CODES = new Set(['68482', 'MDC_ATTR_ALARM_STATE']);
const INACTIVATION_CODES = new Set(['68483', 'MDC_ATTR_ALARM_INACTIVATION_STATE']);
const PRIORITY_CODES = new Set(['68484', 'MDC_ATTR_ALARM_PRIORITY']);
const TYPE_CODES = new Set(['68485', 'MDC_ATTR_ALERT_TYPE']);

/** Reads every alarm of a PCD-04 message; each OBR that cannot be read is a problem of its own. */
export function readPcd04Alarms(message: Hl7Message): { alarms: DeviceAlarmReport[]; problems: Hl7Problem[] } {
  const alarms: DeviceAlarmReport[] = [];
  const problems: Hl7Problem[] = [];
  const messageTime = parseHl7Time(field(message, 'MSH', 7));
  // OBX rows belong to the OBR before them.
  const groups: { obrIndex: number; obr: Hl7Segment; obx: Hl7Segment[] }[] = [];
  let obrIndex = 0;
  for (const segment of message.segments) {
    if (segment.name === 'OBR') groups.push({ obrIndex: (obrIndex += 1), obr: segment, obx: [] });
    else if (segment.name === 'OBX') groups.at(-1)?.obx.push(segment);
  }
  if (groups.length === 0)
    problems.push({
      code: HL7_ERROR.segmentSequence,
      location: 'OBR',
      text: 'a PCD-04 message needs an OBR per alarm',
    });
  for (const group of groups) {
    const at = `OBR^${group.obrIndex}`;
    const alarmId = field(message, group.obr, 3, 1) || field(message, group.obr, 2, 1);
    if (alarmId === '') {
      problems.push({
        code: HL7_ERROR.requiredFieldMissing,
        location: `${at}^3`,
        text: 'the alarm has no identifier (OBR-3 or OBR-2)',
      });
      continue;
    }
    const facet = (obx: Hl7Segment): number => Number(field(message, obx, 4).trim().split('.').at(-1));
    const codeOf = (obx: Hl7Segment): string[] => [field(message, obx, 3, 1).trim(), field(message, obx, 3, 2).trim()];
    const byCode = (codes: ReadonlySet<string>): Hl7Segment | undefined =>
      group.obx.find((obx) => codeOf(obx).some((code) => codes.has(code)));
    const event = group.obx.find((obx) => facet(obx) === 1) ?? group.obx[0];
    if (event === undefined) {
      problems.push({ code: HL7_ERROR.segmentSequence, location: at, text: `alarm ${alarmId} has no OBX rows` });
      continue;
    }
    // OBX-8 of the event: `PH~SP`, or the deprecated `L~PM~SP` (an abnormal flag, then priority, then type).
    const flags = [0, 1, 2, 3]
      .map((repetition) => field(message, event, 8, 1, repetition).trim())
      .filter((flag) => flag !== '');
    const priorityFacet = byCode(PRIORITY_CODES);
    const typeFacet = byCode(TYPE_CODES);
    const priority = (priorityFacet === undefined ? undefined : field(message, priorityFacet, 5).trim()) ?? '';
    const chosenPriority = [priority, ...flags].find((flag): flag is DeviceAlarmPriority => /^P[HMLN]$/.test(flag));
    const chosenType = [typeFacet === undefined ? '' : field(message, typeFacet, 5).trim(), ...flags].find(
      (flag): flag is DeviceAlarmType => /^S[PTA]$/.test(flag),
    );
    const phaseFacet = byCode(PHASE_CODES);
    const phaseText = phaseFacet === undefined ? '' : field(message, phaseFacet, 5).trim().toLowerCase();
    const phase = DEVICE_ALARM_PHASES.find((candidate) => candidate === phaseText);
    if (chosenPriority === undefined || chosenType === undefined || phase === undefined) {
      problems.push({
        code: HL7_ERROR.requiredFieldMissing,
        location: phase === undefined ? `${at}^OBX-5 (phase)` : `${at}^OBX-8`,
        text:
          phase === undefined
            ? `alarm ${alarmId}: event phase "${phaseText}" is not one of ${DEVICE_ALARM_PHASES.join(', ')}`
            : `alarm ${alarmId}: no priority (PH/PM/PL/PN) and type (SP/ST/SA) in OBX-8 or their facets`,
      });
      continue;
    }
    const stateFacet = byCode(STATE_CODES);
    const stateText = stateFacet === undefined ? '' : field(message, stateFacet, 5).trim().toLowerCase();
    const inactivationFacet = byCode(INACTIVATION_CODES);
    const sourceRow = group.obx.find((obx) => facet(obx) === 2 && obx !== event);
    const startedAtMs = parseHl7Time(field(message, group.obr, 7)) ?? messageTime;
    if (startedAtMs === null) {
      problems.push({
        code: HL7_ERROR.requiredFieldMissing,
        location: `${at}^7`,
        text: `alarm ${alarmId} has no time`,
      });
      continue;
    }
    alarms.push({
      alarmId,
      eventCode: field(message, event, 3, 1).trim(),
      eventText: field(message, event, 3, 2).trim() || field(message, event, 5).trim(),
      display:
        field(message, event, 5).trim() ||
        field(message, event, 3, 2)
          .trim()
          .replace(/^MDC_EVT_/, '')
          .replace(/_/g, ' ') ||
        field(message, event, 3, 1).trim(),
      priority: chosenPriority,
      type: chosenType,
      phase,
      state: stateText === 'active' || stateText === 'inactive' || stateText === 'latched' ? stateText : null,
      inactivation: inactivationFacet === undefined ? null : field(message, inactivationFacet, 5).trim() || null,
      source:
        sourceRow === undefined
          ? null
          : {
              code: field(message, sourceRow, 3, 1).trim(),
              text: field(message, sourceRow, 3, 2).trim(),
              value: field(message, sourceRow, 5).trim(),
              unit: field(message, sourceRow, 6, 2).trim() || field(message, sourceRow, 6, 1).trim(),
            },
      startedAtMs,
    });
  }
  return { alarms, problems };
}
