/**
 * The full-disclosure chunk format: one channel's consecutive samples, a 32-byte header and the int16 samples as
 * zigzag deltas in LEB128 varints (a physiological wave changes little from sample to sample, so most deltas fit
 * one byte: ~1.1 bytes per sample instead of 2). The time in the header is relative to the hour file the chunk
 * sits in, so an hour file reads the same wherever it lives.
 *
 * Header (little-endian): u16 magic 0x5744, u8 version 1, u8 reserved, u32 payload bytes, f64 first sample's
 * offset from the hour start (ms), f32 sample rate, u32 sample count, f32 scale, f32 offset.
 */

/** Bytes before the payload. */
export const CHUNK_HEADER_BYTES = 32;
const MAGIC = 0x5744;
const VERSION = 1;

/** A decoded chunk. */
export interface DisclosureChunk {
  /** First sample's time, ms after the hour start. */
  readonly offsetMs: number;
  readonly sampleRate: number;
  readonly scale: number;
  readonly valueOffset: number;
  readonly samples: Int16Array;
}

/** Encodes one chunk. */
export function encodeChunk(chunk: DisclosureChunk): Uint8Array {
  const payload = new Uint8Array(chunk.samples.length * 3);
  let at = 0;
  let previous = 0;
  for (const sample of chunk.samples) {
    const delta = sample - previous;
    previous = sample;
    let zigzag = delta >= 0 ? delta * 2 : -delta * 2 - 1;
    while (zigzag >= 0x80) {
      payload[at++] = (zigzag & 0x7f) | 0x80;
      zigzag >>>= 7;
    }
    payload[at++] = zigzag;
  }
  const out = new Uint8Array(CHUNK_HEADER_BYTES + at);
  const view = new DataView(out.buffer);
  view.setUint16(0, MAGIC, true);
  view.setUint8(2, VERSION);
  view.setUint32(4, at, true);
  view.setFloat64(8, chunk.offsetMs, true);
  view.setFloat32(16, chunk.sampleRate, true);
  view.setUint32(20, chunk.samples.length, true);
  view.setFloat32(24, chunk.scale, true);
  view.setFloat32(28, chunk.valueOffset, true);
  out.set(payload.subarray(0, at), CHUNK_HEADER_BYTES);
  return out;
}

/** A chunk's header, read without decoding its samples. */
export interface ChunkHeader {
  readonly offsetMs: number;
  readonly sampleRate: number;
  readonly count: number;
  readonly scale: number;
  readonly valueOffset: number;
  /** Where the payload starts in the file, and how long it is. */
  readonly payloadAt: number;
  readonly payloadBytes: number;
}

/**
 * Reads every chunk header of an hour file. A torn last chunk (the gateway stopped mid-write) ends the list; any
 * other damage stops there too and is reported, never thrown.
 */
export function readChunkHeaders(file: Uint8Array): { headers: ChunkHeader[]; damagedAt: number | null } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headers: ChunkHeader[] = [];
  let at = 0;
  while (at + CHUNK_HEADER_BYTES <= file.byteLength) {
    const payloadBytes = view.getUint32(at + 4, true);
    if (
      view.getUint16(at, true) !== MAGIC ||
      view.getUint8(at + 2) !== VERSION ||
      at + CHUNK_HEADER_BYTES + payloadBytes > file.byteLength
    ) {
      return { headers, damagedAt: at };
    }
    headers.push({
      offsetMs: view.getFloat64(at + 8, true),
      sampleRate: view.getFloat32(at + 16, true),
      count: view.getUint32(at + 20, true),
      scale: view.getFloat32(at + 24, true),
      valueOffset: view.getFloat32(at + 28, true),
      payloadAt: at + CHUNK_HEADER_BYTES,
      payloadBytes,
    });
    at += CHUNK_HEADER_BYTES + payloadBytes;
  }
  return { headers, damagedAt: at === file.byteLength ? null : at };
}

/** Decodes a chunk's samples. */
export function decodeSamples(file: Uint8Array, header: ChunkHeader): Int16Array {
  const samples = new Int16Array(header.count);
  let at = header.payloadAt;
  let previous = 0;
  for (let i = 0; i < header.count; i += 1) {
    let zigzag = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = file[at++] as number;
      zigzag |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    const delta = zigzag & 1 ? -((zigzag + 1) >>> 1) : zigzag >>> 1;
    previous += delta;
    samples[i] = previous;
  }
  return samples;
}
