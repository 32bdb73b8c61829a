/**
 * Keeps one channel in step with real time: how many samples are due by a given moment, at an exact average
 * rate even for rates like 62.5 Hz, and the time of each sample. Sample k of a channel started at `startMs` is
 * due at `startMs + k × 1000 / rate`.
 */
export class ChannelClock {
  private next = 0;

  constructor(
    readonly sampleRate: number,
    readonly startMs: number,
  ) {}

  /** Index of the next sample to produce. */
  nextIndex(): number {
    return this.next;
  }

  /** Time of sample `index`, epoch ms. */
  timeOf(index: number): number {
    return this.startMs + (index * 1000) / this.sampleRate;
  }

  /** Samples due by `untilMs` that were not taken yet; marks them taken. */
  take(untilMs: number): { first: number; count: number } {
    const due = Math.max(0, Math.floor(((untilMs - this.startMs) * this.sampleRate) / 1000) + 1);
    const first = this.next;
    const count = Math.max(0, due - first);
    this.next = first + count;
    return { first, count };
  }
}

/** Rounds to int16, clamping; NaN becomes the wire's "no sample" value. */
export function toRaw(value: number, scale: number, offset: number): number {
  if (!Number.isFinite(value)) return -32768;
  const raw = Math.round((value - offset) / scale);
  return raw > 32767 ? 32767 : raw < -32767 ? -32767 : raw;
}
