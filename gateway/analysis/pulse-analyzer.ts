/**
 * Pulse detection on an arterial pressure or pleth wave, after Zong et al.'s slope sum function ("An open-source
 * algorithm to detect onset of arterial blood pressure pulses", Computers in Cardiology 30, 2003): an 8 Hz
 * low-pass, the sum of the wave's rises over 128 ms, and an adaptive threshold at 60 % of the recent pulses' slope
 * sums; each pulse's onset is where the rise starts, its peak the wave's maximum in the 300 ms after.
 *
 * What it says about the last seconds is the evidence the bed's analysis weighs against an ECG call: a regular,
 * pulsatile wave at a plausible rate argues against asystole, VF and extreme bradycardia.
 */
import { BiquadFilter } from '../numerics/biquad-filter';
import { SampleRing } from '../numerics/sample-ring';
import { median } from './median';

/** One pulse. */
export interface DetectedPulse {
  /** Onset, seconds on the bed's timeline. */
  readonly timeS: number;
  /** Peak minus onset value, in the signal's unit. */
  readonly amplitude: number;
}

/** What the pulses of a window say. */
export interface PulseEvidence {
  readonly signal: 'ABP' | 'PLETH';
  readonly pulses: number;
  /** Mean rate over the window's pulses, /min (null under two pulses). */
  readonly rate: number | null;
  /** Coefficient of variation of the intervals (null under three pulses). */
  readonly intervalVariation: number | null;
  /** Median pulse amplitude in the window. */
  readonly amplitude: number;
  /** The signal was present and valid the whole window. */
  readonly valid: boolean;
  /** Regular pulses at a plausible rate and amplitude: a perfusing heartbeat. */
  readonly pulsatile: boolean;
}

const KEPT_PULSES = 48;
/** Smallest pulse pressure that is a pulse (mmHg), and the pleth's, relative to its own recent pulses. */
const MIN_ABP_PULSE_MMHG = 8;
const MIN_PLETH_RELATIVE = 0.25;

/** Streaming pulse detector of one channel. */
export class PulseAnalyzer {
  private readonly lowPass: BiquadFilter;
  private readonly filtered: SampleRing;
  private readonly rises: SampleRing;
  private readonly validity: SampleRing;
  private readonly window: number;
  private readonly refractory: number;
  private readonly peakReach: number;
  private n = -1;
  private slopeSum = 0;
  private threshold = 0;
  private learningSum = 0;
  private readonly recentPeaks: number[] = [];
  private lastOnset = -Infinity;
  /** A pulse whose slope sum is still rising: its onset sample and highest slope sum so far. */
  private rising: { onset: number; peakSum: number; until: number } | null = null;
  private readonly pulseList: DetectedPulse[] = [];
  private invalidRun = 0;
  private readonly evidenceCache = new Map<number, { at: number; value: PulseEvidence }>();

  constructor(
    readonly sampleRate: number,
    readonly signal: 'ABP' | 'PLETH',
    private readonly startS = 0,
  ) {
    this.lowPass = BiquadFilter.lowPass(sampleRate, 8);
    const ring = Math.ceil(sampleRate * 6);
    this.filtered = new SampleRing(ring);
    this.rises = new SampleRing(ring);
    this.validity = new SampleRing(ring);
    this.window = Math.max(2, Math.round(0.128 * sampleRate));
    this.refractory = Math.round(0.3 * sampleRate);
    this.peakReach = Math.round(0.3 * sampleRate);
  }

  /** Feeds the next sample. */
  push(value: number, valid: boolean): void {
    const ok = valid && Number.isFinite(value);
    const n = ++this.n;
    const previous = n > 0 ? this.filtered.get(n - 1) : 0;
    const y = ok ? this.lowPass.step(value) : previous;
    this.filtered.set(n, y);
    this.validity.set(n, ok ? 1 : 0);
    this.invalidRun = ok ? 0 : this.invalidRun + 1;
    const rise = n > 0 && ok ? Math.max(0, y - previous) : 0;
    this.rises.set(n, rise);
    this.slopeSum += rise - (n >= this.window ? this.rises.get(n - this.window) : 0);
    // Learning: the first 3 s set the threshold at 3 × the mean slope sum, as Zong's algorithm starts.
    if (n < 3 * this.sampleRate) {
      this.learningSum += this.slopeSum;
      if (n + 1 === Math.round(3 * this.sampleRate)) this.threshold = (3 * this.learningSum) / (n + 1);
      return;
    }
    this.detect(n);
  }

  private detect(n: number): void {
    if (this.rising !== null) {
      this.rising.peakSum = Math.max(this.rising.peakSum, this.slopeSum);
      if (n >= this.rising.until) {
        this.finishPulse(this.rising.onset, this.rising.peakSum);
        this.rising = null;
      }
      return;
    }
    if (this.threshold <= 0 || this.slopeSum <= this.threshold || n - this.lastOnset < this.refractory) {
      // A threshold learnt on a large pulse decays so that smaller pulses are found again after a few seconds.
      if (n - this.lastOnset > 2 * this.sampleRate) this.threshold *= 1 - 1 / (2 * this.sampleRate);
      return;
    }
    // The onset: back from the crossing to where the rise began.
    let onset = n;
    const oldest = Math.max(0, this.n - this.filtered.size + 2);
    while (onset > oldest && onset > n - this.window && this.rises.get(onset) > 0) onset -= 1;
    this.lastOnset = onset;
    this.rising = { onset, peakSum: this.slopeSum, until: n + this.peakReach };
  }

