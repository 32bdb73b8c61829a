/**
 * A channel's ring buffer: the last samples of one waveform, in physical units, NaN where there is no sample
 * (a gap in the stream, a missing sample at the source, a lost batch). One writer (the stream worker, or the
 * page when the worker must transfer) and any number of readers (the render loop). Over a SharedArrayBuffer
 * the writer publishes with a release store of `sequence` after writing, and readers load it first, so they
 * never see a write position ahead of its samples.
 *
 * Layout of the buffer: a Float64 header, an Int32 publish word, then `capacity` Float32 samples.
 */

import { FRAME_FLAGS } from '../../common/wire/waveform-frame';

/** Header slots (Float64). */
const H = {
  /** Total samples ever written on this stream (stream index of the next sample). */
  writeIndex: 0,
  /** Stream index and gateway time of the anchor sample (the last frame's first sample). */
  anchorIndex: 1,
  anchorTimeMs: 2,
  sampleRate: 3,
  /** Station time the last frame arrived. */
  lastArrivalMs: 4,
  /** FRAME_FLAGS of the last frame. */
  lastFlags: 5,
  /** Station clock minus gateway clock, estimated from arrivals (transit included). */
  clockOffsetMs: 6,
  /** Increments when the stream restarts (gateway restart, index rewind): readers resynchronize. */
  epoch: 7,
  /** Send-time history for latency measurement: pairs (last stream index of a frame, gateway send time). */
  historyCursor: 8,
} as const;
const HISTORY_SLOTS = 16;
const HISTORY_BASE = 9;
const HEADER_SLOTS = HISTORY_BASE + 2 * HISTORY_SLOTS;
const HEADER_BYTES = HEADER_SLOTS * 8;
const PUBLISH_BYTES = 8;

/** A larger clock difference than this between a frame and the current estimate means a clock jump. */
const CLOCK_JUMP_MS = 2000;

/** Capacity for a sample rate: a power of two holding at least `seconds` of samples. */
export function ringCapacity(sampleRate: number, seconds = 32): number {
  return 2 ** Math.ceil(Math.log2(Math.max(64, sampleRate * seconds)));
}

/** Bytes of a ring of this capacity. */
export function ringBytes(capacity: number): number {
  return HEADER_BYTES + PUBLISH_BYTES + capacity * 4;
}

/** A view on a ring buffer (shared or not). */
export class ChannelRing {
  readonly capacity: number;
  private readonly header: Float64Array;
  private readonly publish: Int32Array;
  private readonly samples: Float32Array;
  private readonly mask: number;

  constructor(readonly buffer: ArrayBufferLike) {
    this.header = new Float64Array(buffer, 0, HEADER_SLOTS);
    this.publish = new Int32Array(buffer, HEADER_BYTES, 2);
    this.capacity = (buffer.byteLength - HEADER_BYTES - PUBLISH_BYTES) / 4;
    this.samples = new Float32Array(buffer, HEADER_BYTES + PUBLISH_BYTES, this.capacity);
    this.mask = this.capacity - 1;
  }

