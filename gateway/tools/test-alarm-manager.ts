/**
 * A small IHE ACM Alarm Manager for trying the gateway's alarm forwarding without the hospital's system (issue 15):
 * it listens for PCD-04 on MLLP, prints each alarm change, acknowledges it, and plays what a nurse's phone would
 * report for a new or escalated alarm as PCD-05 (ORU^R41) back to the gateway's HL7 port: received at once,
 * delivered to the phone a second later, read, then accepted by the named nurse — or, when the alarm ended
 * first, cancelled. Not a product: a test double a ward's IT can point the gateway at, and the tests use.
 */
import type { Logger } from '../../common/logging/logger';
import { field, type Hl7Message } from '../hl7/hl7-message';
import { startMllpListener, type MllpListener } from '../hl7/mllp-listener';
import { MllpSender, type MllpTarget } from '../hl7/mllp-sender';
import { parseAllowedSenders } from '../hl7/allowed-senders';
import { readPcd04Alarms } from '../hl7/pcd04-alarms';
import { writePcd05 } from '../hl7/pcd05-writer';
import type { NotificationStatus } from '../../common/alarms/alarm-model';

/** One alarm change the manager received. */
export interface ReceivedAlarm {
  readonly alarmId: string;
  readonly label: string;
  readonly message: string;
  readonly priority: string;
  readonly phase: string;
  readonly state: string | null;
  readonly inactivation: string | null;
  /** PV1-3's bed. */
  readonly bed: string;
  readonly receivedAtMs: number;
}

/** How the manager plays a phone. */
export interface TestAlarmManagerOptions {
  readonly port: number;
  readonly host?: string;
  /** Who may send (the gateway); loopback by default. */
  readonly allow?: string;
  /** The gateway's HL7 port, where PCD-05 goes; none: the manager only acknowledges. */
  readonly replyTo: MllpTarget | null;
  readonly recipient: { readonly given: string; readonly family: string; readonly phone: string };
  /** Seconds after receipt for each report. */
  readonly timing: { readonly deliveredS: number; readonly readS: number; readonly acceptedS: number };
  readonly logger: Logger;
  /** Told of every alarm change received (the CLI prints it). */
  readonly onAlarm?: (alarm: ReceivedAlarm) => void;
}

/** A running manager. */
export interface TestAlarmManager {
  readonly port: number;
  /** Every alarm change received, in order. */
  received(): readonly ReceivedAlarm[];
  close(): Promise<void>;
}

/** Starts the manager. */
export async function startTestAlarmManager(options: TestAlarmManagerOptions): Promise<TestAlarmManager> {
  const received: ReceivedAlarm[] = [];
  const ended = new Set<string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const replies =
    options.replyTo === null
      ? null
      : new MllpSender({
          target: options.replyTo,
          ackTimeoutMs: 5000,
          capacity: 1000,
          logger: options.logger,
        });
  let sequence = 0;
  const report = (alarmId: string, status: NotificationStatus): void => {
    const { given, family, phone } = options.recipient;
    const text = writePcd05({
      sendingApplication: 'TESTAM^WARDWATCH_TEST_AM^L',
      facility: 'HOSPITAL',
      alarmReference: alarmId,
      status,
      recipient: { given, family, device: `phone ${phone}` },
      controlId: `TAM-${(sequence += 1)}`,
      atMs: Date.now(),
    });
    void replies?.send(text);
  };
  const later = (seconds: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, seconds * 1000);
    timers.add(timer);
  };
  const playPhone = (alarmId: string): void => {
    report(alarmId, 'received');
    const { deliveredS, readS, acceptedS } = options.timing;
    later(deliveredS, () => report(alarmId, ended.has(alarmId) ? 'cancelled' : 'delivered'));
    later(readS, () => ended.has(alarmId) || report(alarmId, 'read'));
    later(acceptedS, () => ended.has(alarmId) || report(alarmId, 'accepted'));
  };
  const handle = (message: Hl7Message) => {
    const type = `${field(message, 'MSH', 9, 1)}^${field(message, 'MSH', 9, 2)}`;
    if (type !== 'ORU^R40')
      return {
        code: 'AR' as const,
        problem: { code: '200' as const, text: `${type}: this test manager takes ORU^R40` },
      };
    const read = readPcd04Alarms(message);
    const bed = field(message, 'PV1', 3, 3);
    for (const alarm of read.alarms) {
      const entry: ReceivedAlarm = {
        alarmId: alarm.alarmId,
        label: alarm.eventText,
        message: alarm.display,
        priority: alarm.priority,
        phase: alarm.phase,
        state: alarm.state,
        inactivation: alarm.inactivation,
        bed,
        receivedAtMs: Date.now(),
      };
      received.push(entry);
      options.onAlarm?.(entry);
      if (alarm.phase === 'end') ended.add(alarm.alarmId);
      else if (alarm.phase === 'start' || alarm.phase === 'escalate') playPhone(alarm.alarmId);
    }
    if (read.alarms.length === 0 && read.problems[0] !== undefined)
      return { code: 'AE' as const, problem: read.problems[0] };
    return { code: 'AA' as const };
  };
  const listener: MllpListener = await startMllpListener({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    allowedSenders: parseAllowedSenders(options.allow ?? '127.0.0.0/8'),
    maxMessageBytes: 1024 * 1024,
    handle,
    logger: options.logger,
    now: Date.now,
  });
  return {
    port: listener.port,
    received: () => received,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      replies?.close();
      await listener.close();
    },
  };
}
