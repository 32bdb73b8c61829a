/**
 * A streaming QRS detector after Pan & Tompkins (IEEE Trans. Biomed. Eng. 32(3), 1985), for any sample rate:
 * 5–15 Hz band-pass, five-point derivative, squaring, 150 ms moving-window integration, then adaptive signal
 * and noise thresholds with search-back for missed beats and T-wave discrimination by slope.
 *
 * It takes samples one at a time (as they stream in) and reports each beat once, about 0.5 s after it happened
 * at the R peak of the original signal. Memory is a fixed set of ring buffers: nothing grows with run time.
 */
import { BiquadFilter } from './biquad-filter';
import { SampleRing } from './sample-ring';

/** Called once per detected beat with its sample index (the R peak). */
export type BeatListener = (sampleIndex: number) => void;

/** An accepted candidate: its integrated peak, that peak's height, and the steepest QRS slope before it. */
interface PendingBeat {
  readonly index: number;
  readonly value: number;
  readonly slope: number;
}

/** A candidate this much less steep than the beat before it, inside its T-wave window, is its T wave. */
const T_WAVE_SLOPE_RATIO = 0.5;

/** Pan–Tompkins detector state for one ECG channel. */
export class QrsDetector {
  private readonly fs: number;
  private readonly highPass: BiquadFilter;
  private readonly lowPass: BiquadFilter;
  private readonly raw: SampleRing;
  private readonly band: SampleRing;
  private readonly slope: SampleRing;
  private readonly integrated: SampleRing;
  private readonly squared: SampleRing;
  private readonly windowLength: number;
  private readonly confirmDelay: number;
  private readonly refractory: number;
  private readonly tWaveWindow: number;
  private readonly learningLength: number;
  private integrationSum = 0;
  private n = -1;

  // Peak search on the integrated signal.
  private candidateValue = 0;
  private candidateIndex = -1;
  private previousIntegrated = 0;

  // Adaptive thresholds (the paper's SPKI / NPKI).
  private signalPeak = 0;
  private noisePeak = 0;
  private learningMax = 0;
  private learningSum = 0;
  private learned = false;
  private readonly learningPeaks: { index: number; value: number }[] = [];

  // Beats.
  private lastBeatPeakIndex = -1;
  /** Steepest slope of the last committed beat. */
  private lastBeatSlope = 0;
  /** The last accepted beat, held until its T-wave window has passed. */
  private pending: PendingBeat | null = null;
  private readonly rrHistory: number[] = [];
  private searchBackValue = 0;
  private searchBackIndex = -1;
  private lastBeatIndex = -1;

  constructor(
    sampleRate: number,
    private readonly onBeat: BeatListener,
  ) {
    this.fs = sampleRate;
    this.highPass = BiquadFilter.highPass(sampleRate, 5);
    this.lowPass = BiquadFilter.lowPass(sampleRate, 15);
    const ringSize = Math.ceil(sampleRate * 4);
    this.raw = new SampleRing(ringSize);
    this.band = new SampleRing(ringSize);
    this.slope = new SampleRing(ringSize);
    this.integrated = new SampleRing(ringSize);
    this.squared = new SampleRing(ringSize);
    this.windowLength = Math.max(1, Math.round(0.15 * sampleRate));
    this.confirmDelay = Math.round(0.12 * sampleRate);
    this.refractory = Math.round(0.2 * sampleRate);
    this.tWaveWindow = Math.round(0.36 * sampleRate);
    this.learningLength = Math.round(2 * sampleRate);
  }

  /** The mean RR interval of the last eight beats, in samples, or null before two beats. */
  meanRrSamples(): number | null {
    if (this.rrHistory.length === 0) return null;
    return this.rrHistory.reduce((sum, rr) => sum + rr, 0) / this.rrHistory.length;
  }

  /**
   * Coefficient of variation of the last RR intervals (standard deviation / mean), a signal-quality index: a lead
   * that misses beats or counts T waves has irregular intervals. Null before four intervals.
   */
  rrVariation(): number | null {
    if (this.rrHistory.length < 4) return null;
    const mean = this.rrHistory.reduce((sum, rr) => sum + rr, 0) / this.rrHistory.length;
    const variance = this.rrHistory.reduce((sum, rr) => sum + (rr - mean) ** 2, 0) / this.rrHistory.length;
    return Math.sqrt(variance) / mean;
  }

