/**
 * One ECG lead's analysis, sample by sample: the Pan–Tompkins QRS detector, each beat's width and its likeness to
 * the lead's own template of normal beats (which classes it normal or ventricular), and the lead's signal quality
 * and fibrillation features over the last seconds. The bed's analysis (bed-rhythm-analysis.ts) weighs the leads.
 *
 * Fixed memory: rings of the last seconds, the last beats; nothing grows with run time.
 */
import { BiquadFilter } from '../numerics/biquad-filter';
import { QrsDetector } from '../numerics/qrs-detector';
import { SampleRing } from '../numerics/sample-ring';
import { fibrillationFeatures, type FibrillationFeatures } from './fibrillation-features';
import { judgeLeadQuality, type LeadQuality, type LeadWindowStatistics } from './lead-quality';

/** A detected beat as the rhythm rules see it. */
export interface ClassifiedBeat {
  /** R peak, seconds on the bed's timeline. */
  readonly timeS: number;
  /** QRS width, ms (span of steep slope around the R peak). */
  readonly widthMs: number;
  /** Pearson correlation with the lead's template of normal beats (1 before there is a template). */
  readonly correlation: number;
  readonly ventricular: boolean;
  /** Correlation with the beat before it (1 for the first): a monomorphic run repeats itself, fibrillation does not. */
  readonly likePrevious: number;
}

/** Seconds of signal the quality and fibrillation windows look at. */
export const ANALYSIS_WINDOW_SECONDS = 4;
/** How often the window judgements (quality, fibrillation) are made afresh. */
export const REJUDGE_SECONDS = 0.2;
/** Beats kept per lead: enough for 17-beat tachycardia and a 32-beat irregularity window. */
const KEPT_BEATS = 48;
/** Template window around the R peak (s). */
const TEMPLATE_BEFORE_S = 0.1;
const TEMPLATE_AFTER_S = 0.16;
/** Width search window either side of the R peak (s). */
const WIDTH_REACH_S = 0.15;
/** A QRS at least this wide is ventricular before any template exists (ms). */
const WIDE_QRS_MS = 130;
/** The smallest QRS that is a beat (mV, peak to peak in the 1–30 Hz band). */
export const MIN_QRS_MV = 0.1;
/** Correlation with the template below which a beat is unlike it, and above which it is like it. */
const UNLIKE_TEMPLATE = 0.75;
const LIKE_TEMPLATE = 0.85;
/**
 * Correlation below which a beat is ventricular whatever its measured width: a complex this unlike the bed's own
 * beat (often inverted) has another origin, and the width measure is the weaker feature (it takes in a steep P or
 * T wave, so that a narrow-looking ventricular beat or a wide-looking sinus beat are both common).
 */
const STRONGLY_UNLIKE_TEMPLATE = 0.5;
/** A ventricular beat is at least this wide, and this much wider than the template (ms). */
const VENTRICULAR_MIN_WIDTH_MS = 100;
const WIDER_THAN_TEMPLATE_MS = 20;
const MUCH_WIDER_THAN_TEMPLATE_MS = 35;
/** Consecutive alike beats unlike the template after which they become it. */
const RELEARN_BEATS = 12;

/** Streaming analysis of one lead. */
export class EcgLeadAnalyzer {
  private detector: QrsDetector;
  /** Sample index at which the detector (re)started: its indices count from here. */
  private detectorStart = 0;
  private readonly raw: SampleRing;
  private readonly band: SampleRing;
  private readonly highBand: SampleRing;
  private readonly validity: SampleRing;
  private readonly bandHigh: BiquadFilter;
  private readonly bandLow: BiquadFilter;
  private readonly noiseHigh: BiquadFilter;
  private readonly noiseHigh2: BiquadFilter;
  private readonly windowLength: number;
  private n = -1;
  private readonly beatList: ClassifiedBeat[] = [];
  private template: Float64Array | null = null;
  private templateWidthMs = 0;
  private readonly templateOffset: number;
  private readonly templateLength: number;
  private unlikeRun = 0;
  private previousSegment: Float64Array | null = null;
  private readonly rejudgeSamples: number;
  private qualityCache: { at: number; value: LeadQuality } | null = null;
  private fibrillationCache: { at: number; value: FibrillationFeatures } | null = null;
  private lastUnlike: Float64Array | null = null;

