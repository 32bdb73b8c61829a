/**
 * WardWatch as the Alarm Manager toward the devices that report alarms to it (IHE ACM, PCD-05): each device alarm
 * a station shows is reported back as *delivered* (to the ward's central station), and as *accepted* by the nurse
 * who acknowledged it at a station — so a pump's or monitor's own screen, or its vendor gateway, can show that
 * somebody took it. Devices reach WardWatch through one address of their vendor's gateway (`--device-alarm-status
 * host:port`); a device whose alarms come from elsewhere only gets its ACK. An acknowledgment at the device itself
 * is not echoed back to it. A status that cannot be delivered is logged, never an alarm: it is feedback for the
 * device, and the nurses already have the alarm.
 */
import type { Logger } from '../../common/logging/logger';
import { loggedSender, type MllpTarget } from '../hl7/mllp-sender';
import { writePcd05 } from '../hl7/pcd05-writer';
import type { WardAlarmService } from '../alarms/ward-alarm-service';

/** A running status reporter. */
export interface DeviceAlarmStatus {
  stop(): void;
}

/** Starts reporting device alarms' status to `target`. */
export function startDeviceAlarmStatus(options: {
  readonly target: MllpTarget;
  readonly wardName: string;
  readonly alarms: Pick<WardAlarmService, 'onAlarmEvent'>;
  readonly now: () => number;
  readonly logger: Logger;
}): DeviceAlarmStatus {
  const { logger } = options;
  const sender = loggedSender(options.target, logger, 'device alarm status');
  let sequence = 0;
  const stopListening = options.alarms.onAlarmEvent((event) => {
    const device = event.alarm.device;
    if (device === undefined) return;
    const acknowledgment = event.alarm.acknowledged;
    let status: 'delivered' | 'accepted';
    let recipient: { given: string; family: string; device: string };
    if (event.kind === 'raised') {
      status = 'delivered';
      recipient = { given: '', family: 'WardWatch central station', device: options.wardName };
    } else if (event.kind === 'acknowledged' && acknowledgment !== null && acknowledgment.username !== 'device') {
      const [given = '', ...family] = acknowledgment.displayName.trim().split(/\s+/);
      status = 'accepted';
      recipient = { given, family: family.join(' '), device: acknowledgment.station };
    } else return;
    void sender.send(
      writePcd05({
        sendingApplication: 'WARDWATCH^WARDWATCH^L',
        facility: options.wardName,
        alarmReference: device.reference,
        status,
        recipient,
        controlId: `WWS${options.now()}-${(sequence += 1)}`,
        atMs: event.atMs,
      }),
    );
  });
  return {
    stop: () => {
      stopListening();
      sender.close();
    },
  };
}
