/**
 * Decodes the samples of one WFDB data file into raw ADC values, one array per signal. Signals stored in the
 * same file are interleaved frame by frame (each signal contributing its samples-per-frame), and formats 212
 * and 80 pack that interleaved stream; the decoder unpacks the stream first, then de-interleaves it.
 */
import { WfdbError } from './wfdb-error';
import type { WfdbFormat, WfdbSignalSpec } from './wfdb-header';

/** Raw value marking a missing sample, per format ("invalid sample" in WFDB). */
export const INVALID_RAW: Readonly<Record<WfdbFormat, number>> = { 212: -2048, 16: -32768, 80: -128, 0: 0 };

/** Bits per sample of each format (0: no data). */
export const BITS_PER_SAMPLE: Readonly<Record<WfdbFormat, number>> = { 212: 12, 16: 16, 80: 8, 0: 0 };

/**
 * Decodes `frames` frames of the signals stored in `bytes` (all in one file, same format).
 * @returns one Int32Array of raw values per signal, each `frames × samplesPerFrame` long.
 * @throws WfdbError naming the file when it is shorter than the header says.
 */
export function decodeSignalFile(
  bytes: Uint8Array,
  signals: readonly WfdbSignalSpec[],
  frames: number,
  file: string,
): Int32Array[] {
  const first = signals[0];
  if (first === undefined) return [];
  const format = first.format;
  if (signals.some((signal) => signal.format !== format)) {
    throw new WfdbError(file, 'signals in one data file use different formats, which this reader does not support');
  }
  const samplesPerFrame = signals.reduce((sum, signal) => sum + signal.samplesPerFrame, 0);
  const totalSamples = frames * samplesPerFrame;
  const neededBytes = Math.ceil((totalSamples * BITS_PER_SAMPLE[format]) / 8);
  const available = bytes.byteLength - first.byteOffset;
  if (available < neededBytes) {
    throw new WfdbError(
      file,
      `the file is truncated: ${frames} frames of ${signals.length} signal(s) in format ${format} need ${neededBytes} bytes, it has ${Math.max(available, 0)}`,
    );
  }
  const stream = unpack(bytes.subarray(first.byteOffset), format, totalSamples);
  const outputs = signals.map((signal) => new Int32Array(frames * signal.samplesPerFrame));
  let position = 0;
  for (let frame = 0; frame < frames; frame += 1) {
    for (let s = 0; s < signals.length; s += 1) {
      const perFrame = (signals[s] as WfdbSignalSpec).samplesPerFrame;
      const output = outputs[s] as Int32Array;
      for (let k = 0; k < perFrame; k += 1) output[frame * perFrame + k] = stream[position++] as number;
    }
  }
  return outputs;
}

function unpack(bytes: Uint8Array, format: WfdbFormat, count: number): Int32Array {
  const out = new Int32Array(count);
  if (format === 16) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < count; i += 1) out[i] = view.getInt16(2 * i, true);
  } else if (format === 80) {
    for (let i = 0; i < count; i += 1) out[i] = (bytes[i] as number) - 128;
  } else {
    // Format 212: two 12-bit samples in three bytes; the second byte holds both high nibbles.
    for (let i = 0, b = 0; i < count; i += 2, b += 3) {
      const b0 = bytes[b] as number;
      const b1 = bytes[b + 1] as number;
      const first = b0 | ((b1 & 0x0f) << 8);
      out[i] = first > 2047 ? first - 4096 : first;
      if (i + 1 < count) {
        const second = (bytes[b + 2] as number) | ((b1 & 0xf0) << 4);
        out[i + 1] = second > 2047 ? second - 4096 : second;
      }
    }
  }
  return out;
}

/** The WFDB 16-bit checksum of a signal's raw samples (sum modulo 2^16, as a signed 16-bit value). */
export function wfdbChecksum(raw: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < raw.length; i += 1) sum = (sum + (raw[i] as number)) & 0xffff;
  return sum > 32767 ? sum - 65536 : sum;
}
