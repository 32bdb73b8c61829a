/**
 * Which of this ward's beds an HL7 location (PV1-3: point of care, room, bed) names — for devices (PCD-01/04) and
 * for the census (ADT) alike. The bed component names a bed by its label or id (`BED04`, `Bed 4`, `bed-04` and `4`
 * are one bed); a point of care, when given, must be this ward (`4B` names "Ward 4B"; ward 7's bed 4 is not ours).
 */
import type { PatientLocation } from '../hl7/hl7-message';

/** Finds beds by the locations HL7 senders give. */
export class BedLocator {
  private readonly byKey = new Map<string, string>();

  /** @param beds the beds it may name, in ward order: a label wins over another bed's id. */
  constructor(
    beds: readonly { readonly bedId: string; readonly label: string }[],
    private readonly wardName: string,
  ) {
    for (const bed of beds) this.byKey.set(bedKey(bed.bedId), bed.bedId);
    for (const bed of beds) this.byKey.set(bedKey(bed.label), bed.bedId);
  }

  /** The bed `location` names, or null (another ward, no bed component, a bed this ward does not have). */
  bedAt(location: PatientLocation | null): string | null {
    if (location === null || location.bed === '') return null;
    if (location.pointOfCare !== '' && !namesWard(location.pointOfCare, this.wardName)) return null;
    return this.byKey.get(bedKey(location.bed)) ?? null;
  }

  /** Whether the location's point of care is another ward's (the patient left this ward). */
  isElsewhere(location: PatientLocation | null): boolean {
    return location !== null && location.pointOfCare !== '' && !namesWard(location.pointOfCare, this.wardName);
  }
}

/** `unit/room/bed` as people read a PV1-3, or null. */
export function describeLocation(location: PatientLocation | null): string | null {
  if (location === null) return null;
  return [location.pointOfCare, location.room, location.bed].filter((part) => part !== '').join('/');
}

function bedKey(text: string): string {
  const plain = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return plain.replace(/^bed/, '').replace(/^0+(?=\d)/, '');
}

function namesWard(pointOfCare: string, wardName: string): boolean {
  const ward = wardName.toLowerCase().replace(/[^a-z0-9]/g, '');
  const unit = pointOfCare.toLowerCase().replace(/[^a-z0-9]/g, '');
  return unit !== '' && (ward === unit || ward.replace(/^(demo)?ward/, '') === unit.replace(/^ward/, ''));
}