  constructor(
    readonly sampleRate: number,
    /** Seconds on the bed's timeline of this lead's sample 0. */
    private readonly startS = 0,
  ) {
    this.detector = new QrsDetector(sampleRate, (index) => this.onBeat(index));
    this.detectorStart = 0;
    const ring = Math.ceil(sampleRate * (ANALYSIS_WINDOW_SECONDS + 1));
    this.raw = new SampleRing(ring);
    this.band = new SampleRing(ring);
    this.highBand = new SampleRing(ring);
    this.validity = new SampleRing(ring);
    this.bandHigh = BiquadFilter.highPass(sampleRate, 1);
    this.bandLow = BiquadFilter.lowPass(sampleRate, 30);
    this.noiseHigh = BiquadFilter.highPass(sampleRate, 40);
    this.noiseHigh2 = BiquadFilter.highPass(sampleRate, 40);
    this.windowLength = Math.round(ANALYSIS_WINDOW_SECONDS * sampleRate);
    this.rejudgeSamples = Math.max(1, Math.round(REJUDGE_SECONDS * sampleRate));
    this.templateOffset = Math.round(TEMPLATE_BEFORE_S * sampleRate);
    this.templateLength = this.templateOffset + Math.round(TEMPLATE_AFTER_S * sampleRate) + 1;
  }

  /** Feeds the next sample; `valid` false when the device flags the lead invalid or the sample is missing. */
  push(value: number, valid: boolean): void {
    const ok = valid && Number.isFinite(value);
    const x = ok ? value : 0;
    const n = ++this.n;
    this.raw.set(n, x);
    this.validity.set(n, ok ? 1 : 0);
    this.band.set(n, this.bandLow.step(this.bandHigh.step(x)));
    this.highBand.set(n, this.noiseHigh2.step(this.noiseHigh.step(x)));
    this.detector.push(x);
  }

  /** Time of the last sample, bed timeline seconds (start − 1/fs before any). */
  nowS(): number {
    return this.startS + this.n / this.sampleRate;
  }

  /** Seconds of signal since the detector (re)started learning. */
  seenSeconds(): number {
    return (this.n + 1 - this.detectorStart) / this.sampleRate;
  }

  /**
   * Starts beat detection afresh (as a monitor relearns): after fibrillation the detector's thresholds are set to
   * the fibrillation waves and would miss the returning beats for seconds. The template of normal beats stays.
   */
  relearn(): void {
    const start = this.n + 1;
    this.detectorStart = start;
    this.detector = new QrsDetector(this.sampleRate, (index) => this.onBeat(start + index));
    this.beatList.length = 0;
    this.qualityCache = null;
  }

  /** The last beats, oldest first. */
  beats(): readonly ClassifiedBeat[] {
    return this.beatList;
  }

  /** The template's QRS width (ms), 0 before there is one. */
  normalWidthMs(): number {
    return this.templateWidthMs;
  }

  /**
   * Signal quality over the last {@link ANALYSIS_WINDOW_SECONDS}; judged afresh every {@link REJUDGE_SECONDS} (the
   * engine asks on every 40 ms tick; a window of seconds does not change in 40 ms).
   */
  quality(): LeadQuality {
    if (this.qualityCache === null || this.n - this.qualityCache.at >= this.rejudgeSamples) {
      this.qualityCache = {
        at: this.n,
        value: judgeLeadQuality(this.windowStatistics(), this.beatsSince(this.nowS() - ANALYSIS_WINDOW_SECONDS)),
      };
    }
    return this.qualityCache.value;
  }

  /** Fibrillation features of the last {@link ANALYSIS_WINDOW_SECONDS} of the band-passed lead (as often as quality). */
  fibrillation(): FibrillationFeatures {
    if (this.fibrillationCache === null || this.n - this.fibrillationCache.at >= this.rejudgeSamples) {
      const count = Math.min(this.windowLength, this.n + 1);
      const from = this.n - count + 1;
      this.fibrillationCache = {
        at: this.n,
        value: fibrillationFeatures(count, (i) => this.band.get(from + i), this.sampleRate),
      };
    }
    return this.fibrillationCache.value;
  }

