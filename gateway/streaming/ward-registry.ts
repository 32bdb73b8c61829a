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

/** How a bed is described to stations now (a device-fed bed's devices and patient change while it runs). */
export function describeBed(registered: RegisteredBed): BedDescription {
  const { source } = registered;
  const standby = source.standby?.() ?? false;
  return {
    bed: registered.bed,
    bedId: registered.bedId,
    label: source.label.slice(0, 32),
    patient: source.patient,
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
export function buildCensus(wardName: string, beds: readonly RegisteredBed[], nowMs: number): Census {
  return { wardName, generatedAtMs: nowMs, beds: beds.map(describeBed) };
}
