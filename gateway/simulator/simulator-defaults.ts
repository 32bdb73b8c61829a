/**
 * Everything a simulated monitor is set to, in one place: its channels (rate, the unit from the channel catalog,
 * the int16 quantization), the salts from which each generator's own random stream is seeded, and the constants
 * of the waves and devices it simulates.
 */
import { channelByKey, type ChannelKey } from '../../common/wire/channel-catalog';
import type { SourceChannel } from '../sources/bed-source';

/** ECG sample rate, Hz. */
export const ECG_RATE = 250;

function channel(key: ChannelKey, sampleRate: number, scale: number): SourceChannel {
  return { key, sampleRate, unit: channelByKey(key).unit, scale, offset: 0 };
}

/** The channels a simulated monitor sends: ECG II and V (1 µV resolution), pleth, impedance respiration, ABP. */
export const SIMULATED_CHANNELS: readonly SourceChannel[] = [
  channel('ECG_II', ECG_RATE, 0.001),
  channel('ECG_V', ECG_RATE, 0.001),
  channel('PLETH', 125, 0.0001),
  channel('RESP', 62.5, 0.0001),
  channel('ABP', 125, 0.01),
];

/** A simulated channel's description. @throws Error for a channel the simulator does not send (a bug). */
export function simulatedChannel(key: ChannelKey): SourceChannel {
  const found = SIMULATED_CHANNELS.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`the simulator sends no ${key}`);
  return found;
}

/**
 * Each generator draws from its own stream, seeded from the bed's seed with its salt: how often one of them is
 * asked (numerics read more or less often, a scenario with more artifact) never changes what another one draws.
 */
export const RANDOM_STREAM_SALTS = {
  /** The demo patient (name, age, baseline vital signs): the bed's seed itself, so a seed keeps its patient. */
  patient: 0,
  heart: 0x4ea7,
  motion: 0x7071,
  /** Where in the nstdb noise clip a bed's artifact starts. */
  noiseOffset: 0xa11,
  cuff: 0x5eed,
} as const;

/** The random stream seed of one generator. */
export function streamSeed(seed: number, stream: keyof typeof RANDOM_STREAM_SALTS): number {
  return seed ^ RANDOM_STREAM_SALTS[stream];
}

/** Atrial fibrillation: RR varies at random by this share (irregularly irregular). */
export const AFIB_IRREGULARITY = 0.3;
/** A premature beat comes at this share of the RR; a second one follows it this often (a pair). */
export const PREMATURE_SHARE = 0.62;
export const COUPLET_SHARE = 0.25;
/** RMS of the motion artifact at full strength, mV (12 dB below a 1.1 mV R wave is about 0.35 mV). */
export const MOTION_NOISE_MV = 0.35;
/** Integration sub-steps per ECG sample (the QRS is only a few samples wide at 250 Hz). */
export const ECG_SUBSTEPS = 4;
/** A non-invasive cuff measurement this often. */
export const NIBP_INTERVAL_MS = 5 * 60_000;
/** Pressure the arteries fall to without beats (mean systemic filling pressure). */
export const FILLING_PRESSURE = 16;
/** Seconds of beats the pulse waves look back at. */
export const BEAT_MEMORY_SECONDS = 4;
/** The oximeter calls NO PULSE after this long without a beat. */
export const PULSE_LOST_SECONDS = 3;
