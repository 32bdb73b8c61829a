/**
 * One channel of a device-fed bed: the samples a bedside monitor sends in bursts (an HL7 message carries a second
 * or so of a wave) played out on the gateway's clock at the channel's own rate, so stations, the analysis and full
 * disclosure get a steady stream exactly as from a simulated bed (decision 0020).
 *
 * - A wave sent at another rate than the channel's is resampled (linear interpolation): the ward's channels keep
 *   one rate each, so the census never changes under a station while a monitor is swapped.
 * - Playout starts when a burst arrives: the first sample of a stream plays at its arrival, and each burst after it
 *   continues the timeline. A burst that comes after the timeline ran dry for longer than {@link MAX_UNDERRUN_MS}
 *   (the monitor paused, the network stalled) starts a new timeline at its arrival, marked as a gap, so a trace
 *   never pretends the missing time was recorded.
 * - A sender faster than real time cannot grow the buffer without bound: a burst that would put the timeline more
 *   than {@link MAX_BUFFER_MS} ahead of now is dropped and counted.
 *
 * - A wave without a physical unit (pleth, impedance respiration) comes in whatever range the device scales it to
 *   (0–1, 0–100, 0–4095): with `normalize` it is brought to 0–1 by its own recent extremes (about 5 s), as a
 *   monitor sizes such a trace, so that no device's range clips or steps.
 *
 * Times are the gateway's clock only; the device's own timestamps never decide when a sample plays.
 */
import { FRAME_FLAGS } from '../../common/wire/waveform-frame';
import type { ChannelChunk, SourceChannel } from '../sources/bed-source';
import { toRaw } from '../sources/channel-clock';

/** A burst arriving this long after the timeline ran dry starts a new one (a gap on screen). */
export const MAX_UNDERRUN_MS = 500;
/** At most this much of a wave waits to be played. */
export const MAX_BUFFER_MS = 4000;

/** What a feed counted. */
export interface WaveFeedCounts {
  samplesIn: number;
  samplesPlayed: number;
  /** Samples dropped because the sender ran ahead of real time. */
  samplesDropped: number;
  /** New timelines after an underrun. */
  gaps: number;
}

/** Plays one channel's device samples out in real time. */
export class DeviceWaveFeed {
  /** Raw samples waiting, in order, from {@link nextIndex} on. */
  private pending: Int16Array[] = [];
  private pendingCount = 0;
  /** Stream index and gateway time of the first pending sample (or of the next one to arrive). */
  private nextIndex = 0;
  private nextTimeMs: number | null = null;
  private gapBefore = false;
  readonly counts: WaveFeedCounts = { samplesIn: 0, samplesPlayed: 0, samplesDropped: 0, gaps: 0 };

  /** Recent extremes of a normalized wave. */
  private range: { low: number; high: number } | null = null;

  constructor(
    readonly channel: SourceChannel,
    private readonly normalize = false,
  ) {}

  /**
   * Takes a burst of samples at `sampleRate` (in the channel's unit, NaN for a missing sample) that arrived at
   * gateway time `nowMs`. Returns false when it was dropped (the sender is ahead of real time).
   */
  feed(samples: Float64Array, sampleRate: number, nowMs: number): boolean {
    const resampled = this.normalize
      ? this.normalized(resample(samples, sampleRate, this.channel.sampleRate))
      : resample(samples, sampleRate, this.channel.sampleRate);
    this.counts.samplesIn += resampled.length;
    if (resampled.length === 0) return true;
    const periodMs = 1000 / this.channel.sampleRate;
    const endOfTimeline = this.nextTimeMs === null ? null : this.nextTimeMs + this.pendingCount * periodMs;
    if (endOfTimeline === null || endOfTimeline < nowMs - MAX_UNDERRUN_MS) {
      // Nothing waits (the timeline ran dry long ago): start again at this arrival.
      if (this.nextTimeMs !== null) {
        this.gapBefore = true;
        this.counts.gaps += 1;
      }
      this.pending = [];
      this.pendingCount = 0;
      this.nextTimeMs = nowMs;
    } else if (endOfTimeline + resampled.length * periodMs > nowMs + MAX_BUFFER_MS) {
      this.counts.samplesDropped += resampled.length;
      return false;
    }
    const raw = new Int16Array(resampled.length);
    for (let i = 0; i < resampled.length; i += 1)
      raw[i] = toRaw(resampled[i] as number, this.channel.scale, this.channel.offset);
    this.pending.push(raw);
    this.pendingCount += raw.length;
    return true;
  }

  /** The samples due by `untilMs` that were not played yet, as one chunk (or none). */
  take(untilMs: number): ChannelChunk | null {
    if (this.nextTimeMs === null || this.pendingCount === 0) return null;
    const periodMs = 1000 / this.channel.sampleRate;
    const due = Math.min(this.pendingCount, Math.floor((untilMs - this.nextTimeMs) / periodMs) + 1);
    if (due <= 0) return null;
    const samples = new Int16Array(due);
    let filled = 0;
    while (filled < due) {
      const head = this.pending[0] as Int16Array;
      const used = Math.min(head.length, due - filled);
      samples.set(head.subarray(0, used), filled);
      filled += used;
      if (used === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(used);
    }
    const chunk: ChannelChunk = {
      key: this.channel.key,
      firstSampleIndex: this.nextIndex,
      firstSampleTimeMs: this.nextTimeMs,
      flags: this.gapBefore ? FRAME_FLAGS.gapBefore : 0,
      samples,
    };
    this.gapBefore = false;
    this.nextIndex += due;
    this.nextTimeMs += due * periodMs;
    this.pendingCount -= due;
    this.counts.samplesPlayed += due;
    return chunk;
  }

  /** `samples` in 0–1 of the wave's recent range (a new copy). */
  private normalized(samples: Float64Array): Float64Array {
    let low = Infinity;
    let high = -Infinity;
    for (const value of samples)
      if (Number.isFinite(value)) {
        if (value < low) low = value;
        if (value > high) high = value;
      }
    if (low === Infinity) return samples;
    // Each burst pulls the range a fifth of the way toward its own extremes, and never inside them.
    const previous = this.range ?? { low, high };
    this.range = {
      low: Math.min(low, previous.low + (low - previous.low) * 0.2),
      high: Math.max(high, previous.high + (high - previous.high) * 0.2),
    };
    const span = this.range.high - this.range.low || 1;
    const floor = this.range.low;
    return samples.map((value) => (value - floor) / span);
  }

  /** Forgets what waits (the device was unassigned): the next burst starts a new timeline after a gap. */
  clear(): void {
    this.pending = [];
    this.pendingCount = 0;
  }
}

/** `samples` at `fromRate` as samples at `toRate` over the same time (linear; NaN where a neighbour is missing). */
export function resample(samples: Float64Array, fromRate: number, toRate: number): Float64Array {
  if (fromRate === toRate || samples.length === 0) return samples;
  const count = Math.max(1, Math.round((samples.length * toRate) / fromRate));
  const out = new Float64Array(count);
  const step = fromRate / toRate;
  for (let i = 0; i < count; i += 1) {
    const position = i * step;
    const left = Math.min(samples.length - 1, Math.floor(position));
    const right = Math.min(samples.length - 1, left + 1);
    const fraction = position - left;
    out[i] = (samples[left] as number) * (1 - fraction) + (samples[right] as number) * fraction;
  }
  return out;
}
