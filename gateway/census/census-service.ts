/**
 * The ward's census at the gateway (issue 15): ADT messages from the hospital's system change who lies in which
 * bed — kept in the database before the ACK says so, since an ADT system does not resend what was acknowledged —
 * and every station gets the new census at once; a patient who left a bed takes their alarms with them.
 */
import { describeError, type Logger } from '../../common/logging/logger';
import { HL7_ERROR, type Hl7Message } from '../hl7/hl7-message';
import type { Hl7Verdict } from '../hl7/mllp-listener';
import { readAdt } from '../hl7/adt-message';
import type { WardAlarmService } from '../alarms/ward-alarm-service';
import { BedLocator } from './bed-location';
import type { CensusStore } from './census-store';
import { PatientCensus, type Occupant } from './patient-census';
import type { BedDescription } from '../../common/wire/ward-messages';

/** What the census needs. */
export interface CensusServiceOptions {
  readonly beds: readonly { readonly bedId: string; readonly label: string }[];
  readonly wardName: string;
  /** The store once the database is open; null for a gateway without one (the census in memory). */
  readonly store: Promise<CensusStore> | null;
  readonly alarms: Pick<WardAlarmService, 'patientLeft'>;
  /** Told after every change: the census goes out again. */
  readonly onChange: () => void;
  readonly logger: Logger;
}

/** The running census. */
export interface CensusService {
  /** Who ADT says lies in the bed: a patient, nobody (null), or undefined when ADT never spoke of it. */
  occupantOf(bedId: string): Occupant | undefined;
  /** The same as the census describes it to stations, the age computed at `nowMs`. */
  patientOf(bedId: string, nowMs: number): BedDescription['patient'] | undefined;
  /** Handles one ADT message: its ACK's verdict. */
  handleAdt(message: Hl7Message): Promise<Hl7Verdict>;
}

/** Starts the census; the stored one is taken as soon as the database opens. */
export function startCensusService(options: CensusServiceOptions): CensusService {
  const { logger } = options;
  const census = new PatientCensus(new BedLocator(options.beds, options.wardName));
  let store: CensusStore | null = null;
  const opening = options.store?.then(
    async (opened) => {
      census.adopt(await opened.list());
      store = opened;
      options.onChange();
    },
    (error: unknown) => logger.error('the census could not be read', { reason: describeError(error) }),
  );
  // One message at a time: the database write of one is done before the next is applied.
  let queue: Promise<unknown> = Promise.resolve();

  const apply = async (message: Hl7Message): Promise<Hl7Verdict> => {
    const read = readAdt(message);
    if (!read.ok)
      return { code: read.problem.code === HL7_ERROR.unsupportedEventCode ? 'AR' : 'AE', problem: read.problem };
    await opening;
    if (options.store !== null && store === null)
      return {
        code: 'AE',
        problem: { code: HL7_ERROR.internalError, text: 'the gateway database is not open; resend this message' },
      };
    const before = census.entries();
    const change = census.apply(read.adt);
    if (!change.ok)
      return { code: 'AE', problem: { code: HL7_ERROR.unknownKey, location: 'PV1^1^3', text: change.reason } };
    try {
      await store?.save(change.changedBeds.map((bedId) => ({ bedId, occupant: census.occupantOf(bedId) ?? null })));
    } catch (error) {
      // Not kept, so not taken: the census goes back to what it was, and the ADT system resends.
      census.adopt(before);
      for (const bedId of change.changedBeds) if (!before.some((entry) => entry.bedId === bedId)) census.forget(bedId);
      logger.error('an ADT change could not be kept', { reason: describeError(error) });
      return {
        code: 'AE',
        problem: { code: HL7_ERROR.internalError, text: 'the census could not be saved; resend this message' },
      };
    }
    for (const bedId of change.patientLeft) options.alarms.patientLeft(bedId);
    logger.info(`ADT ${read.adt.event}`, { mrn: read.adt.patient.mrn, beds: change.changedBeds.join(',') });
    options.onChange();
    return { code: 'AA' };
  };

  return {
    occupantOf: (bedId) => census.occupantOf(bedId),
    patientOf(bedId, nowMs) {
      const occupant = census.occupantOf(bedId);
      if (occupant === undefined || occupant === null) return occupant;
      return {
        name: occupant.name,
        mrn: occupant.mrn,
        ageYears: ageOn(occupant.dateOfBirth, nowMs),
        sex: occupant.sex,
        dateOfBirth: occupant.dateOfBirth,
        attending: occupant.attending,
      };
    },
    handleAdt(message) {
      const result = queue.then(() => apply(message));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

/** Whole years from a `YYYY-MM-DD` birth date to `nowMs` (UTC), or null. */
export function ageOn(dateOfBirth: string | null, nowMs: number): number | null {
  if (dateOfBirth === null) return null;
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const now = new Date(nowMs);
  const age =
    now.getUTCFullYear() -
    year -
    (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day) ? 1 : 0);
  return age >= 0 && age <= 130 ? age : null;
}
