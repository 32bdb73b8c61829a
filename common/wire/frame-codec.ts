/**
 * The binary codec of waveform frame batches (see protocol.md beside this file). Encoding writes into one
 * buffer without intermediate arrays; decoding never throws: a structural problem rejects the batch with a
 * specific code, a bad field drops only its frame (and says so), so the caller can count both.
 */
import { channelById } from './channel-catalog';
import type { WaveformFrame } from './waveform-frame';

/** First byte of every batch ('W'). */
export const BATCH_MAGIC = 0x57;
/** Version of the batch layout. */
export const BATCH_VERSION = 1;
/** Bytes of the batch header: magic, version, frame count, byte length, send time. */
export const BATCH_HEADER_BYTES = 16;
/** Bytes of a frame header before its samples. */
export const FRAME_HEADER_BYTES = 36;
/** Most samples one frame may carry (4 s of a 1 kHz signal). */
export const MAX_SAMPLES_PER_FRAME = 4096;
/**
 * Highest sample rate a frame may declare (Hz). Bedside ECG runs at 125–1000 Hz; a larger rate is a corrupt or
 * hostile frame, and would make the station size a ring of gigabytes for that channel.
 */
export const MAX_SAMPLE_RATE = 10_000;

/** Largest batch accepted (128 beds × 16 channels × 1 s of 500 Hz fits easily). */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** Why a batch was rejected whole. */
export type BatchRejection = 'TRUNCATED' | 'BAD_MAGIC' | 'UNSUPPORTED_VERSION' | 'OVERSIZED' | 'LENGTH_MISMATCH';
/** Why one frame was dropped. */
export type FrameRejection = 'UNKNOWN_CHANNEL' | 'INVALID_FIELD';

/** The outcome of decoding a batch. */
export type BatchDecodeResult =
  | {
      readonly ok: true;
      /** Gateway clock when the batch was sent, epoch ms (for latency). */
      readonly sentAtMs: number;
      readonly frames: WaveformFrame[];
      /** Frames dropped for a bad field, with the reason. */
      readonly dropped: { readonly reason: FrameRejection; readonly message: string }[];
    }
  | { readonly ok: false; readonly reason: BatchRejection; readonly message: string };

/** Bytes a frame of `sampleCount` samples takes on the wire. */
export function frameByteLength(sampleCount: number): number {
  return FRAME_HEADER_BYTES + 2 * sampleCount;
}

/**
 * Encodes frames (without a batch header) into one buffer; a gateway encodes each bed's frames once per tick and
 * shares the bytes between every station that watches the bed.
 * @throws RangeError when a frame has more than {@link MAX_SAMPLES_PER_FRAME} samples (a gateway bug).
 */
export function encodeFrames(frames: readonly WaveformFrame[]): Uint8Array {
  let total = 0;
  for (const frame of frames) {
    if (frame.samples.length > MAX_SAMPLES_PER_FRAME) {
      throw new RangeError(`a frame holds ${frame.samples.length} samples; the wire allows ${MAX_SAMPLES_PER_FRAME}`);
    }
    total += frameByteLength(frame.samples.length);
  }
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const frame of frames) {
    view.setUint16(offset, frame.bed, true);
    view.setUint8(offset + 2, frame.channel);
    view.setUint8(offset + 3, frame.flags);
    view.setUint16(offset + 4, frame.samples.length, true);
    view.setUint16(offset + 6, 0, true);
    view.setFloat32(offset + 8, frame.sampleRate, true);
    view.setFloat32(offset + 12, frame.scale, true);
    view.setFloat32(offset + 16, frame.offset, true);
    view.setFloat64(offset + 20, frame.firstSampleIndex, true);
    view.setFloat64(offset + 28, frame.firstSampleTimeMs, true);
    offset += FRAME_HEADER_BYTES;
    for (let i = 0; i < frame.samples.length; i += 1) view.setInt16(offset + 2 * i, frame.samples[i] as number, true);
    offset += 2 * frame.samples.length;
  }
  return bytes;
}

/** Wraps encoded frame segments (from {@link encodeFrames}) in a batch header. */
export function encodeBatch(segments: readonly Uint8Array[], frameCount: number, sentAtMs: number): Uint8Array {
  let total = BATCH_HEADER_BYTES;
  for (const segment of segments) total += segment.byteLength;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, BATCH_MAGIC);
  view.setUint8(1, BATCH_VERSION);
  view.setUint16(2, frameCount, true);
  view.setUint32(4, total, true);
  view.setFloat64(8, sentAtMs, true);
  let offset = BATCH_HEADER_BYTES;
  for (const segment of segments) {
    bytes.set(segment, offset);
    offset += segment.byteLength;
  }
  return bytes;
}

