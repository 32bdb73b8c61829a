/**
 * WardWatch as the Alarm Reporter toward the hospital's alarm communication system (issue 15): every alarm raised,
 * escalated, acknowledged and ended is sent as PCD-04 to the configured IHE ACM Alarm Manager, in order, through
 * one MLLP connection. Secondary notification is a supplement to the stations and must say when it fails: a manager
 * that cannot be reached or does not acknowledge is ALARM FORWARDING FAILURE (PHONE ALERTS FAILING) at every station
 * until it acknowledges again. An idle reporter checks the manager's port every 30 s so that a manager that went
 * away is noticed before the next alarm needs it.
 */
import type { Logger } from '../../common/logging/logger';
import { MllpSender, DEFAULT_MLLP_SENDER, type MllpTarget, type MllpSenderCounts } from '../hl7/mllp-sender';
import type { WardAlarmService } from '../alarms/ward-alarm-service';
import { phaseOf, writePcd04Report, type ReportedBed } from './pcd04-report';

/** How often an idle reporter checks that the manager is there. */
const PROBE_EVERY_MS = 30_000;

/** What the reporter needs. */
export interface AlarmReporterOptions {
  readonly target: MllpTarget;
  readonly alarms: Pick<WardAlarmService, 'onAlarmEvent' | 'reportGatewayProblem'>;
  /** The bed an alarm is of, for PID/PV1. */
  readonly bedOf: (bedId: string, bedLabel: string) => ReportedBed;
  readonly now: () => number;
  readonly logger: Logger;
  readonly ackTimeoutMs?: number;
}

/** A running reporter. */
export interface AlarmReporter {
  counts(): Readonly<MllpSenderCounts>;
  stop(): void;
}

/** Starts forwarding. */
export function startAlarmReporter(options: AlarmReporterOptions): AlarmReporter {
  const { target, alarms, logger } = options;
  const where = `${target.host}:${target.port}`;
  const sender = new MllpSender({
    target,
    ackTimeoutMs: options.ackTimeoutMs ?? DEFAULT_MLLP_SENDER.ackTimeoutMs,
    capacity: DEFAULT_MLLP_SENDER.capacity,
    logger,
    onHealthChange: (problem) => {
      if (problem === null) logger.info('alarm manager acknowledges again', { manager: where });
      else logger.warn('alarm manager failing', { manager: where, problem });
      alarms.reportGatewayProblem(
        'ALARM_FORWARDING_FAILURE',
        problem === null ? null : `alarm manager ${where}: ${problem}`,
      );
    },
  });
  let sequence = 0;
  const stopListening = alarms.onAlarmEvent((event) => {
    // The failure of forwarding is not forwarded through the channel that fails.
    if (event.alarm.condition === 'ALARM_FORWARDING_FAILURE' || phaseOf(event.kind) === null) return;
    const text = writePcd04Report(
      event.alarm,
      event.kind,
      options.bedOf(event.alarm.bedId, event.alarm.bedLabel),
      event.atMs,
      `WWA${options.now()}-${(sequence += 1)}`,
    );
    void sender.send(text);
  });
  const probe = setInterval(() => sender.probe(), PROBE_EVERY_MS);
  probe.unref?.();
  sender.probe();
  logger.info('forwarding alarms', { manager: where, tls: target.caPem !== undefined });
  return {
    counts: () => ({ ...sender.counts }),
    stop: () => {
      clearInterval(probe);
      stopListening();
      sender.close();
    },
  };
}
