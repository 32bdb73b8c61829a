/**
 * What the gateway does with each HL7 message the MLLP listener accepted (issue 15): PCD-01 (ORU^R01) numerics
 * and waves go to the bed the device feeds; PCD-04 (ORU^R40) alarms become that bed's device alarms; PCD-05
 * (ORU^R41, or ORA^R41 as some managers send it) is the alarm manager's word on an alarm WardWatch forwarded —
 * delivered, read, accepted by a nurse — and goes on that alarm's timeline; ADT goes to the census. Every message
 * gets a verdict for its ACK — AA when something of it was used; AE with the reason when nothing could be (an
 * unassigned device, values that were all unusable); AR for a message type WardWatch does not take. Everything
 * refused is counted by kind, for the gateway's statistics and the benchmark.
 */
import type { Logger } from '../../common/logging/logger';
import type { Alarm } from '../../common/alarms/alarm-model';
import {
  field,
  HL7_ERROR,
  patientLocation,
  sendingApplicationId,
  type Hl7Message,
  type Hl7Problem,
} from '../hl7/hl7-message';
import type { Hl7Handler, Hl7Verdict } from '../hl7/mllp-listener';
import { readPcd01Numerics } from '../hl7/pcd01-numerics';
import { readPcd01Waveforms } from '../hl7/pcd01-waveforms';
import { readPcd04Alarms, type DeviceAlarmReport } from '../hl7/pcd04-alarms';
import { readPcd05Status } from '../hl7/pcd05-status';
import type { AlarmNotification } from '../alarms/ward-alarm-service';
import type { DeviceAlarmBed } from '../alarms/device-alarm-board';
import type { DeviceBedEntry, DeviceDirectory } from './device-directory';

/** What the intake counted since the gateway started. */
export interface Hl7IntakeCounts {
  observationMessages: number;
  alarmMessages: number;
  /** Messages from a device no bed is assigned to (answered AE 204). */
  unassignedMessages: number;
  /** OBX rows skipped (unknown unit, not a number…). */
  valuesSkipped: number;
  /** Numerics of metrics WardWatch does not show (unknown MDC codes): accepted, not shown. */
  valuesNotShown: number;
  /** Waves refused because the device sends faster than real time. */
  wavesDropped: number;
  /** Messages of a type WardWatch does not take (answered AR 200). */
  unsupportedMessages: number;
  /** PCD-05 status reports taken, and those about an alarm no longer standing (journaled all the same). */
  statusReports: number;
  statusReportsForEndedAlarms: number;
  adtMessages: number;
}

/** The intake: the listener's handler, and its counts. */
export interface Hl7Intake {
  readonly handle: Hl7Handler;
  counts(): Readonly<Hl7IntakeCounts>;
}

/** What the intake needs. */
export interface Hl7IntakeOptions {
  readonly directory: DeviceDirectory;
  /** The alarm service's intake of device alarms. */
  readonly reportDeviceAlarm: (bed: DeviceAlarmBed, report: DeviceAlarmReport) => Alarm | null;
  /** Told when a bed became monitored (its first observations came): the census says so again. */
  readonly onMonitoringChanged: (bedId: string) => void;
  /** The census's intake of ADT (admit, transfer, discharge…). */
  readonly admit: (message: Hl7Message) => Promise<Hl7Verdict>;
  /** The alarm service's intake of secondary-notification status (false: no such standing alarm). */
  readonly recordNotification: (alarmId: string, notification: AlarmNotification) => boolean;
  /** The gateway's clock. */
  readonly now: () => number;
  readonly logger: Logger;
}

