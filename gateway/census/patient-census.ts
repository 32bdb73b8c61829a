/**
 * Who lies in which bed, as the hospital's ADT system says (issue 15). A bed ADT never spoke of keeps its source's
 * patient (the demo ward's simulated patients); once ADT speaks of a bed, ADT decides: an admitted patient, or
 * nobody — a discharged bed shows "no patient" and raises no physiological alarm. One patient is in one bed: an
 * admission or transfer of an MRN takes it out of any other bed. Events:
 *
 * - A01 admit, A04 register, A13 cancel discharge: the patient at PV1-3.
 * - A08 update: the patient's details, wherever they lie (at PV1-3 if they lie nowhere yet).
 * - A02 transfer: out of their bed, into PV1-3 — or out of this ward when PV1-3 is another ward's.
 * - A12 cancel transfer: back to PV1-3 (the location they return to), out of the bed the transfer put them in.
 * - A03 discharge, A11 cancel admit: their bed is empty.
 */
import type { AdtMessage, AdtPatient } from '../hl7/adt-message';
import type { BedLocator } from './bed-location';

/** A bed's occupant by ADT: a patient, or nobody (null). */
export type Occupant = AdtPatient | null;

/** The outcome of one ADT message. */
export type CensusChange =
  | {
      readonly ok: true;
      readonly changedBeds: readonly string[];
      /** Beds whose patient left or changed: the alarms about the patient who was there end. */
      readonly patientLeft: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/** The census. */
export class PatientCensus {
  /** Beds ADT spoke of: their occupant (null: nobody). */
  private readonly occupants = new Map<string, Occupant>();

  constructor(private readonly locator: BedLocator) {}

  /** Takes the stored census (at start-up). */
  adopt(stored: readonly { bedId: string; occupant: Occupant }[]): void {
    for (const { bedId, occupant } of stored) this.occupants.set(bedId, occupant);
  }

  /** Forgets what ADT said of a bed (an unsaved change taken back). */
  forget(bedId: string): void {
    this.occupants.delete(bedId);
  }

  /** Whether ADT spoke of the bed, and who lies there: undefined when it never did. */
  occupantOf(bedId: string): Occupant | undefined {
    return this.occupants.get(bedId);
  }

  /** Every bed ADT spoke of. */
  entries(): { bedId: string; occupant: Occupant }[] {
    return [...this.occupants].map(([bedId, occupant]) => ({ bedId, occupant }));
  }

  /** The bed the patient with this MRN lies in, or null. */
  bedOfPatient(mrn: string): string | null {
    for (const [bedId, occupant] of this.occupants) if (occupant?.mrn === mrn) return bedId;
    return null;
  }

  /** Applies one message. */
  apply(adt: AdtMessage): CensusChange {
    const { patient } = adt;
    const current = this.bedOfPatient(patient.mrn);
    const target = this.locator.bedAt(adt.location);
    const before = new Map(this.occupants);
    const changed = new Set<string>();
    const empty = (bedId: string | null): void => {
      if (bedId === null) return;
      this.occupants.set(bedId, null);
      changed.add(bedId);
    };
    // Another patient still in the target bed leaves it: the ward's system says this one lies there now.
    const place = (bedId: string): void => {
      if (current !== null && current !== bedId) empty(current);
      this.occupants.set(bedId, patient);
      changed.add(bedId);
    };
    switch (adt.event) {
      case 'A01':
      case 'A04':
      case 'A13':
      case 'A12':
        if (target === null) return { ok: false, reason: this.notHere(adt) };
        place(target);
        break;
      case 'A08':
        if (current !== null) {
          this.occupants.set(current, patient);
          changed.add(current);
        } else if (target !== null) place(target);
        else return { ok: false, reason: this.notHere(adt) };
        break;
      case 'A02':
        if (target !== null) place(target);
        else if (this.locator.isElsewhere(adt.location)) empty(current);
        else return { ok: false, reason: this.notHere(adt) };
        break;
      case 'A03':
      case 'A11':
        empty(current ?? target);
        if (current === null && target === null)
          return { ok: false, reason: `patient ${patient.mrn} lies in no bed of this ward` };
        break;
    }
    const mrnOf = (occupant: Occupant | undefined): string | null => occupant?.mrn ?? null;
    return {
      ok: true,
      changedBeds: [...changed],
      patientLeft: [...changed].filter(
        (bedId) =>
          before.has(bedId) &&
          mrnOf(before.get(bedId)) !== null &&
          mrnOf(before.get(bedId)) !== mrnOf(this.occupants.get(bedId)),
      ),
    };
  }

  private notHere(adt: AdtMessage): string {
    const where =
      adt.location === null
        ? 'no location (PV1-3)'
        : `PV1-3 ${[adt.location.pointOfCare, adt.location.room, adt.location.bed].filter((part) => part !== '').join('/')}`;
    return `ADT^${adt.event} for patient ${adt.patient.mrn}: ${where} names no bed of this ward`;
  }
}