  /** Allocates a ring (shared when possible) for a channel at `sampleRate`. */
  static create(sampleRate: number, shared: boolean, seconds?: number): ChannelRing {
    const bytes = ringBytes(ringCapacity(sampleRate, seconds));
    const ring = new ChannelRing(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    ring.header[H.sampleRate] = sampleRate;
    ring.header[H.anchorIndex] = Number.NaN;
    ring.header[H.clockOffsetMs] = Number.NaN;
    ring.header[H.lastArrivalMs] = Number.NaN;
    ring.samples.fill(Number.NaN);
    return ring;
  }

  /**
   * Writes one frame's samples (physical values, NaN for none) that start at stream index `firstIndex`. A jump
   * ahead leaves NaN in the skipped samples (no line is drawn across them); an index before the last written
   * one means the stream restarted, and the ring starts a new epoch.
   */
  write(frame: {
    firstIndex: number;
    firstTimeMs: number;
    sampleRate: number;
    flags: number;
    arrivalMs: number;
    sentAtMs: number;
    count: number;
    valueAt: (i: number) => number;
  }): void {
    const h = this.header;
    let next = h[H.writeIndex] as number;
    if (frame.firstIndex < next || frame.sampleRate !== h[H.sampleRate]) {
      // The gateway restarted (indices begin again) or the channel changed rate: start over.
      h[H.epoch] = (h[H.epoch] as number) + 1;
      h[H.sampleRate] = frame.sampleRate;
      h[H.clockOffsetMs] = Number.NaN;
      this.samples.fill(Number.NaN);
      next = frame.firstIndex;
    }
    // Missing samples before this frame (a dropped batch): NaN, at most one ring's worth.
    const missing = Math.min(frame.firstIndex - next, this.capacity);
    for (let i = frame.firstIndex - missing; i < frame.firstIndex; i += 1) this.samples[i & this.mask] = Number.NaN;
    for (let i = 0; i < frame.count; i += 1) this.samples[(frame.firstIndex + i) & this.mask] = frame.valueAt(i);
    // A discontinuity the source announces (a recording's loop point) keeps its indices contiguous: lift the pen
    // by blanking the sample before it, so no line joins the end of the recording to its start.
    if (frame.flags & FRAME_FLAGS.gapBefore && frame.firstIndex > 0)
      this.samples[(frame.firstIndex - 1) & this.mask] = Number.NaN;

    const lastIndex = frame.firstIndex + frame.count - 1;
    const lastTime = frame.firstTimeMs + ((frame.count - 1) * 1000) / frame.sampleRate;
    // Offset = arrival − gateway time of the newest sample; the smallest seen is the best estimate (least
    // queueing). A difference of seconds in either direction is a clock jump: take the new value at once.
    const observed = frame.arrivalMs - lastTime;
    const current = h[H.clockOffsetMs] as number;
    if (Number.isNaN(current) || observed < current || observed - current > CLOCK_JUMP_MS)
      h[H.clockOffsetMs] = observed;
    else h[H.clockOffsetMs] = current + (observed - current) * 0.001;

    h[H.anchorIndex] = frame.firstIndex;
    h[H.anchorTimeMs] = frame.firstTimeMs;
    h[H.lastArrivalMs] = frame.arrivalMs;
    h[H.lastFlags] = frame.flags;
    const cursor = (h[H.historyCursor] as number) % HISTORY_SLOTS;
    h[HISTORY_BASE + 2 * cursor] = lastIndex;
    h[HISTORY_BASE + 2 * cursor + 1] = frame.sentAtMs;
    h[H.historyCursor] = cursor + 1;
    h[H.writeIndex] = lastIndex + 1;
    Atomics.add(this.publish, 0, 1);
  }

  /** Loads the publish word: call once before reading a frame's worth of state. */
  acquire(): number {
    return Atomics.load(this.publish, 0);
  }

  /** Stream index of the next sample to be written. */
  writeIndex(): number {
    return this.header[H.writeIndex] as number;
  }

  epoch(): number {
    return this.header[H.epoch] as number;
  }

  sampleRate(): number {
    return this.header[H.sampleRate] as number;
  }

  lastArrivalMs(): number {
    return this.header[H.lastArrivalMs] as number;
  }

  lastFlags(): number {
    return this.header[H.lastFlags] as number;
  }

  /**
   * The stream index that plays at station time `nowMs` with a jitter delay: the sample whose gateway time is
   * `nowMs − offset − delay`. NaN before the first frame.
   */
  playheadIndex(nowMs: number, delayMs: number): number {
    const h = this.header;
    const gatewayTime = nowMs - (h[H.clockOffsetMs] as number) - delayMs;
    return (
      (h[H.anchorIndex] as number) +
      Math.floor(((gatewayTime - (h[H.anchorTimeMs] as number)) * (h[H.sampleRate] as number)) / 1000)
    );
  }

  /**
   * The newest sample to draw at station time `nowMs`: the playhead, but never past the last sample written
   * (data late beyond the jitter delay makes the trace wait, it never draws what has not arrived). NaN before
   * the first frame.
   */
  drawableIndex(nowMs: number, delayMs: number): number {
    return Math.min(this.playheadIndex(nowMs, delayMs), (this.header[H.writeIndex] as number) - 1);
  }

  /** The sample at stream index `index` (NaN if not in the ring any more, not yet written, or missing). */
  sample(index: number): number {
    const write = this.header[H.writeIndex] as number;
    if (index >= write || index < write - this.capacity || index < 0) return Number.NaN;
    return this.samples[index & this.mask] as number;
  }

  /** Gateway send time of the frame that carried sample `index`, from the recent history; NaN if unknown. */
  sentAtOf(index: number): number {
    let best = Number.NaN;
    let bestLast = Infinity;
    for (let slot = 0; slot < HISTORY_SLOTS; slot += 1) {
      const last = this.header[HISTORY_BASE + 2 * slot] as number;
      if (last >= index && last < bestLast) {
        bestLast = last;
        best = this.header[HISTORY_BASE + 2 * slot + 1] as number;
      }
    }
    return best;
  }

  /** Station clock minus gateway clock (NaN before the first frame). */
  clockOffsetMs(): number {
    return this.header[H.clockOffsetMs] as number;
  }
}