/** Builds the intake. */
export function createHl7Intake(options: Hl7IntakeOptions): Hl7Intake {
  const { directory, now } = options;
  const counts: Hl7IntakeCounts = {
    observationMessages: 0,
    alarmMessages: 0,
    unassignedMessages: 0,
    valuesSkipped: 0,
    valuesNotShown: 0,
    wavesDropped: 0,
    unsupportedMessages: 0,
    statusReports: 0,
    statusReportsForEndedAlarms: 0,
    adtMessages: 0,
  };
  const refuse = (code: 'AE' | 'AR', problem: Hl7Problem): Hl7Verdict => ({ code, problem });
  const unassigned = (deviceId: string): Hl7Verdict => {
    counts.unassignedMessages += 1;
    return refuse('AE', {
      code: HL7_ERROR.unknownKey,
      location: 'PV1^1^3',
      text: `device ${deviceId} feeds no bed of this ward: its location names none, and no admin assigned it (it is listed as unassigned)`,
    });
  };
  const details = (message: Hl7Message, sender: string) => ({
    model: field(message, 'MSH', 3, 1).trim().slice(0, 40),
    sender,
    location: patientLocation(message),
    application: sendingApplicationId(message),
  });

  const observations = (message: Hl7Message, sender: string): Hl7Verdict => {
    counts.observationMessages += 1;
    const atMs = now();
    const numerics = readPcd01Numerics(message);
    const waves = readPcd01Waveforms(message);
    const bed = directory.heard(numerics.deviceId, details(message, sender), atMs);
    if (bed === null) return unassigned(numerics.deviceId);
    const skipped = [...numerics.skipped, ...waves.skipped];
    counts.valuesSkipped += skipped.length;
    counts.valuesNotShown += numerics.notShown;
    const wasStandingBy = bed.source.standby();
    bed.source.feedNumerics(numerics.deviceId, numerics.numerics, numerics.sentAtMs, atMs);
    const intake = bed.source.feedWaves(numerics.deviceId, waves.waves, atMs);
    if (wasStandingBy && !bed.source.standby()) options.onMonitoringChanged(bed.bedId);
    counts.wavesDropped += intake.dropped;
    if (numerics.numerics.length + intake.played > 0 || skipped.length === 0) return { code: 'AA' };
    return refuse('AE', skipped[0] as Hl7Problem);
  };

  const alarms = (message: Hl7Message, sender: string): Hl7Verdict => {
    counts.alarmMessages += 1;
    const application = sendingApplicationId(message);
    const equipment = message
      .getAllSegments('OBX')
      .map((obx) => field(message, obx, 18, 1).trim())
      .find((id) => id !== '');
    const deviceId = equipment ?? directory.deviceOfApplication(application) ?? application;
    if (deviceId === '')
      return refuse('AE', { code: HL7_ERROR.requiredFieldMissing, location: 'MSH^1^3', text: 'no sending device' });
    const bed: DeviceBedEntry | null = directory.heard(deviceId, details(message, sender), now());
    if (bed === null) return unassigned(deviceId);
    const read = readPcd04Alarms(message);
    counts.valuesSkipped += read.problems.length;
    for (const report of read.alarms)
      options.reportDeviceAlarm({ bedId: bed.bedId, bedLabel: bed.label, deviceId }, report);
    if (read.alarms.length === 0 && read.problems.length > 0) return refuse('AE', read.problems[0] as Hl7Problem);
    return { code: 'AA' };
  };

  const dissemination = (message: Hl7Message): Hl7Verdict => {
    const read = readPcd05Status(message);
    for (const report of read.reports) {
      counts.statusReports += 1;
      if (!options.recordNotification(report.alarmId, { status: report.status, recipient: report.recipient }))
        counts.statusReportsForEndedAlarms += 1;
    }
    counts.valuesSkipped += read.problems.length;
    if (read.reports.length === 0 && read.problems.length > 0) return refuse('AE', read.problems[0] as Hl7Problem);
    return { code: 'AA' };
  };

  return {
    counts: () => ({ ...counts }),
    handle(message, sender) {
      const type = `${field(message, 'MSH', 9, 1)}^${field(message, 'MSH', 9, 2)}`;
      if (type === 'ORU^R01') return observations(message, sender);
      if (type === 'ORU^R40') return alarms(message, sender);
      if (type === 'ORU^R41' || type === 'ORA^R41') return dissemination(message);
      if (type.startsWith('ADT^')) {
        counts.adtMessages += 1;
        return options.admit(message);
      }
      counts.unsupportedMessages += 1;
      return refuse('AR', {
        code: HL7_ERROR.unsupportedMessageType,
        location: 'MSH^1^9',
        text: `${type} is not a message this gateway takes (ORU^R01 device observations, ORU^R40 device alarms, ORU^R41 alarm status, ADT)`,
      });
    },
  };
}
