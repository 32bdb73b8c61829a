/**
 * The stream worker's waveform intake: decodes each binary batch, converts samples to physical values (NaN for
 * "no sample"), and writes them into the channel's ring — created on the channel's first frame and shared with
 * the page — or, without shared memory, hands them over as transferable arrays. Bad batches and frames are
 * counted and reported, never thrown.
 */
import { decodeBatch } from '../../common/wire/frame-codec';
import { NO_SAMPLE, type WaveformFrame } from '../../common/wire/waveform-frame';
import { ChannelRing } from './channel-ring';
import { stationNow } from './station-clock';
import type { StreamWorkerReport, TransferredFrame } from './stream-messages';

/** Where reports go (the worker's postMessage). */
export type ReportSink = (report: StreamWorkerReport, transfer?: Transferable[]) => void;

/** Intake for one page. */
export class WaveformIntake {
  private readonly rings = new Map<number, ChannelRing>();
  private dropped = 0;

  constructor(
    private readonly shared: boolean,
    private readonly report: ReportSink,
  ) {}

  /** Handles one `waves` payload. */
  receive(payload: unknown): void {
    const arrivalMs = stationNow();
    const bytes =
      payload instanceof ArrayBuffer
        ? new Uint8Array(payload)
        : ArrayBuffer.isView(payload)
          ? new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)
          : null;
    if (bytes === null) return this.drop(1, 'a waves message that is not binary');
    const batch = decodeBatch(bytes);
    if (!batch.ok) return this.drop(1, `${batch.reason}: ${batch.message}`);
    if (batch.dropped.length > 0)
      this.drop(batch.dropped.length, batch.dropped.map((drop) => `${drop.reason}: ${drop.message}`).join('; '));
    if (this.shared) {
      for (const frame of batch.frames) this.ringFor(frame).write(this.toWrite(frame, arrivalMs, batch.sentAtMs));
      return;
    }
    const frames: TransferredFrame[] = batch.frames.map((frame) => {
      const values = new Float32Array(frame.samples.length);
      for (let i = 0; i < values.length; i += 1) values[i] = physical(frame, i);
      return {
        bed: frame.bed,
        channel: frame.channel,
        firstIndex: frame.firstSampleIndex,
        firstTimeMs: frame.firstSampleTimeMs,
        sampleRate: frame.sampleRate,
        flags: frame.flags,
        sentAtMs: batch.sentAtMs,
        arrivalMs,
        values,
      };
    });
    this.report(
      { type: 'frames', frames },
      frames.map((frame) => frame.values.buffer as ArrayBuffer),
    );
  }

  private ringFor(frame: WaveformFrame): ChannelRing {
    const key = frame.bed * 256 + frame.channel;
    let ring = this.rings.get(key);
    if (ring === undefined) {
      ring = ChannelRing.create(frame.sampleRate, true);
      this.rings.set(key, ring);
      this.report({ type: 'ring', bed: frame.bed, channel: frame.channel, buffer: ring.buffer as SharedArrayBuffer });
    }
    return ring;
  }

  private toWrite(frame: WaveformFrame, arrivalMs: number, sentAtMs: number) {
    return {
      firstIndex: frame.firstSampleIndex,
      firstTimeMs: frame.firstSampleTimeMs,
      sampleRate: frame.sampleRate,
      flags: frame.flags,
      arrivalMs,
      sentAtMs,
      count: frame.samples.length,
      valueAt: (i: number) => physical(frame, i),
    };
  }

  private drop(count: number, reason: string): void {
    this.dropped += count;
    this.report({ type: 'dropped', count: this.dropped, reason });
  }
}

function physical(frame: WaveformFrame, i: number): number {
  const raw = frame.samples[i] as number;
  return raw === NO_SAMPLE ? Number.NaN : raw * frame.scale + frame.offset;
}