  /** Index of the last committed beat's integrated peak, or -1. */
  lastBeatSampleIndex(): number {
    return this.lastBeatPeakIndex;
  }

  /** Index of the last sample pushed. */
  lastSampleIndex(): number {
    return this.n;
  }

  /** Feeds one sample (NaN, a missing sample, is treated as baseline). */
  push(value: number): void {
    const x = Number.isFinite(value) ? value : 0;
    const n = ++this.n;
    this.raw.set(n, x);
    const bandValue = this.lowPass.step(this.highPass.step(x));
    this.band.set(n, bandValue);
    // Five-point derivative (Pan–Tompkins): (2x[n] + x[n-1] - x[n-3] - 2x[n-4]) / 8.
    const derivative =
      n >= 4 ? (2 * bandValue + this.band.get(n - 1) - this.band.get(n - 3) - 2 * this.band.get(n - 4)) / 8 : 0;
    this.slope.set(n, Math.abs(derivative));
    const squared = derivative * derivative;
    this.integrationSum += squared - (n >= this.windowLength ? this.squared.get(n - this.windowLength) : 0);
    this.squared.set(n, squared);
    const integrated = this.integrationSum / this.windowLength;
    this.integrated.set(n, integrated);

    if (!this.learned) {
      this.learningMax = Math.max(this.learningMax, integrated);
      this.learningSum += integrated;
    }
    this.trackPeak(n, integrated);
    if (!this.learned && n + 1 >= this.learningLength) this.finishLearning();
    if (this.learned) {
      this.commitDue(n);
      this.searchBack(n);
    }
  }

  /** Finds local maxima of the integrated signal; confirms one when nothing higher followed for 120 ms. */
  private trackPeak(n: number, value: number): void {
    if (value > this.previousIntegrated && value > this.candidateValue) {
      this.candidateValue = value;
      this.candidateIndex = n;
    }
    this.previousIntegrated = value;
    if (this.candidateIndex >= 0 && n - this.candidateIndex >= this.confirmDelay) {
      const peak = { index: this.candidateIndex, value: this.candidateValue };
      this.candidateValue = 0;
      this.candidateIndex = -1;
      if (this.learned) this.classify(peak.index, peak.value);
      else this.learningPeaks.push(peak);
    }
  }

  private finishLearning(): void {
    this.learned = true;
    this.signalPeak = this.learningMax / 3;
    this.noisePeak = this.learningSum / (this.n + 1) / 2;
    for (const peak of this.learningPeaks.splice(0)) this.classify(peak.index, peak.value);
  }

  private threshold(): number {
    return this.noisePeak + 0.25 * (this.signalPeak - this.noisePeak);
  }

  private classify(index: number, value: number): void {
    const latest = this.pending?.index ?? this.lastBeatPeakIndex;
    if (latest >= 0 && index - latest < this.refractory) return;
    if (value <= this.threshold()) {
      this.noisePeak = 0.125 * value + 0.875 * this.noisePeak;
      // A T wave must not come back as a "missed beat": inside the last beat's T-wave window only a peak at
      // least half as steep as that beat may be searched back.
      const inTWindow = latest >= 0 && index - latest < this.tWaveWindow;
      if (inTWindow && this.maxSlopeBefore(index) < 0.5 * this.lastBeatSlope) return;
      if (value > this.searchBackValue) {
        this.searchBackValue = value;
        this.searchBackIndex = index;
      }
      return;
    }
    this.signalPeak = 0.125 * value + 0.875 * this.signalPeak;
    this.propose({ index, value, slope: this.maxSlopeBefore(index) });
  }

