/**
 * Maps signal names as recordings write them (`II`, `MLII`, `ii`, `PLETH`, `ABP`, `ART`…) to wire channels,
 * and numeric names (`HR`, `SpO2`, `NBPSys`…) to numeric keys. Unknown names map to nothing: the replay says
 * which signals it does not show rather than guessing.
 */
import type { ChannelKey } from '../../common/wire/channel-catalog';
import type { NumericKey } from '../../common/wire/ward-messages';

const CHANNEL_NAMES: Readonly<Record<string, ChannelKey>> = {
  I: 'ECG_I',
  II: 'ECG_II',
  III: 'ECG_III',
  AVR: 'ECG_AVR',
  AVL: 'ECG_AVL',
  AVF: 'ECG_AVF',
  V: 'ECG_V',
  V1: 'ECG_V1',
  V2: 'ECG_V2',
  V3: 'ECG_V3',
  V4: 'ECG_V4',
  V5: 'ECG_V5',
  V6: 'ECG_V6',
  MLII: 'ECG_MLII',
  'ECG II': 'ECG_II',
  PLETH: 'PLETH',
  PPG: 'PLETH',
  RESP: 'RESP',
  ABP: 'ABP',
  ART: 'ABP',
  PAP: 'PAP',
  PA: 'PAP',
  CVP: 'CVP',
};

const NUMERIC_NAMES: Readonly<Record<string, NumericKey>> = {
  HR: 'HR',
  PULSE: 'PULSE',
  RESP: 'RR',
  SPO2: 'SPO2',
  NBPSYS: 'NIBP_SYS',
  NBPDIAS: 'NIBP_DIA',
  NBPMEAN: 'NIBP_MEAN',
  ABPSYS: 'ABP_SYS',
  ABPDIAS: 'ABP_DIA',
  ABPMEAN: 'ABP_MEAN',
  TEMP: 'TEMP',
};

/** The channel for a waveform signal name, or undefined. */
export function channelKeyForSignal(name: string): ChannelKey | undefined {
  return CHANNEL_NAMES[name.trim().toUpperCase()];
}

/** The numeric for a numerics-record signal name, or undefined. */
export function numericKeyForSignal(name: string): NumericKey | undefined {
  return NUMERIC_NAMES[name.trim().toUpperCase()];
}