  private finishPulse(onset: number, peakSum: number): void {
    this.recentPeaks.push(peakSum);
    if (this.recentPeaks.length > 5) this.recentPeaks.shift();
    this.threshold = 0.6 * median(this.recentPeaks);
    let peak = -Infinity;
    for (let i = onset; i <= Math.min(this.n, onset + this.peakReach); i += 1)
      peak = Math.max(peak, this.filtered.get(i));
    this.pulseList.push({ timeS: this.startS + onset / this.sampleRate, amplitude: peak - this.filtered.get(onset) });
    if (this.pulseList.length > KEPT_PULSES) this.pulseList.shift();
  }

  /** Time of the last sample, bed timeline seconds. */
  nowS(): number {
    return this.startS + this.n / this.sampleRate;
  }

  /** Pulses at or after `timeS`. */
  pulsesSince(timeS: number): DetectedPulse[] {
    return this.pulseList.filter((pulse) => pulse.timeS >= timeS);
  }

  /** Whether every sample of the last `seconds` was valid. */
  validFor(seconds: number): boolean {
    return this.n + 1 >= seconds * this.sampleRate && this.invalidRun === 0 && this.invalidIn(seconds) === 0;
  }

  private invalidIn(seconds: number): number {
    const count = Math.min(this.n + 1, Math.round(seconds * this.sampleRate), this.validity.size);
    let invalid = 0;
    for (let i = this.n - count + 1; i <= this.n; i += 1) if (this.validity.get(i) === 0) invalid += 1;
    return invalid;
  }

  /** What the pulses of the last `seconds` say (judged afresh every 0.2 s of signal). */
  evidence(seconds: number): PulseEvidence {
    const cached = this.evidenceCache.get(seconds);
    if (cached !== undefined && this.n - cached.at < this.sampleRate * 0.2) return cached.value;
    const value = this.judge(seconds);
    this.evidenceCache.set(seconds, { at: this.n, value });
    return value;
  }

  private judge(seconds: number): PulseEvidence {
    const since = this.nowS() - seconds;
    const pulses = withoutDoubleDetections(this.pulsesSince(since));
    const intervals = pulses.slice(1).map((pulse, i) => pulse.timeS - (pulses[i] as DetectedPulse).timeS);
    const meanInterval =
      intervals.length === 0 ? null : intervals.reduce((sum, interval) => sum + interval, 0) / intervals.length;
    const rate = meanInterval === null ? null : 60 / meanInterval;
    const intervalVariation =
      intervals.length < 2 || meanInterval === null
        ? null
        : Math.sqrt(intervals.reduce((sum, interval) => sum + (interval - meanInterval) ** 2, 0) / intervals.length) /
          meanInterval;
    const amplitude = median(pulses.map((pulse) => pulse.amplitude));
    const reference = median(
      this.pulseList.slice(0, Math.max(0, this.pulseList.length - pulses.length)).map((pulse) => pulse.amplitude),
    );
    const strongEnough =
      this.signal === 'ABP'
        ? amplitude >= MIN_ABP_PULSE_MMHG
        : reference === 0 || amplitude >= MIN_PLETH_RELATIVE * reference;
    const valid = this.validFor(seconds);
    // Three pulses or more, 30–220/min, regular within 25 %, and each one a real rise.
    const pulsatile =
      valid &&
      rate !== null &&
      rate >= 30 &&
      rate <= 220 &&
      pulses.length >= 3 &&
      intervalVariation !== null &&
      intervalVariation < 0.25 &&
      strongEnough;
    return {
      signal: this.signal,
      pulses: pulses.length,
      rate: rate === null ? null : Math.round(rate),
      intervalVariation: intervalVariation === null ? null : Math.round(intervalVariation * 100) / 100,
      amplitude: Math.round(amplitude * 100) / 100,
      valid,
      pulsatile,
    };
  }
}

/** An interval shorter than this share of the window's median interval is a second detection, not a pulse. */
const DOUBLE_DETECTION_SHARE = 0.6;

/**
 * The window's pulses without second detections inside one beat (a dicrotic notch, a motion jolt on the pleth):
 * a pulse that follows the last kept one by less than {@link DOUBLE_DETECTION_SHARE} of the median interval is
 * dropped. Without it, one extra detection makes a regular pulse "irregular" and a perfusing heartbeat stops
 * contradicting a false asystole (2015 challenge a668s: pleth at 100/min, ECG leads without QRS).
 */
export function withoutDoubleDetections(pulses: readonly DetectedPulse[]): DetectedPulse[] {
  if (pulses.length < 4) return [...pulses];
  const intervals = pulses
    .slice(1)
    .map((pulse, i) => pulse.timeS - (pulses[i] as DetectedPulse).timeS)
    .sort((a, b) => a - b);
  const medianInterval = intervals[Math.floor(intervals.length / 2)] as number;
  const kept: DetectedPulse[] = [pulses[0] as DetectedPulse];
  for (const pulse of pulses.slice(1))
    if (pulse.timeS - (kept[kept.length - 1] as DetectedPulse).timeS >= DOUBLE_DETECTION_SHARE * medianInterval)
      kept.push(pulse);
  return kept;
}
