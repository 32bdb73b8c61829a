/**
 * Second-order IIR sections (RBJ cookbook, bilinear transform) for the signal chains of the gateway: designed
 * for any sample rate, so that 250, 360, 500 and 1000 Hz recordings get the same filter in hertz.
 */

/** A direct-form-I biquad with its state. */
export class BiquadFilter {
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  private constructor(
    private readonly b0: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly a1: number,
    private readonly a2: number,
  ) {}

  /** A Butterworth (Q = 1/√2) low-pass at `cutoffHz`. */
  static lowPass(sampleRate: number, cutoffHz: number): BiquadFilter {
    const { cos, alpha } = BiquadFilter.prewarp(sampleRate, cutoffHz);
    const a0 = 1 + alpha;
    return new BiquadFilter((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0);
  }

  /** A Butterworth (Q = 1/√2) high-pass at `cutoffHz`. */
  static highPass(sampleRate: number, cutoffHz: number): BiquadFilter {
    const { cos, alpha } = BiquadFilter.prewarp(sampleRate, cutoffHz);
    const a0 = 1 + alpha;
    return new BiquadFilter((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0);
  }

  private static prewarp(sampleRate: number, cutoffHz: number): { cos: number; alpha: number } {
    const omega = (2 * Math.PI * Math.min(cutoffHz, sampleRate * 0.45)) / sampleRate;
    return { cos: Math.cos(omega), alpha: Math.sin(omega) / (2 * Math.SQRT1_2) };
  }

  /** Filters one sample. */
  step(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}