  /** Beats at or after `timeS`. */
  beatsSince(timeS: number): ClassifiedBeat[] {
    return this.beatList.filter((beat) => beat.timeS >= timeS);
  }

  private windowStatistics(): LeadWindowStatistics {
    const count = Math.min(this.windowLength, this.n + 1);
    const from = this.n - count + 1;
    let invalid = 0;
    let min = Infinity;
    let max = -Infinity;
    let bandEnergy = 0;
    let highEnergy = 0;
    let sum = 0;
    let sumSquares = 0;
    for (let i = from; i <= this.n; i += 1) {
      if (this.validity.get(i) === 0) {
        invalid += 1;
        continue;
      }
      const x = this.raw.get(i);
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
      sumSquares += x * x;
      const b = this.band.get(i);
      bandEnergy += b * b;
      const h = this.highBand.get(i);
      highEnergy += h * h;
    }
    const valid = count - invalid;
    let atExtremes = 0;
    if (valid > 0 && max > min) {
      const margin = (max - min) * 0.005;
      for (let i = from; i <= this.n; i += 1) {
        if (this.validity.get(i) === 0) continue;
        const x = this.raw.get(i);
        if (x >= max - margin || x <= min + margin) atExtremes += 1;
      }
    }
    const mean = valid > 0 ? sum / valid : 0;
    return {
      seconds: count / this.sampleRate,
      sampleRate: this.sampleRate,
      validShare: count === 0 ? 0 : valid / count,
      standardDeviation: valid > 0 ? Math.sqrt(Math.max(0, sumSquares / valid - mean * mean)) : 0,
      peakToPeak: valid > 0 ? max - min : 0,
      extremeShare: valid > 0 ? atExtremes / valid : 0,
      bandRms: valid > 0 ? Math.sqrt(bandEnergy / valid) : 0,
      highFrequencyRms: valid > 0 ? Math.sqrt(highEnergy / valid) : 0,
    };
  }

  private onBeat(index: number): void {
    // An adaptive detector finds "beats" in any baseline once its thresholds have fallen to the noise: a QRS is
    // at least MIN_QRS_MV tall, as a monitor's minimum QRS amplitude (asystole's baseline never counts as beats).
    if (this.amplitudeAround(index) < MIN_QRS_MV) return;
    const { widthMs, segment } = this.measure(index);
    const correlation = this.template === null || segment === null ? 1 : pearson(this.template, segment);
    const likePrevious = this.previousSegment === null || segment === null ? 1 : pearson(this.previousSegment, segment);
    if (segment !== null) this.previousSegment = segment;
    const beat = {
      timeS: this.startS + index / this.sampleRate,
      widthMs,
      correlation,
      ventricular: this.classify(widthMs, correlation),
      likePrevious,
    };
    this.learn(segment, beat);
    this.beatList.push(beat);
    if (this.beatList.length > KEPT_BEATS) this.beatList.shift();
  }

  /**
   * Normal or ventricular, against this lead's dominant beat (its template): a ventricular beat is clearly unlike
   * it, or unlike it and wider (a ventricular ectopic's QRS is broad and its vector unlike the sinus beat's). A
   * patient whose own beats are wide (bundle branch block, paced) has a wide template, so their beats stay normal.
   */
  private classify(widthMs: number, correlation: number): boolean {
    if (this.template === null) return widthMs >= WIDE_QRS_MS;
    if (correlation < STRONGLY_UNLIKE_TEMPLATE) return true;
    if (widthMs < VENTRICULAR_MIN_WIDTH_MS) return false;
    const wider = widthMs - this.templateWidthMs;
    // A broad complex of the same polarity still correlates: for a beat only somewhat unlike the template, width
    // decides, and a shape unlike it lowers how much wider it must be.
    return wider >= MUCH_WIDER_THAN_TEMPLATE_MS || (correlation < UNLIKE_TEMPLATE && wider >= WIDER_THAN_TEMPLATE_MS);
  }