  /**
   * T-wave discrimination. A beat is held until its T-wave window (360 ms) has passed; a candidate inside that
   * window is a T wave when its steepest slope is lower, and otherwise shows that the held one was the T wave
   * (or noise), which it then replaces. Comparing the two candidates directly, rather than against a running
   * reference, keeps one misclassified T wave from lowering the bar for all that follow.
   */
  private propose(candidate: PendingBeat): void {
    const pending = this.pending;
    if (pending !== null && candidate.index - pending.index < this.tWaveWindow) {
      if (candidate.slope < T_WAVE_SLOPE_RATIO * pending.slope) {
        this.noisePeak = 0.125 * candidate.value + 0.875 * this.noisePeak;
        return;
      }
      if (pending.slope < T_WAVE_SLOPE_RATIO * candidate.slope) {
        this.noisePeak = 0.125 * pending.value + 0.875 * this.noisePeak;
        this.pending = candidate;
        return;
      }
      // As steep as each other: two beats of a fast rhythm (at 180/min beats are 333 ms apart), not a T wave.
    }
    if (pending !== null) this.commit(pending);
    this.pending = candidate;
    this.searchBackValue = 0;
    this.searchBackIndex = -1;
  }

  /**
   * Commits the held beat once no candidate inside its T-wave window can still arrive: a peak is confirmed
   * only `confirmDelay` after it happened.
   */
  private commitDue(n: number): void {
    if (this.pending !== null && n - this.pending.index >= this.tWaveWindow + this.confirmDelay) {
      this.commit(this.pending);
      this.pending = null;
    }
  }

  /** A beat missed for 166 % of the mean RR: take the largest noise peak above half the threshold. */
  private searchBack(n: number): void {
    const meanRr = this.meanRrSamples();
    if (meanRr === null || this.pending !== null || this.lastBeatPeakIndex < 0 || this.searchBackIndex < 0) return;
    if (n - this.lastBeatPeakIndex <= 1.66 * meanRr) return;
    if (
      this.searchBackValue > 0.5 * this.threshold() &&
      this.searchBackIndex - this.lastBeatPeakIndex >= this.refractory
    ) {
      this.signalPeak = 0.25 * this.searchBackValue + 0.75 * this.signalPeak;
      this.pending = {
        index: this.searchBackIndex,
        value: this.searchBackValue,
        slope: this.maxSlopeBefore(this.searchBackIndex),
      };
    }
    this.searchBackValue = 0;
    this.searchBackIndex = -1;
  }

  private commit(beat: PendingBeat): void {
    if (this.lastBeatPeakIndex >= 0) {
      this.rrHistory.push(beat.index - this.lastBeatPeakIndex);
      if (this.rrHistory.length > 8) this.rrHistory.shift();
    }
    this.lastBeatPeakIndex = beat.index;
    this.lastBeatSlope = beat.slope;
    const r = this.locateR(beat.index);
    // Two integrated peaks can point at the same R peak after a search-back; report each beat once.
    if (r - this.lastBeatIndex > this.refractory / 2) {
      this.lastBeatIndex = r;
      this.onBeat(r);
    }
  }

  /** Steepest band-passed slope in the QRS before an integrated peak. */
  private maxSlopeBefore(index: number): number {
    let max = 0;
    const from = Math.max(0, index - this.windowLength, this.n - this.raw.size + 1);
    for (let i = from; i <= index; i += 1) max = Math.max(max, this.slope.get(i));
    return max;
  }

  /**
   * The R peak: the largest deflection of the band-passed signal in the integration window before the peak,
   * refined on the original signal (which has no filter delay) within ±50 ms.
   */
  private locateR(peakIndex: number): number {
    const oldest = this.n - this.raw.size + 1;
    const from = Math.max(0, oldest, peakIndex - this.windowLength - Math.round(0.05 * this.fs));
    let bandPeak = peakIndex;
    let bandMax = -1;
    for (let i = from; i <= peakIndex; i += 1) {
      const magnitude = Math.abs(this.band.get(i));
      if (magnitude > bandMax) {
        bandMax = magnitude;
        bandPeak = i;
      }
    }
    const reach = Math.round(0.05 * this.fs);
    const start = Math.max(oldest, 0, bandPeak - reach);
    const end = Math.min(this.n, bandPeak + reach);
    let baseline = 0;
    for (let i = start; i <= end; i += 1) baseline += this.raw.get(i);
    baseline /= end - start + 1;
    let best = bandPeak;
    let bestMagnitude = -1;
    for (let i = start; i <= end; i += 1) {
      const magnitude = Math.abs(this.raw.get(i) - baseline);
      if (magnitude > bestMagnitude) {
        bestMagnitude = magnitude;
        best = i;
      }
    }
    return best;
  }
}
