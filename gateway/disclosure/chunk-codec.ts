/**
 * The full-disclosure chunk format: one channel's consecutive samples, a 32-byte header and the int16 samples as
 * zigzag deltas in LEB128 varints (a physiological wave changes little from sample to sample, so most deltas fit
 * one byte: ~1.1 bytes per sample instead of 2). The time in the header is relative to the hour file the chunk
 * sits in, so an hour file reads the same wherever it lives.
 *
 * Header (little-endian): u16 magic 0x5744, u8 version, u8 reserved, u32 payload bytes, f64 first sample's
 * offset from the hour start (ms), f32 sample rate, u32 sample count, f32 scale, f32 offset; version 2 adds a u32
 * CRC-32 of those 32 bytes and the payload. With it a reader recognises a torn chunk (the gateway stopped mid-write)
 * wherever it is — also when more chunks were appended after it — skips it and finds the next whole chunk, instead
 * of reading the next chunk's bytes as samples. Version 1 files (no CRC) still read, up to their first damage.
 */

const MAGIC = 0x5744;
const VERSION = 2;
/** Bytes before the payload, by version. */
const HEADER_BYTES: Readonly<Record<number, number>> = { 1: 32, 2: 36 };
/** Bytes before the payload of the chunks this code writes. */
export const CHUNK_HEADER_BYTES = 36;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE, as zlib) of the bytes of `data` outside [skipFrom, skipTo). */
function crc32(data: Uint8Array, from: number, to: number, skipFrom: number, skipTo: number): number {
  let crc = 0xffffffff;
  for (let i = from; i < to; i += 1) {
    if (i >= skipFrom && i < skipTo) continue;
    crc = (CRC_TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

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
  view.setUint32(32, crc32(out, 0, out.byteLength, 32, 36), true);
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
 * Reads every whole chunk header of an hour file. A damaged or torn chunk is skipped: the reader looks for the next
 * whole (CRC-checked) chunk after it, so chunks appended after a torn write still read. Reported, never thrown:
 * `damagedAt` is the first damaged offset (null when the file is whole), `skippedBytes` how much was unreadable.
 */
export function readChunkHeaders(file: Uint8Array): {
  headers: ChunkHeader[];
  damagedAt: number | null;
  skippedBytes: number;
} {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headers: ChunkHeader[] = [];
  let damagedAt: number | null = null;
  let skippedBytes = 0;
  let at = 0;
  while (at < file.byteLength) {
    const header = chunkAt(file, view, at);
    if (header !== null) {
      headers.push(header);
      at = header.payloadAt + header.payloadBytes;
      continue;
    }
    damagedAt ??= at;
    // Resynchronise on the next whole version-2 chunk (its CRC makes a false match all but impossible).
    let next = at + 1;
    while (next < file.byteLength && !(file[next] === 0x44 && file[next + 1] === 0x57 && isWholeV2(file, view, next)))
      next += 1;
    skippedBytes += next - at;
    at = next;
  }
  return { headers, damagedAt, skippedBytes };
}

function isWholeV2(file: Uint8Array, view: DataView, at: number): boolean {
  return view.getUint8(at + 2) === 2 && chunkAt(file, view, at) !== null;
}

/** The chunk header at `at` when a whole chunk starts there; null otherwise. */
function chunkAt(file: Uint8Array, view: DataView, at: number): ChunkHeader | null {
  if (at + 32 > file.byteLength || view.getUint16(at, true) !== MAGIC) return null;
  const version = view.getUint8(at + 2);
  const headerBytes = HEADER_BYTES[version];
  if (headerBytes === undefined || at + headerBytes > file.byteLength) return null;
  const payloadBytes = view.getUint32(at + 4, true);
  const end = at + headerBytes + payloadBytes;
  if (end > file.byteLength) return null;
  if (version === 2 && crc32(file, at, end, at + 32, at + 36) !== view.getUint32(at + 32, true)) return null;
  const sampleRate = view.getFloat32(at + 16, true);
  const count = view.getUint32(at + 20, true);
  // Each sample takes one to three payload bytes; anything else is not a chunk this code wrote.
  if (!(sampleRate > 0) || count > payloadBytes || payloadBytes > 3 * count) return null;
  return {
    offsetMs: view.getFloat64(at + 8, true),
    sampleRate,
    count,
    scale: view.getFloat32(at + 24, true),
    valueOffset: view.getFloat32(at + 28, true),
    payloadAt: at + headerBytes,
    payloadBytes,
  };
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