  /**
   * Keeps the template current: a running average of the beats like it. The first beat starts it; when the last
   * beats are all unlike the template but like each other at a rate no faster than 100/min, they are the patient's
   * rhythm now (the first beat was an ectopic, or the conduction changed) and the newest becomes the template —
   * a fast run of unlike beats is not adopted: that is what ventricular tachycardia looks like.
   */
  private learn(segment: Float64Array | null, beat: ClassifiedBeat): void {
    if (segment === null) return;
    if (this.template === null) {
      this.template = segment;
      this.templateWidthMs = beat.widthMs;
      this.unlikeRun = 0;
      return;
    }
    if (beat.correlation >= LIKE_TEMPLATE && !beat.ventricular) {
      for (let i = 0; i < segment.length; i += 1)
        this.template[i] = 0.9 * (this.template[i] as number) + 0.1 * (segment[i] as number);
      this.templateWidthMs = 0.9 * this.templateWidthMs + 0.1 * beat.widthMs;
      this.unlikeRun = 0;
      this.lastUnlike = null;
      return;
    }
    const alike = this.lastUnlike !== null && pearson(this.lastUnlike, segment) >= LIKE_TEMPLATE;
    this.unlikeRun = alike || this.lastUnlike === null ? this.unlikeRun + 1 : 1;
    this.lastUnlike = segment;
    if (this.unlikeRun < RELEARN_BEATS) return;
    const run = this.beatList.slice(-(RELEARN_BEATS - 1));
    const first = run[0];
    const rate = first === undefined ? Infinity : (60 * run.length) / Math.max(1e-6, beat.timeS - first.timeS);
    if (rate > 100) return;
    this.template = segment;
    this.templateWidthMs = beat.widthMs;
    this.unlikeRun = 0;
    this.lastUnlike = null;
  }

  /** Peak-to-peak of the band-passed lead within ±60 ms of the R peak. */
  private amplitudeAround(index: number): number {
    const reach = Math.round(0.06 * this.sampleRate);
    const oldest = this.n - this.raw.size + 1;
    let min = Infinity;
    let max = -Infinity;
    for (let i = Math.max(oldest, index - reach); i <= Math.min(this.n, index + reach); i += 1) {
      const x = this.band.get(i);
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return max - min;
  }

  /** The QRS width around R peak `index` and the band-passed segment for the template (null when out of the ring). */
  private measure(index: number): { widthMs: number; segment: Float64Array | null } {
    const reach = Math.round(WIDTH_REACH_S * this.sampleRate);
    const oldest = this.n - this.raw.size + 2;
    const from = Math.max(oldest, index - reach);
    const to = Math.min(this.n, index + reach);
    let maxSlope = 0;
    for (let i = from + 1; i <= to; i += 1)
      maxSlope = Math.max(maxSlope, Math.abs(this.band.get(i) - this.band.get(i - 1)));
    let first = index;
    let last = index;
    const threshold = 0.2 * maxSlope;
    for (let i = from + 1; i <= to; i += 1) {
      if (Math.abs(this.band.get(i) - this.band.get(i - 1)) < threshold) continue;
      if (i < first) first = i;
      if (i > last) last = i;
    }
    const widthMs = maxSlope === 0 ? 0 : ((last - first + 1) * 1000) / this.sampleRate;
    const start = index - this.templateOffset;
    if (start < oldest || start + this.templateLength - 1 > this.n) return { widthMs, segment: null };
    const segment = new Float64Array(this.templateLength);
    for (let i = 0; i < this.templateLength; i += 1) segment[i] = this.band.get(start + i);
    return { widthMs, segment };
  }
}

/** Pearson correlation of two equally long segments (0 when either is flat). */
export function pearson(a: Float64Array, b: Float64Array): number {
  const length = Math.min(a.length, b.length);
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < length; i += 1) {
    meanA += a[i] as number;
    meanB += b[i] as number;
  }
  meanA /= length;
  meanB /= length;
  let cross = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < length; i += 1) {
    const da = (a[i] as number) - meanA;
    const db = (b[i] as number) - meanB;
    cross += da * db;
    varA += da * da;
    varB += db * db;
  }
  return varA === 0 || varB === 0 ? 0 : cross / Math.sqrt(varA * varB);
}
