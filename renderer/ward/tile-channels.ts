/**
 * Which traces a bed tile shows: the ECG lead a monitor would lead with (II, else MLII, I, V…), then pleth and
 * respiration; a bed without one of those shows its arterial pressure or another lead instead, up to three.
 */
import { ECG_LEAD_PREFERENCE, type ChannelKey } from '../../common/wire/channel-catalog';
import type { BedDescription } from '../../common/wire/ward-messages';

const SECONDARY: readonly ChannelKey[] = ['PLETH', 'RESP', 'ABP', 'PAP', 'CVP'];

/** Up to `count` channels of the bed, in display order. */
export function tileChannels(bed: BedDescription, count = 3): BedDescription['channels'] {
  const byKey = new Map(bed.channels.map((channel) => [channel.key, channel]));
  const ecg = ECG_LEAD_PREFERENCE.map((key) => byKey.get(key)).find((channel) => channel !== undefined);
  const picked = [ecg, ...SECONDARY.map((key) => byKey.get(key))].filter(
    (channel): channel is NonNullable<typeof channel> => channel !== undefined,
  );
  for (const channel of bed.channels) if (picked.length < count && !picked.includes(channel)) picked.push(channel);
  return picked.slice(0, count);
}
