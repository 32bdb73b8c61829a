/**
 * Alarms devices raise themselves (IHE PCD-04): an infusion pump's occlusion, a monitor's own SpO2 LOW. The device
 * decides when its alarm starts, changes and ends; WardWatch shows and journals it as that bed's alarm with origin
 * "device" — its priority (PH/PM/PL), type (SP physiological, ST technical) and words as the device sent them —
 * and a nurse acknowledges it at a station like any other. One alarm is one episode of one device's alarm
 * (the device's own identifier, OBR-3): a report after its end is a new alarm with a new id.
 *
 * A PN ("no priority") report is information, not an alarm: it is not shown. An advisory (SA) shows as technical,
 * the only other category the alarm model has. All times are the gateway's clock: the device's start time only
 * says how long ago the alarm began, never when on the ward's clock.
 */
import type { Alarm, AlarmPriority } from '../../common/alarms/alarm-model';
import type { DeviceAlarmPriority, DeviceAlarmReport } from '../hl7/pcd04-alarms';
import type { AlarmChange, AlarmIdSource } from './bed-alarm-tracker';

const PRIORITIES: Readonly<Record<DeviceAlarmPriority, AlarmPriority | null>> = {
  PH: 'HIGH',
  PM: 'MEDIUM',
  PL: 'LOW',
  PN: null,
};
const ENDING_PHASES: ReadonlySet<DeviceAlarmReport['phase']> = new Set(['end', 'stop', 'reset']);
/** Inactivation states that mean a clinician acknowledged the alarm at the device. */
const ACKNOWLEDGED_AT_DEVICE: ReadonlySet<string> = new Set(['alert-acknowledged', 'acknowledged']);

/** The bed a device's report is for. */
export interface DeviceAlarmBed {
  readonly bedId: string;
  readonly bedLabel: string;
  readonly deviceId: string;
  /** Who lies in the bed by the census, when it says. */
  readonly patient?: { readonly mrn: string; readonly name: string } | null | undefined;
}

/** What the board did with a report. */
export interface DeviceAlarmOutcome {
  readonly changes: AlarmChange[];
  /** The alarm after the report (null when it ended or was information only). */
  readonly alarm: Alarm | null;
}

/** Every device alarm of the ward, by device and the device's identifier. */
export class DeviceAlarmBoard {
  private readonly alarms = new Map<string, Alarm>();

  constructor(private readonly newAlarmId: AlarmIdSource) {}

  /** The standing device alarms. */
  current(): Alarm[] {
    return [...this.alarms.values()];
  }

  /** Finds one by WardWatch's alarm id. */
  find(alarmId: string): Alarm | undefined {
    for (const alarm of this.alarms.values()) if (alarm.alarmId === alarmId) return alarm;
    return undefined;
  }

  /** Takes back a device alarm restored after a gateway restart (the device's next report continues it). */
  adopt(alarm: Alarm): boolean {
    if (alarm.device === undefined) return false;
    this.alarms.set(keyOf(alarm.device.deviceId, alarm.device.reference), alarm);
    return true;
  }

