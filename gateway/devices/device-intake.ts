/**
 * The gateway's door for real devices (issue 15): the MLLP listener, the directory of devices and beds, and the
 * HL7 intake between them, started together by the gateway server when the ward has device-fed beds or an HL7
 * port. An admin's assignment goes to the database first and then takes effect; it is journaled as a settings
 * change (who put which device on which bed is part of the record, as a wrong bed is a wrong patient).
 */
import type { Logger } from '../../common/logging/logger';
import { describeError } from '../../common/logging/logger';
import { gatewayOk, gatewayRefusal, type GatewayReply } from '../../common/wire/gateway-reply';
import type { AllowedSenders } from '../hl7/allowed-senders';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  startMllpListener,
  type Hl7Verdict,
  type MllpCounts,
  type MllpListener,
} from '../hl7/mllp-listener';
import type { Hl7Message } from '../hl7/hl7-message';
import type { AlarmEventInput } from '../alarms/alarm-journal';
import type { WardAlarmService } from '../alarms/ward-alarm-service';
import type { DeviceAssignmentStore } from './device-assignment-store';
import { DeviceDirectory, type DeviceBedEntry, type DeviceSummary } from './device-directory';
import { createHl7Intake, type Hl7IntakeCounts } from './hl7-intake';

/** Where the gateway listens for HL7. */
export interface Hl7ListenOptions {
  readonly port: number;
  readonly allowedSenders: AllowedSenders;
  /** Serve MLLP over TLS with the gateway's own certificate. */
  readonly tls: { readonly certPem: string; readonly keyPem: string } | null;
  readonly maxMessageBytes?: number;
}

/** What the intake needs from the gateway. */
export interface DeviceIntakeOptions {
  readonly host: string;
  readonly hl7: Hl7ListenOptions | null;
  readonly wardName: string;
  readonly beds: readonly DeviceBedEntry[];
  readonly alarms: WardAlarmService;
  /** The assignment store once the database is open; null for a gateway without one (assignments in memory). */
  readonly assignments: Promise<DeviceAssignmentStore> | null;
  /** Told when a bed's devices changed: the census goes out again. */
  readonly onCensusChange: () => void;
  /** The census's intake of ADT. */
  readonly admit: (message: Hl7Message) => Promise<Hl7Verdict>;
  /** Who lies in a bed by the census (device alarms carry it), when it says. */
  readonly patientOf: (bedId: string) => { mrn: string; name: string } | null | undefined;
  readonly now: () => number;
  readonly logger: Logger;
}

/** Who assigns, for the journal. */
export interface AssigningAdmin {
  readonly username: string;
  readonly displayName: string;
  readonly station: string;
}

/** The running intake. */
export interface DeviceIntake {
  /** The HL7 port, or null when the gateway does not listen for HL7. */
  readonly port: number | null;
  list(): DeviceSummary[];
  assign(deviceId: string, bedId: string | null, by: AssigningAdmin): Promise<GatewayReply<DeviceSummary[]>>;
  counts(): { readonly listener: MllpCounts | null; readonly intake: Readonly<Hl7IntakeCounts> };
  close(): Promise<void>;
}

/** Starts the intake; resolves once the HL7 port (if any) listens. */
export async function startDeviceIntake(
  options: DeviceIntakeOptions,
  journal: (event: AlarmEventInput) => void,
): Promise<DeviceIntake> {
  const { alarms, logger, now } = options;
  const directory = new DeviceDirectory(options.beds, options.wardName, (bedId) => {
    const bed = options.beds.find((candidate) => candidate.bedId === bedId);
    alarms.devicesChanged(bedId, new Set(bed?.source.devices() ?? []));
    options.onCensusChange();
  });
  let store: DeviceAssignmentStore | null = null;
  options.assignments?.then(
    async (opened) => {
      directory.adoptAssignments(await opened.list());
      store = opened;
    },
    (error: unknown) =>
      logger.error('device assignments could not be read; devices map by their location only', {
        reason: describeError(error),
      }),
  );
  const intake = createHl7Intake({
    directory,
    reportDeviceAlarm: (bed, report) =>
      alarms.reportDeviceAlarm({ ...bed, patient: options.patientOf(bed.bedId) }, report),
    recordNotification: (alarmId, notification) => alarms.recordNotification(alarmId, notification),
    admit: options.admit,
    onMonitoringChanged: () => options.onCensusChange(),
    now,
    logger,
  });
  let listener: MllpListener | null = null;
  if (options.hl7 !== null) {
    listener = await startMllpListener({
      host: options.host,
      port: options.hl7.port,
      allowedSenders: options.hl7.allowedSenders,
      maxMessageBytes: options.hl7.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      ...(options.hl7.tls === null ? {} : { tls: options.hl7.tls }),
      handle: intake.handle,
      logger: logger.child('mllp'),
      now,
    });
    logger.info('HL7 listening', {
      port: listener.port,
      tls: listener.secure,
      allowed: options.hl7.allowedSenders.text,
      deviceBeds: options.beds.length,
    });
  }

  return {
    port: listener?.port ?? null,
    list: () => directory.list(),
    async assign(deviceId, bedId, by) {
      if (bedId !== null && !directory.hasBed(bedId))
        return gatewayRefusal('UNKNOWN_BED', `"${bedId}" is not a bed devices can feed on this ward`);
      if (options.assignments !== null && store === null)
        return gatewayRefusal('UNAVAILABLE', 'the gateway database is not open yet; try again in a moment');
      const before = directory.list().find((device) => device.deviceId === deviceId)?.bedId ?? null;
      await store?.assign(deviceId, bedId, by.username);
      const refusal = directory.assign(deviceId, bedId);
      if (refusal !== null) return gatewayRefusal('REFUSED', refusal);
      journal({
        atMs: now(),
        kind: 'settings-changed',
        alarmId: null,
        bedId,
        condition: null,
        priority: null,
        username: by.username,
        userDisplay: by.displayName,
        station: by.station,
        idempotencyKey: null,
        details: { part: 'device-assignment', deviceId, before, after: bedId },
      });
      logger.info('device assigned', { deviceId, bedId: bedId ?? 'none', by: by.username });
      return gatewayOk(directory.list());
    },
    counts: () => ({ listener: listener?.counts() ?? null, intake: intake.counts() }),
    close: async () => {
      await listener?.close();
    },
  };
}
