/**
 * Heart rate from up to two ECG leads, as bedside monitors derive it: a QRS detector runs on each lead, and the
 * rate comes from the lead whose recent RR intervals are the more regular. A lead that is clipped, noisy or
 * dominated by T waves misses beats or counts extra ones, which shows at once as irregular intervals; the
 * preferred lead (II) wins ties.
 */
import { QrsDetector } from './qrs-detector';

/** Seconds without a beat after which the rate reads 0. */
const NO_BEAT_SECONDS = 6;
/** How much more regular the second lead must be to be chosen over the first. */
const PREFERENCE_MARGIN = 0.03;

/** The heart rate now, with why there is none. */
export type HeartRateReading = { readonly bpm: number } | { readonly bpm: null; readonly reason: 'LEARNING' | 'NO SIGNAL' };

/** Streaming multi-lead heart rate. */
export class MultiLeadHeartRate {
  private readonly detectors: QrsDetector[];
  private readonly missingRun: number[];

  /** `sampleRate` is shared by the leads (they come from one record). */
  constructor(
    private readonly sampleRate: number,
    leads: number,
  ) {
    this.detectors = Array.from({ length: Math.max(1, Math.min(leads, 2)) }, () => new QrsDetector(sampleRate, () => undefined));
    this.missingRun = this.detectors.map(() => 0);
  }

  /** Feeds lead `lead`'s next sample (NaN: missing). */
  push(lead: number, value: number): void {
    const detector = this.detectors[lead];
    if (detector === undefined) return;
    detector.push(value);
    this.missingRun[lead] = Number.isFinite(value) ? 0 : (this.missingRun[lead] as number) + 1;
  }

  /** The rate from the better lead now. */
  reading(): HeartRateReading {
    const candidates = this.detectors
      .map((detector, lead) => ({ detector, lead, variation: detector.rrVariation() }))
      .filter(({ lead }) => (this.missingRun[lead] as number) < this.sampleRate * 2);
    if (candidates.length === 0) return { bpm: null, reason: 'NO SIGNAL' };
    let best = candidates[0] as (typeof candidates)[number];
    for (const candidate of candidates.slice(1)) {
      if (candidate.variation !== null && (best.variation === null || candidate.variation + PREFERENCE_MARGIN < best.variation)) best = candidate;
    }
    const { detector } = best;
    const last = detector.lastBeatSampleIndex();
    // No beat at all yet: learning for the first seconds — but a lead that has shown signal for longer than a
    // beat may be missing without a single QRS is in asystole (a recording may start in it), not still learning.
    if (last < 0) return detector.lastSampleIndex() / this.sampleRate > NO_BEAT_SECONDS ? { bpm: 0 } : { bpm: null, reason: 'LEARNING' };
    if ((detector.lastSampleIndex() - last) / this.sampleRate > NO_BEAT_SECONDS) return { bpm: 0 };
    const meanRr = detector.meanRrSamples();
    return meanRr === null ? { bpm: null, reason: 'LEARNING' } : { bpm: Math.round((60 * this.sampleRate) / meanRr) };
  }
}
