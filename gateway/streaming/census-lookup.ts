/**
 * Which channels a bed streams, by bed id: how history requests check a bed and its channels before they touch
 * the disk.
 */
import type { ChannelKey } from '../../common/wire/channel-catalog';
import type { RegisteredBed } from './ward-registry';

/** The channel keys of a bed, or null for a bed the ward does not have. */
export type CensusLookup = (bedId: string) => readonly ChannelKey[] | null;

/** Builds the lookup over the registered beds. */
export function censusLookup(beds: readonly RegisteredBed[]): CensusLookup {
  const byId = new Map(beds.map((bed) => [bed.bedId, bed.source.channels.map((channel) => channel.key)]));
  return (bedId) => byId.get(bedId) ?? null;
}
