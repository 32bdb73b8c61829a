/**
 * The beds of the ward: each source with its stable id and wire number, and the census describing them as they
 * are now.
 */
import { channelByKey } from '../../common/wire/channel-catalog';
import type { BedDescription, Census } from '../../common/wire/ward-messages';
import type { BedSource } from '../sources/bed-source';

/** A bed as the ward defines it. */
export interface WardBed<S extends BedSource = BedSource> {
  readonly bedId: string;
  readonly source: S;
}

/** A registered bed: the ward bed with its wire number. */
export interface RegisteredBed<S extends BedSource = BedSource> extends WardBed<S> {
  readonly bed: number;
}

/** Numbers the beds in order and describes them. @throws Error on a duplicate bed id (a configuration bug). */
export function registerBeds<S extends BedSource>(beds: readonly WardBed<S>[]): RegisteredBed<S>[] {
  const seen = new Set<string>();
  return beds.map((ward, index) => {
    if (seen.has(ward.bedId)) throw new Error(`two beds share the id "${ward.bedId}"`);
    seen.add(ward.bedId);
    return { ...ward, bed: index };
  });
}

/**
 * Who lies in a bed by the ward's census: a patient, nobody (null), or undefined when the census does not say
 * (the bed's source then names its patient, as the demo ward's simulator does).
 */
export type PatientOf = (bedId: string) => BedDescription['patient'] | undefined;

/** How a bed is described to stations now (its devices and its patient change while it runs). */
export function describeBed(registered: RegisteredBed, patientOf: PatientOf = () => undefined): BedDescription {
  const { source } = registered;
  const standby = source.standby?.() ?? false;
  const patient = patientOf(registered.bedId);
  return {
    bed: registered.bed,
    bedId: registered.bedId,
    label: source.label.slice(0, 32),
    patient: patient === undefined ? source.patient : patient,
    source: source.origin,
    channels: source.channels.map((channel) => ({
      key: channel.key,
      id: channelByKey(channel.key).id,
      sampleRate: channel.sampleRate,
      unit: channel.unit,
    })),
    ...(standby ? { standby } : {}),
  };
}

/** The census message for these beds, as they are now. */
export function buildCensus(
  wardName: string,
  beds: readonly RegisteredBed[],
  nowMs: number,
  patientOf: PatientOf = () => undefined,
): Census {
  return { wardName, generatedAtMs: nowMs, beds: beds.map((bed) => describeBed(bed, patientOf)) };
}
