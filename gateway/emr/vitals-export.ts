/**
 * WardWatch as an IHE PCD-01 Device Observation Reporter toward the EMR (issue 15): every bed's current vitals —
 * the numerics stations see, each with the time it was measured, the patient the census names — as one ORU^R01
 * per bed, every `intervalMinutes` of the ward's policy (0: only on demand) and whenever a clinician asks for a
 * bed or the whole ward. A value with no valid number now (LEADS OFF, NO SIGNAL) is not sent: the EMR charts
 * measurements, not their absence. Sent through one MLLP connection in order; an EMR that is away gets them when
 * it is back (bounded queue), and its problem is logged and shown in the gateway's counts.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../common/logging/logger';
import type { NumericKey, NumericValues } from '../../common/wire/ward-messages';
import { loggedSender, type MllpTarget, type MllpSenderCounts } from '../hl7/mllp-sender';
import { writePcd01 } from '../hl7/pcd01-writer';

/** A bed as the export sees it. */
export interface ExportedBed {
  readonly bedId: string;
  readonly label: string;
}

/** What the export needs. */
export interface VitalsExportOptions {
  readonly target: MllpTarget;
  readonly wardName: string;
  readonly beds: readonly ExportedBed[];
  /** The bed's numerics now (what stations were last sent), or undefined. */
  readonly numericsOf: (bedId: string) => NumericValues | undefined;
  /** Who lies in the bed by the census, or null. */
  readonly patientOf: (bedId: string) => { readonly mrn: string; readonly name: string } | null;
  /** The ward policy's interval in minutes, read at each tick (0: only on demand). */
  readonly intervalMinutes: () => number;
  readonly now: () => number;
  readonly logger: Logger;
}

/** The running export. */
export interface VitalsExport {
  /** Sends the vitals of one bed (or every bed) now; how many beds had any to send. */
  sendNow(bedId: string | null): number;
  counts(): Readonly<MllpSenderCounts>;
  stop(): void;
}

/** Starts the export. */
export function startVitalsExport(options: VitalsExportOptions): VitalsExport {
  const { logger, now } = options;
  const where = `${options.target.host}:${options.target.port}`;
  const sender = loggedSender(options.target, logger, 'vitals to the EMR');
  let sequence = 0;
  const sendBed = (bed: ExportedBed): boolean => {
    const values = options.numericsOf(bed.bedId) ?? {};
    const numerics: Partial<Record<NumericKey, number>> = {};
    const measuredAtMs: Partial<Record<NumericKey, number>> = {};
    for (const [key, value] of Object.entries(values) as [NumericKey, NumericValues[NumericKey]][]) {
      if (value === undefined || value.value === null) continue;
      numerics[key] = value.value;
      measuredAtMs[key] = value.measuredAtMs;
    }
    if (Object.keys(numerics).length === 0) return false;
    const atMs = now();
    void sender.send(
      writePcd01({
        deviceId: stationDeviceId(options.wardName, bed.bedId),
        model: 'WARDWATCH',
        facility: options.wardName,
        location: { pointOfCare: options.wardName, room: '', bed: bed.label },
        patient: options.patientOf(bed.bedId),
        controlId: `WWV${atMs}-${(sequence += 1)}`,
        atMs,
        numerics,
        measuredAtMs,
      }),
    );
    return true;
  };
  const sendNow = (bedId: string | null): number =>
    options.beds.filter((bed) => bedId === null || bed.bedId === bedId).filter(sendBed).length;

  // Checked every 10 s, so a changed interval takes effect without a restart.
  let lastSentMs = now();
  const timer = setInterval(() => {
    const minutes = options.intervalMinutes();
    if (minutes <= 0 || now() - lastSentMs < minutes * 60_000) return;
    lastSentMs = now();
    const sent = sendNow(null);
    logger.info('vitals sent to the EMR', { beds: sent, emr: where });
  }, 10_000);
  timer.unref?.();
  logger.info('exporting vitals', { emr: where });
  return {
    sendNow,
    counts: () => ({ ...sender.counts }),
    stop: () => {
      clearInterval(timer);
      sender.close();
    },
  };
}

/** A stable EUI-64 for a bed's vitals as WardWatch reports them (OBX-18), from the ward and the bed. */
export function stationDeviceId(wardName: string, bedId: string): string {
  return createHash('sha256').update(`${wardName}\u0000${bedId}`).digest('hex').slice(0, 16).toUpperCase();
}