/** Decodes a batch; never throws. */
export function decodeBatch(input: Uint8Array): BatchDecodeResult {
  if (input.byteLength > MAX_BATCH_BYTES) {
    return reject('OVERSIZED', `batch of ${input.byteLength} bytes exceeds the ${MAX_BATCH_BYTES}-byte limit`);
  }
  if (input.byteLength < BATCH_HEADER_BYTES) {
    return reject(
      'TRUNCATED',
      `batch of ${input.byteLength} bytes is shorter than its ${BATCH_HEADER_BYTES}-byte header`,
    );
  }
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (view.getUint8(0) !== BATCH_MAGIC)
    return reject('BAD_MAGIC', `first byte is 0x${view.getUint8(0).toString(16)}, not a frame batch`);
  if (view.getUint8(1) !== BATCH_VERSION)
    return reject('UNSUPPORTED_VERSION', `batch version ${view.getUint8(1)}; this station reads ${BATCH_VERSION}`);
  const frameCount = view.getUint16(2, true);
  const declaredLength = view.getUint32(4, true);
  if (declaredLength > input.byteLength)
    return reject('TRUNCATED', `batch declares ${declaredLength} bytes, ${input.byteLength} arrived`);
  if (declaredLength !== input.byteLength)
    return reject('LENGTH_MISMATCH', `batch declares ${declaredLength} bytes, ${input.byteLength} arrived`);
  const sentAtMs = view.getFloat64(8, true);

  const frames: WaveformFrame[] = [];
  const dropped: { reason: FrameRejection; message: string }[] = [];
  let offset = BATCH_HEADER_BYTES;
  for (let index = 0; index < frameCount; index += 1) {
    if (offset + FRAME_HEADER_BYTES > input.byteLength)
      return reject('TRUNCATED', `frame ${index} of ${frameCount} is cut off in its header`);
    const count = view.getUint16(offset + 4, true);
    if (count > MAX_SAMPLES_PER_FRAME)
      return reject('OVERSIZED', `frame ${index} claims ${count} samples; the wire allows ${MAX_SAMPLES_PER_FRAME}`);
    const end = offset + frameByteLength(count);
    if (end > input.byteLength) return reject('TRUNCATED', `frame ${index} of ${frameCount} is cut off in its samples`);
    const frame = readFrame(view, offset, count);
    if (typeof frame === 'string') {
      dropped.push({
        reason: frame.startsWith('channel') ? 'UNKNOWN_CHANNEL' : 'INVALID_FIELD',
        message: `frame ${index}: ${frame}`,
      });
    } else {
      frames.push(frame);
    }
    offset = end;
  }
  if (offset !== input.byteLength)
    return reject('LENGTH_MISMATCH', `${input.byteLength - offset} bytes follow the last of ${frameCount} frames`);
  return { ok: true, sentAtMs, frames, dropped };
}

/** Reads one frame whose bytes are known to be present; returns a reason string for a bad field. */
function readFrame(view: DataView, offset: number, count: number): WaveformFrame | string {
  const channel = view.getUint8(offset + 2);
  if (channelById(channel) === undefined) return `channel id ${channel} is unknown`;
  const sampleRate = view.getFloat32(offset + 8, true);
  const scale = view.getFloat32(offset + 12, true);
  const valueOffset = view.getFloat32(offset + 16, true);
  const firstSampleIndex = view.getFloat64(offset + 20, true);
  const firstSampleTimeMs = view.getFloat64(offset + 28, true);
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) return `sample rate ${sampleRate} is not a positive number`;
  if (sampleRate > MAX_SAMPLE_RATE) return `sample rate ${sampleRate} Hz is above ${MAX_SAMPLE_RATE} Hz`;
  if (!Number.isFinite(scale) || scale === 0 || !Number.isFinite(valueOffset))
    return 'scale or offset is not a finite number';
  if (!Number.isSafeInteger(firstSampleIndex) || firstSampleIndex < 0)
    return `first sample index ${firstSampleIndex} is not a whole number ≥ 0`;
  if (!Number.isFinite(firstSampleTimeMs)) return 'first sample time is not a finite number';
  const samples = new Int16Array(count);
  const base = offset + FRAME_HEADER_BYTES;
  for (let i = 0; i < count; i += 1) samples[i] = view.getInt16(base + 2 * i, true);
  return {
    bed: view.getUint16(offset, true),
    channel,
    flags: view.getUint8(offset + 3),
    sampleRate,
    firstSampleIndex,
    firstSampleTimeMs,
    scale,
    offset: valueOffset,
    samples,
  };
}

function reject(reason: BatchRejection, message: string): BatchDecodeResult {
  return { ok: false, reason, message };
}
