/**
 * The waveform batch codec: exact round trips (property-based), and bad input — truncated, oversized, garbage,
 * bad fields — rejected with a specific reason, never thrown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_CHANNELS } from '../../../../common/wire/channel-catalog';
import {
  BATCH_HEADER_BYTES,
  MAX_BATCH_BYTES,
  MAX_SAMPLES_PER_FRAME,
  decodeBatch,
  encodeBatch,
  encodeFrames,
} from '../../../../common/wire/frame-codec';
import type { WaveformFrame } from '../../../../common/wire/waveform-frame';
import { sampleFrame } from '../../../support/frames';

const frameArbitrary: fc.Arbitrary<WaveformFrame> = fc.record({
  bed: fc.integer({ min: 0, max: 65535 }),
  channel: fc.constantFrom(...ALL_CHANNELS.map((channel) => channel.id)),
  flags: fc.integer({ min: 0, max: 3 }),
  sampleRate: fc.constantFrom(25, 62.5, 125, 250, 360, 500, 1000),
  firstSampleIndex: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  firstSampleTimeMs: fc.double({ min: 0, max: 4e12, noNaN: true }),
  scale: fc.constantFrom(0.001, 0.01, 0.0001, 0.5),
  offset: fc.constantFrom(0, -100, 12.5),
  samples: fc
    .array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 600 })
    .map((values) => Int16Array.from(values)),
});

function batchOf(frames: readonly WaveformFrame[], sentAtMs = 123.5): Uint8Array {
  return encodeBatch([encodeFrames(frames)], frames.length, sentAtMs);
}

describe('frame batch codec', () => {
  it('round-trips any batch exactly', () => {
    fc.assert(
      fc.property(
        fc.array(frameArbitrary, { maxLength: 12 }),
        fc.double({ min: 0, max: 4e12, noNaN: true }),
        (frames, sentAtMs) => {
          const decoded = decodeBatch(batchOf(frames, sentAtMs));
          expect(decoded.ok).toBe(true);
          if (!decoded.ok) return;
          expect(decoded.sentAtMs).toBe(sentAtMs);
          expect(decoded.dropped).toEqual([]);
          expect(decoded.frames).toHaveLength(frames.length);
          decoded.frames.forEach((frame, index) => {
            const original = frames[index] as WaveformFrame;
            expect(frame).toMatchObject({
              bed: original.bed,
              channel: original.channel,
              flags: original.flags,
              firstSampleIndex: original.firstSampleIndex,
              firstSampleTimeMs: original.firstSampleTimeMs,
            });
            expect(frame.sampleRate).toBe(Math.fround(original.sampleRate));
            expect(frame.scale).toBe(Math.fround(original.scale));
            expect(Array.from(frame.samples)).toEqual(Array.from(original.samples));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects every truncation of a valid batch as TRUNCATED, without throwing', () => {
    const bytes = batchOf([sampleFrame([1, 2, 3, 4]), sampleFrame([5, 6], { channel: 20 })]);
    for (let length = 0; length < bytes.length; length += 1) {
      const decoded = decodeBatch(bytes.subarray(0, length));
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.reason).toBe('TRUNCATED');
    }
  });

  it('never throws on arbitrary bytes, and rejects them with a known reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const decoded = decodeBatch(bytes);
        if (!decoded.ok)
          expect(['TRUNCATED', 'BAD_MAGIC', 'UNSUPPORTED_VERSION', 'OVERSIZED', 'LENGTH_MISMATCH']).toContain(
            decoded.reason,
          );
      }),
      { numRuns: 500 },
    );
  });

  it('rejects an oversized batch and a frame claiming too many samples', () => {
    const huge = new Uint8Array(MAX_BATCH_BYTES + 1);
    expect(decodeBatch(huge)).toMatchObject({ ok: false, reason: 'OVERSIZED' });
    const bytes = batchOf([sampleFrame([1])]);
    new DataView(bytes.buffer).setUint16(BATCH_HEADER_BYTES + 4, MAX_SAMPLES_PER_FRAME + 1, true);
    expect(decodeBatch(bytes)).toMatchObject({ ok: false, reason: 'OVERSIZED' });
    expect(() => encodeFrames([sampleFrame(new Array(MAX_SAMPLES_PER_FRAME + 1).fill(0))])).toThrow(RangeError);
  });

  it('rejects a wrong magic, version, or trailing bytes with their reason', () => {
    const bytes = batchOf([sampleFrame([1, 2])]);
    const badMagic = bytes.slice();
    badMagic[0] = 0x42;
    expect(decodeBatch(badMagic)).toMatchObject({ ok: false, reason: 'BAD_MAGIC' });
    const badVersion = bytes.slice();
    badVersion[1] = 9;
    expect(decodeBatch(badVersion)).toMatchObject({ ok: false, reason: 'UNSUPPORTED_VERSION' });
    const longer = new Uint8Array(bytes.length + 2);
    longer.set(bytes);
    expect(decodeBatch(longer)).toMatchObject({ ok: false, reason: 'LENGTH_MISMATCH' });
  });

  it('drops only the frame with an unknown channel or a non-finite field, and says why', () => {
    const frames = [
      sampleFrame([1]),
      sampleFrame([2], { channel: 199 }),
      sampleFrame([3], { sampleRate: Number.NaN }),
      sampleFrame([4], { scale: 0 }),
      // A huge rate would make the station size a ring of gigabytes (ChannelRing.create threw).
      sampleFrame([5], { sampleRate: 3e9 }),
    ];
    const decoded = decodeBatch(batchOf(frames));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.frames.map((frame) => Array.from(frame.samples))).toEqual([[1]]);
    expect(decoded.dropped.map((drop) => drop.reason)).toEqual([
      'UNKNOWN_CHANNEL',
      'INVALID_FIELD',
      'INVALID_FIELD',
      'INVALID_FIELD',
    ]);
    expect(decoded.dropped[3]).toMatchObject({ message: expect.stringMatching(/above 10000 Hz/) });
  });

  it('decodes from an unaligned view, as a socket hands it over', () => {
    const bytes = batchOf([sampleFrame([7, -8, 9])]);
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes, 1);
    const decoded = decodeBatch(padded.subarray(1));
    expect(decoded.ok && Array.from(decoded.frames[0]?.samples ?? [])).toEqual([7, -8, 9]);
  });
});
