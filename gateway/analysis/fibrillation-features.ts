/**
 * Features that tell ventricular fibrillation or flutter from an organized rhythm in a few seconds of ECG (the
 * lead's 1–30 Hz band): pure, so each is unit-tested.
 *
 * - Threshold crossing sample count (TCSC, Arafat, Chowdhury & Hasan, Med. Biol. Eng. Comput. 2011): in each
 *   second, the share of samples above a fifth of that second's largest magnitude. Narrow QRS complexes leave the
 *   baseline quiet between beats (a low share); fibrillation never rests (a high share).
 * - Dominant frequency from zero crossings with hysteresis: VF and flutter oscillate at 3.5–9 Hz (VT up to 210/min
 *   is slower).
 * - Amplitude, second by second: fine VF under 0.15 mV cannot be told from baseline noise, as at a bedside monitor.
 */

/** The features of one window. */
export interface FibrillationFeatures {
  /** Mean share of samples above 0.2 × each second's maximum magnitude (0–1). */
  readonly tcsc: number;
  /** The smallest of those per-second shares: fibrillation in every second, not on average. */
  readonly minSecondTcsc: number;
  /** Whole seconds the window spans. */
  readonly seconds: number;
  /** Oscillation frequency from zero crossings, Hz. */
  readonly frequencyHz: number;
  /** The smallest of each second's peak-to-peak of the band, mV: fibrillation never rests, a heart that stops does. */
  readonly peakToPeak: number;
  /** Coefficient of variation of the half-wave lengths: an organized oscillation (flutter) is regular. */
  readonly halfWaveVariation: number;
}

/** Computes the features of `count` band-passed samples read through `valueAt`. */
export function fibrillationFeatures(
  count: number,
  valueAt: (index: number) => number,
  sampleRate: number,
): FibrillationFeatures {
  if (count < sampleRate)
    return { tcsc: 0, minSecondTcsc: 0, seconds: 0, frequencyHz: 0, peakToPeak: 0, halfWaveVariation: 1 };
  const second = Math.round(sampleRate);
  let shareSum = 0;
  let minShare = 1;
  let blocks = 0;
  let sumSquares = 0;
  const blockRanges: number[] = [];
  for (let start = 0; start + second <= count; start += second) {
    let peak = 0;
    let low = Infinity;
    let high = -Infinity;
    for (let i = start; i < start + second; i += 1) {
      const x = valueAt(i);
      peak = Math.max(peak, Math.abs(x));
      if (x < low) low = x;
      if (x > high) high = x;
    }
    blockRanges.push(high - low);
    let above = 0;
    for (let i = start; i < start + second; i += 1) if (Math.abs(valueAt(i)) > 0.2 * peak) above += 1;
    const share = peak === 0 ? 0 : above / second;
    shareSum += share;
    minShare = Math.min(minShare, share);
    blocks += 1;
  }
  for (let i = 0; i < count; i += 1) {
    const x = valueAt(i);
    sumSquares += x * x;
  }
  blockRanges.sort((a, b) => a - b);
  const hysteresis = 0.3 * Math.sqrt(sumSquares / count);
  let sign = 0;
  let lastCrossing = -1;
  const halfWaves: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const x = valueAt(i);
    const now = x > hysteresis ? 1 : x < -hysteresis ? -1 : 0;
    if (now === 0 || now === sign) continue;
    if (sign !== 0) {
      if (lastCrossing >= 0) halfWaves.push(i - lastCrossing);
      lastCrossing = i;
    }
    sign = now;
  }
  const meanHalf = halfWaves.length === 0 ? 0 : halfWaves.reduce((sum, length) => sum + length, 0) / halfWaves.length;
  const variance =
    halfWaves.length === 0
      ? 0
      : halfWaves.reduce((sum, length) => sum + (length - meanHalf) ** 2, 0) / halfWaves.length;
  return {
    tcsc: blocks === 0 ? 0 : shareSum / blocks,
    minSecondTcsc: blocks === 0 ? 0 : minShare,
    seconds: blocks,
    frequencyHz: meanHalf === 0 ? 0 : sampleRate / (2 * meanHalf),
    peakToPeak: blockRanges[0] ?? 0,
    halfWaveVariation: meanHalf === 0 ? 1 : Math.sqrt(variance) / meanHalf,
  };
}

/** Thresholds of a fibrillatory window (decision 0014). */
export const FIBRILLATION_THRESHOLDS = { minTcsc: 0.5, minHz: 3.5, maxHz: 9, minPeakToPeakMv: 0.15 } as const;

/**
 * Whether a full window of `definitionSeconds` is fibrillatory in every one of its seconds: the 2015 definition
 * ("a fibrillatory waveform for 4 s") met by the window itself, so no further confirmation need wait.
 */
export function fibrillatoryEverySecond(features: FibrillationFeatures, definitionSeconds: number): boolean {
  return (
    looksFibrillatory(features) &&
    features.seconds >= definitionSeconds &&
    features.minSecondTcsc >= FIBRILLATION_THRESHOLDS.minTcsc
  );
}

/** Whether a window looks like fibrillation or flutter (on average over its seconds). */
export function looksFibrillatory(features: FibrillationFeatures): boolean {
  const t = FIBRILLATION_THRESHOLDS;
  return (
    features.tcsc >= t.minTcsc &&
    features.frequencyHz >= t.minHz &&
    features.frequencyHz <= t.maxHz &&
    features.peakToPeak >= t.minPeakToPeakMv
  );
}
