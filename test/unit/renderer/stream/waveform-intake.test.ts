/**
 * The stream worker's intake: batches become ring samples (shared) or transferable frames (no isolation); bad
 * batches and frames are counted and reported, never thrown.
 */
import { describe, expect, it } from 'vitest';
import { encodeBatch, encodeFrames } from '../../../../common/wire/frame-codec';
import { FRAME_FLAGS, NO_SAMPLE } from '../../../../common/wire/waveform-frame';
import { ChannelRing } from '../../../../renderer/stream/channel-ring';
import { RingDirectory } from '../../../../renderer/stream/ring-directory';
import type { StreamWorkerReport } from '../../../../renderer/stream/stream-messages';
import { WaveformIntake } from '../../../../renderer/stream/waveform-intake';
import { sampleFrame } from '../../../support/frames';

function batch(...frames: Parameters<typeof sampleFrame>[]): Uint8Array {
  const built = frames.map((args) => sampleFrame(...args));
  return encodeBatch([encodeFrames(built)], built.length, 5000);
}

describe('waveform intake', () => {
  it('writes physical values into a shared ring and hands the ring to the page once', () => {
    const reports: StreamWorkerReport[] = [];
    const intake = new WaveformIntake(true, (report) => reports.push(report));
    intake.receive(batch([[1000, NO_SAMPLE, -500], { firstSampleIndex: 0 }]));
    intake.receive(batch([[250], { firstSampleIndex: 3 }]));
    const rings = reports.filter((report) => report.type === 'ring');
    expect(rings).toHaveLength(1);
    const ring = new ChannelRing((rings[0] as { buffer: SharedArrayBuffer }).buffer);
    expect([0, 1, 2, 3].map((index) => ring.sample(index))).toEqual([1, Number.NaN, -0.5, 0.25]);
  });

  it('transfers frames when memory cannot be shared, and the page’s own ring receives them', () => {
    const reports: { report: StreamWorkerReport; transfer: Transferable[] | undefined }[] = [];
    const intake = new WaveformIntake(false, (report, transfer) => reports.push({ report, transfer }));
    intake.receive(batch([[1, 2, 3], { firstSampleIndex: 7, flags: FRAME_FLAGS.signalInvalid }]));
    const [{ report, transfer }] = reports as [(typeof reports)[number]];
    expect(report.type).toBe('frames');
    if (report.type !== 'frames') return;
    expect(transfer).toHaveLength(1);
    const rings = new RingDirectory();
    const [frame] = report.frames as [(typeof report.frames)[number]];
    rings
      .owned(frame.bed, frame.channel, frame.sampleRate)
      .write({ ...frame, count: frame.values.length, valueAt: (i) => frame.values[i] as number });
    const ring = rings.get(3, 2) as ChannelRing;
    expect(ring.sample(9)).toBeCloseTo(0.003, 6);
    expect(ring.lastFlags()).toBe(FRAME_FLAGS.signalInvalid);
  });

  it('counts a malformed batch, a frame with an unknown channel and a non-binary message, without throwing', () => {
    const reports: StreamWorkerReport[] = [];
    const intake = new WaveformIntake(true, (report) => reports.push(report));
    intake.receive(new Uint8Array([0x57, 1, 0]));
    intake.receive(batch([[1], { channel: 250 }], [[2]]));
    intake.receive('not binary');
    const dropped = reports.filter(
      (report): report is Extract<StreamWorkerReport, { type: 'dropped' }> => report.type === 'dropped',
    );
    expect(dropped.map((report) => report.count)).toEqual([1, 2, 3]);
    expect(dropped[0]?.reason).toMatch(/^TRUNCATED/);
    expect(dropped[1]?.reason).toMatch(/^UNKNOWN_CHANNEL/);
    expect(reports.filter((report) => report.type === 'ring')).toHaveLength(1);
  });
});
