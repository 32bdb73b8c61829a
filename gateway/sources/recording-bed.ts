/**
 * Replays a PhysioNet recording as a live bed, in real time and looping: each mapped signal at its own rate
 * (500 Hz ECG beside 125 Hz ABP), gaps as missing samples, the loop point as a gap. Like a bedside monitor it
 * sends its waves and the numerics its numerics record has (SpO2, NIBP…); what the waves give (HR, RR, ABP) the
 * gateway's analysis derives (analysis/analysed-bed.ts), as for every bed.
 */
import { FRAME_FLAGS } from '../../common/wire/waveform-frame';
import type { BedDescription, NumericKey } from '../../common/wire/ward-messages';
import type { ChannelKey } from '../../common/wire/channel-catalog';
import { channelByKey } from '../../common/wire/channel-catalog';
import type { WfdbRecord, WfdbRecordSignal } from '../wfdb/wfdb-record';
import type { BedSource, ChannelChunk, NumericValues, SourceChannel } from './bed-source';
import { ChannelClock, toRaw } from './channel-clock';
import { patientFromComments } from './recording-patient';
import { channelKeyForSignal, numericKeyForSignal } from './signal-channel-mapping';

/** What to replay. */
export interface RecordingBedOptions {
  /** The waveform record, or null for a numerics-only bed. */
  readonly waveforms: WfdbRecord | null;
  /** The record's 1-per-minute numerics, if it has them. */
  readonly numerics: WfdbRecord | null;
  readonly label: string;
  readonly startMs: number;
}

interface ReplayChannel extends SourceChannel {
  readonly signal: WfdbRecordSignal;
  readonly clock: ChannelClock;
}

const UNITS: Readonly<Partial<Record<NumericKey, string>>> = {
  HR: 'bpm',
  PULSE: 'bpm',
  SPO2: '%',
  RR: 'rpm',
  TEMP: '°C',
};

/** A recording replayed as a bed. */
export class RecordingBed implements BedSource {
  readonly label: string;
  readonly patient: BedDescription['patient'];
  readonly origin: BedDescription['source'];
  readonly channels: readonly ReplayChannel[];
  /** Signals the record has that no channel shows (e.g. Frank leads), for the log. */
  readonly unmappedSignals: readonly string[];

  private readonly startMs: number;

  constructor(private readonly options: RecordingBedOptions) {
    const describing = options.waveforms ?? options.numerics;
    if (describing === null) throw new Error('a recording bed needs a waveform or a numerics record');
    this.label = options.label;
    this.startMs = options.startMs;
    this.patient = patientFromComments(options.label, describing.comments);
    const records = [options.waveforms, options.numerics].filter((record): record is WfdbRecord => record !== null);
    this.origin = {
      kind: 'recording',
      detail: records
        .map((record) => record.headerPath)
        .join(' + ')
        .slice(-200),
    };

    const used = new Set<ChannelKey>();
    const channels: ReplayChannel[] = [];
    const unmapped: string[] = [];
    for (const signal of options.waveforms?.signals ?? []) {
      const key = channelKeyForSignal(signal.name);
      if (key === undefined || used.has(key)) {
        unmapped.push(signal.name);
        continue;
      }
      used.add(key);
      channels.push({
        key,
        sampleRate: signal.sampleRate,
        unit: channelByKey(key).unit,
        ...quantization(key, signal),
        signal,
        clock: new ChannelClock(signal.sampleRate, options.startMs),
      });
    }
    this.channels = channels;
    this.unmappedSignals = unmapped;
  }

  generate(untilMs: number): ChannelChunk[] {
    const chunks: ChannelChunk[] = [];
    for (const channel of this.channels) {
      const { first, count } = channel.clock.take(untilMs);
      if (count === 0) continue;
      const values = channel.signal.values;
      const length = values.length;
      let start = 0;
      // Split where the recording loops: the loop point is a gap that must not be drawn across.
      while (start < count) {
        const index = (first + start) % length;
        const run = Math.min(count - start, length - index);
        const samples = new Int16Array(run);
        for (let i = 0; i < run; i += 1) {
          const value = values[index + i] as number;
          samples[i] = toRaw(value, channel.scale, channel.offset);
        }
        const loops = index === 0 && first + start > 0;
        chunks.push({
          key: channel.key,
          firstSampleIndex: first + start,
          firstSampleTimeMs: channel.clock.timeOf(first + start),
          flags: loops ? FRAME_FLAGS.gapBefore : 0,
          samples,
        });
        start += run;
      }
    }
    return chunks;
  }

  numerics(nowMs: number): NumericValues {
    return this.recordedNumerics(nowMs);
  }

  /** The numerics record's values at the replay position (zeros and gaps mean "not monitored"). */
  private recordedNumerics(nowMs: number): NumericValues {
    const record = this.options.numerics;
    if (record === null) return {};
    const values: NumericValues = {};
    const elapsedSeconds = (nowMs - this.startMs) / 1000;
    const loopSeconds = this.options.waveforms?.durationSeconds ?? record.durationSeconds;
    const position = ((elapsedSeconds % loopSeconds) + loopSeconds) % loopSeconds;
    for (const signal of record.signals) {
      const key = numericKeyForSignal(signal.name);
      if (key === undefined) continue;
      const index = Math.min(signal.values.length - 1, Math.floor(position * signal.sampleRate));
      // A value holds until the next one; find the latest valid one at or before the position.
      let at = index;
      while (at >= 0 && !(Number.isFinite(signal.values[at] as number) && (signal.values[at] as number) !== 0)) at -= 1;
      const measuredAtMs = nowMs - (position - Math.max(at, 0) / signal.sampleRate) * 1000;
      const value = at >= 0 && index - at <= 15 ? Math.round((signal.values[at] as number) * 10) / 10 : null;
      values[key] = {
        value,
        unit: UNITS[key] ?? 'mmHg',
        origin: 'recording',
        measuredAtMs,
        note: value === null ? 'NOT MONITORED' : null,
      };
    }
    return values;
  }
}

/** int16 quantization for a signal: fixed steps for ECG and pressures, the signal's own range otherwise. */
function quantization(key: ChannelKey, signal: WfdbRecordSignal): { scale: number; offset: number } {
  const family = channelByKey(key).family;
  if (family === 'ecg') return { scale: 0.001, offset: 0 };
  if (family === 'pressure') return { scale: 0.01, offset: 0 };
  let max = 0;
  for (const value of signal.values) if (Number.isFinite(value)) max = Math.max(max, Math.abs(value));
  return { scale: Math.max(max, 1e-6) / 30000, offset: 0 };
}
