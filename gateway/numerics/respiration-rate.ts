/**
 * Respiration rate from an impedance or CO2 respiration wave: a 0.1–1 Hz band-pass, then breaths counted as
 * upward crossings of the band-passed signal with hysteresis (a third of its recent amplitude), so cardiac
 * oscillations riding on the wave are not counted as breaths. Streaming, fixed memory.
 */
import { BiquadFilter } from './biquad-filter';

/** Seconds without a breath after which the rate is 0 (apnoea). */
const APNEA_SECONDS = 20;

/** Streaming respiration-rate estimator for one channel. */
export class RespirationRateEstimator {
  private readonly highPass: BiquadFilter;
  private readonly lowPass: BiquadFilter;
  private n = -1;
  private envelope = 0;
  private breathing = 0;
  private armed = false;
  private lastBreath = -1;
  private readonly intervals: number[] = [];

  constructor(private readonly sampleRate: number) {
    this.highPass = BiquadFilter.highPass(sampleRate, 0.1);
    this.lowPass = BiquadFilter.lowPass(sampleRate, 1);
  }

  /** Feeds one sample; NaN (no sample) counts as the baseline. */
  push(value: number): void {
    const n = ++this.n;
    const x = this.lowPass.step(this.highPass.step(Number.isFinite(value) ? value : 0));
    // Envelope: a slowly decaying peak follower of |x| (time constant ~8 s); and the breathing's own over a minute,
    // so that in apnoea the cardiac ripple riding on the impedance wave is never counted as breaths.
    this.envelope = Math.max(Math.abs(x), this.envelope * (1 - 1 / (8 * this.sampleRate)));
    this.breathing = Math.max(Math.abs(x), this.breathing * (1 - 1 / (60 * this.sampleRate)));
    const threshold = Math.max(this.envelope / 3, this.breathing / 5);
    if (x < -threshold) this.armed = true;
    if (this.armed && x > threshold && this.envelope > 0) {
      this.armed = false;
      if (this.lastBreath >= 0) {
        this.intervals.push((n - this.lastBreath) / this.sampleRate);
        if (this.intervals.length > 4) this.intervals.shift();
      }
      this.lastBreath = n;
    }
  }

  /** Breaths per minute now, 0 in apnoea, or null before the first two breaths. */
  rate(): number | null {
    if (this.lastBreath >= 0 && (this.n - this.lastBreath) / this.sampleRate > APNEA_SECONDS) return 0;
    if (this.intervals.length === 0) return null;
    const mean = this.intervals.reduce((sum, interval) => sum + interval, 0) / this.intervals.length;
    return 60 / mean;
  }
}