  /** Applies one report at gateway time `nowMs`. */
  report(bed: DeviceAlarmBed, report: DeviceAlarmReport, nowMs: number): DeviceAlarmOutcome {
    const key = keyOf(bed.deviceId, report.alarmId);
    const existing = this.alarms.get(key);
    const priority = PRIORITIES[report.priority];
    const ends = ENDING_PHASES.has(report.phase) || report.state === 'inactive' || priority === null;
    if (ends) {
      if (existing === undefined) return { changes: [], alarm: null };
      this.alarms.delete(key);
      return { changes: [{ kind: 'resolved', alarm: { ...existing, conditionActive: false } }], alarm: null };
    }
    const message = messageOf(report);
    const acknowledgedAtDevice =
      report.inactivation !== null && ACKNOWLEDGED_AT_DEVICE.has(report.inactivation.toLowerCase());
    const latchedEnded = report.state === 'latched';
    if (existing === undefined || existing.bedId !== bed.bedId) {
      const alarm: Alarm = {
        alarmId: this.newAlarmId(),
        bedId: bed.bedId,
        bedLabel: bed.bedLabel,
        condition: 'DEVICE_ALARM',
        priority,
        category: report.type === 'SP' ? 'physiological' : 'technical',
        message,
        onsetMs: nowMs,
        conditionActive: !latchedEnded,
        latched: latchedEnded,
        escalated: false,
        acknowledged: acknowledgedAtDevice ? atDevice(bed.deviceId, nowMs) : null,
        device: { deviceId: bed.deviceId, reference: report.alarmId.slice(0, 64), label: labelOf(report) },
        ...(bed.patient === undefined || bed.patient === null ? {} : { patient: { ...bed.patient } }),
      };
      const changes: AlarmChange[] = [];
      // The device moved to another bed while its alarm stood: the old bed's alarm ends, the new bed's begins.
      if (existing !== undefined) changes.push({ kind: 'resolved', alarm: { ...existing, conditionActive: false } });
      this.alarms.set(key, alarm);
      changes.push({ kind: 'raised', alarm });
      return { changes, alarm };
    }
    const updated: Alarm = {
      ...existing,
      priority,
      message,
      conditionActive: !latchedEnded,
      latched: existing.latched || latchedEnded,
      escalated: existing.escalated || rank(priority) < rank(existing.priority),
      acknowledged: existing.acknowledged ?? (acknowledgedAtDevice ? atDevice(bed.deviceId, nowMs) : null),
    };
    this.alarms.set(key, updated);
    const changes: AlarmChange[] = [];
    if (rank(priority) < rank(existing.priority)) changes.push({ kind: 'escalated', alarm: updated });
    if (existing.acknowledged === null && updated.acknowledged !== null)
      changes.push({ kind: 'acknowledged', alarm: updated });
    return { changes, alarm: updated };
  }

  /** A nurse acknowledged it at a station. */
  acknowledge(alarmId: string, acknowledgment: NonNullable<Alarm['acknowledged']>): Alarm | null {
    return this.update(alarmId, (alarm) => ({ ...alarm, acknowledged: alarm.acknowledged ?? acknowledgment }));
  }

  /** Changes what a device alarm carries; null when there is none with that id. */
  update(alarmId: string, change: (alarm: Alarm) => Alarm): Alarm | null {
    for (const [key, alarm] of this.alarms) {
      if (alarm.alarmId !== alarmId) continue;
      const changed = change(alarm);
      this.alarms.set(key, changed);
      return changed;
    }
    return null;
  }

  /**
   * Every alarm of `bedId` from a device that no longer feeds it (unassigned, moved) ends — of those `which`
   * selects (the physiological ones, when the patient left).
   */
  endForBed(
    bedId: string,
    stillFeeding: ReadonlySet<string> = new Set(),
    which: (alarm: Alarm) => boolean = () => true,
  ): AlarmChange[] {
    const changes: AlarmChange[] = [];
    for (const [key, alarm] of this.alarms) {
      if (alarm.bedId !== bedId || stillFeeding.has(alarm.device?.deviceId ?? '') || !which(alarm)) continue;
      this.alarms.delete(key);
      changes.push({ kind: 'resolved', alarm: { ...alarm, conditionActive: false } });
    }
    return changes;
  }
}

function keyOf(deviceId: string, reference: string): string {
  return `${deviceId}\u0000${reference}`;
}

function rank(priority: AlarmPriority): number {
  return priority === 'HIGH' ? 0 : priority === 'MEDIUM' ? 1 : 2;
}

/** Acknowledged by a clinician at the device itself: the device does not say who. */
function atDevice(deviceId: string, nowMs: number): NonNullable<Alarm['acknowledged']> {
  return { username: 'device', displayName: 'at the bedside device', station: deviceId.slice(0, 64), atMs: nowMs };
}

/** `SpO2 LOW`, `OCCLUSION DOWNSTREAM`: the device's words, short enough for a tile. */
function labelOf(report: DeviceAlarmReport): string {
  return report.display.toUpperCase().slice(0, 32) || 'DEVICE ALARM';
}

/** `Occlusion downstream`, or with the measurement: `SpO2 LOW: 84 %`. */
function messageOf(report: DeviceAlarmReport): string {
  const measured =
    report.source === null || report.source.value === ''
      ? ''
      : `: ${report.source.value}${report.source.unit === '' ? '' : ` ${shortUnit(report.source.unit)}`}`;
  return `${report.display}${measured} (device)`.slice(0, 80);
}

function shortUnit(unit: string): string {
  return unit.replace(/^MDC_DIM_PERCENT$/, '%').replace(/^MDC_DIM_BEAT_PER_MIN$/, 'bpm');
}
