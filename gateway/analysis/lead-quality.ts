/**
 * Whether an ECG lead's last seconds can be trusted for beat detection: pure, from window statistics the lead's
 * analyzer keeps (ecg-lead-analyzer.ts) and the beats it found. A lead that is flat, clipped, missing or noise does
 * not count — neither for a heart rate nor as evidence of asystole or fibrillation (decision 0014 has the
 * thresholds and how they were chosen on the noise stress records of `eval/nstdb/`).
 */
import type { ClassifiedBeat } from './ecg-lead-analyzer';

/** What the analyzer measured over its window. */
export interface LeadWindowStatistics {
  readonly seconds: number;
  readonly sampleRate: number;
  /** Share of samples present and not flagged invalid. */
  readonly validShare: number;
  /** Of the raw signal, mV. */
  readonly standardDeviation: number;
  readonly peakToPeak: number;
  /** Share of samples at the window's extreme values (a clipped amplifier sits there). */
  readonly extremeShare: number;
  /** RMS of the 1–30 Hz band (the ECG's own). */
  readonly bandRms: number;
  /** RMS above 40 Hz (muscle noise, mains). */
  readonly highFrequencyRms: number;
}

/** The lead's state: only `good` counts for beats. */
export type LeadState = 'good' | 'noisy' | 'flat' | 'clipped' | 'no-signal';

/** The judgement and its measurements, for the alarm's details. */
export interface LeadQuality {
  readonly state: LeadState;
  /** Why, in words ("muscle noise 0.62"). */
  readonly reason: string;
  /** High-frequency share of the ECG band's RMS. */
  readonly highFrequencyRatio: number;
  /** Beats per second in the window. */
  readonly beatRate: number;
}

/** A flat lead: less movement than any real ECG (electrodes on skin always show some) — mV. */
export const FLAT_STANDARD_DEVIATION_MV = 0.005;
/** Clipped: this share of samples at the extremes, of a signal large enough to reach an amplifier's rail (mV). */
export const CLIPPED_SHARE = 0.25;
export const CLIPPED_MIN_RANGE_MV = 0.3;
/** Muscle noise: power above 40 Hz this large against the ECG band, and large enough to see (mV RMS). */
export const MUSCLE_NOISE_RATIO = 1;
export const MUSCLE_NOISE_MIN_RMS_MV = 0.02;
/** More beats a second than any heart beats (300/min): the detector counts noise. */
export const IMPLAUSIBLE_BEATS_PER_SECOND = 5;

/** Judges a lead. */
export function judgeLeadQuality(statistics: LeadWindowStatistics, beats: readonly ClassifiedBeat[]): LeadQuality {
  const highFrequencyRatio = statistics.bandRms === 0 ? 0 : statistics.highFrequencyRms / statistics.bandRms;
  const beatRate = statistics.seconds === 0 ? 0 : beats.length / statistics.seconds;
  const judged = (state: LeadState, reason: string): LeadQuality => ({
    state,
    reason,
    highFrequencyRatio: round(highFrequencyRatio),
    beatRate: round(beatRate),
  });
  if (statistics.validShare < 0.5) return judged('no-signal', 'no valid samples');
  if (statistics.standardDeviation < FLAT_STANDARD_DEVIATION_MV) return judged('flat', 'flat line');
  if (statistics.extremeShare > CLIPPED_SHARE && statistics.peakToPeak >= CLIPPED_MIN_RANGE_MV)
    return judged('clipped', `clipped ${Math.round(statistics.extremeShare * 100)} %`);
  // Muscle noise is broadband; above 40 Hz only at rates that have it.
  if (
    statistics.sampleRate >= 200 &&
    highFrequencyRatio > MUSCLE_NOISE_RATIO &&
    statistics.highFrequencyRms >= MUSCLE_NOISE_MIN_RMS_MV
  )
    return judged('noisy', `muscle noise ${round(highFrequencyRatio)}`);
  if (beatRate > IMPLAUSIBLE_BEATS_PER_SECOND) return judged('noisy', `${Math.round(beatRate * 60)} detections/min`);
  return judged('good', 'good');
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
