/**
 * Every waveform channel the wire can carry: a one-byte id on the wire, a name for people, its unit and its
 * family (which decides colour and placement on screen). Ids are part of the protocol: never renumber one.
 */

/** What kind of signal a channel is; decides colour (ECG green, SpO2 cyan, resp yellow, pressures red). */
export type ChannelFamily = 'ecg' | 'pleth' | 'resp' | 'pressure';

/** One channel's fixed description. */
export interface ChannelInfo {
  readonly id: number;
  readonly key: ChannelKey;
  readonly label: string;
  readonly unit: string;
  readonly family: ChannelFamily;
}

const CHANNELS = [
  { id: 1, key: 'ECG_I', label: 'I', unit: 'mV', family: 'ecg' },
  { id: 2, key: 'ECG_II', label: 'II', unit: 'mV', family: 'ecg' },
  { id: 3, key: 'ECG_III', label: 'III', unit: 'mV', family: 'ecg' },
  { id: 4, key: 'ECG_AVR', label: 'aVR', unit: 'mV', family: 'ecg' },
  { id: 5, key: 'ECG_AVL', label: 'aVL', unit: 'mV', family: 'ecg' },
  { id: 6, key: 'ECG_AVF', label: 'aVF', unit: 'mV', family: 'ecg' },
  { id: 7, key: 'ECG_V', label: 'V', unit: 'mV', family: 'ecg' },
  { id: 8, key: 'ECG_V1', label: 'V1', unit: 'mV', family: 'ecg' },
  { id: 9, key: 'ECG_V2', label: 'V2', unit: 'mV', family: 'ecg' },
  { id: 10, key: 'ECG_V3', label: 'V3', unit: 'mV', family: 'ecg' },
  { id: 11, key: 'ECG_V4', label: 'V4', unit: 'mV', family: 'ecg' },
  { id: 12, key: 'ECG_V5', label: 'V5', unit: 'mV', family: 'ecg' },
  { id: 13, key: 'ECG_V6', label: 'V6', unit: 'mV', family: 'ecg' },
  { id: 14, key: 'ECG_MLII', label: 'MLII', unit: 'mV', family: 'ecg' },
  { id: 20, key: 'PLETH', label: 'Pleth', unit: 'NU', family: 'pleth' },
  { id: 30, key: 'RESP', label: 'Resp', unit: 'NU', family: 'resp' },
  { id: 40, key: 'ABP', label: 'ART', unit: 'mmHg', family: 'pressure' },
  { id: 41, key: 'PAP', label: 'PA', unit: 'mmHg', family: 'pressure' },
  { id: 42, key: 'CVP', label: 'CVP', unit: 'mmHg', family: 'pressure' },
] as const;

/** A channel's stable name. */
export type ChannelKey = (typeof CHANNELS)[number]['key'];

const byId = new Map<number, ChannelInfo>(CHANNELS.map((channel) => [channel.id, channel]));
const byKey = new Map<string, ChannelInfo>(CHANNELS.map((channel) => [channel.key, channel]));

/** All channels, in wire-id order. */
export const ALL_CHANNELS: readonly ChannelInfo[] = CHANNELS;

/** The channel with this wire id, or undefined. */
export function channelById(id: number): ChannelInfo | undefined {
  return byId.get(id);
}

/** The channel with this key. */
export function channelByKey(key: ChannelKey): ChannelInfo {
  return byKey.get(key) as ChannelInfo;
}

/** All channel keys, for schemas. */
export const CHANNEL_KEYS = CHANNELS.map((channel) => channel.key) as unknown as readonly [ChannelKey, ...ChannelKey[]];

/**
 * ECG leads in the order a monitor prefers them — for the heart rate, the rhythm analysis and the trace a tile
 * leads with: II first, then MLII (Holter II), I, V…
 */
export const ECG_LEAD_PREFERENCE: readonly ChannelKey[] = [
  'ECG_II',
  'ECG_MLII',
  'ECG_I',
  'ECG_V',
  'ECG_V5',
  'ECG_III',
  'ECG_AVF',
  'ECG_V1',
  'ECG_V2',
];
