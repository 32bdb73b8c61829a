/**
 * Replays a PhysioNet recording as a live bed, in real time and looping: each mapped signal at its own rate
 * (500 Hz ECG beside 125 Hz ABP), gaps as missing samples, the loop point as a gap. Numerics are derived from the
 * waves where the recording has none — HR by QRS detection, RR from the respiration wave, ABP from the pressure
 * wave — and taken from its numerics record (SpO2, NIBP…) where it has one.
 */
import { FRAME_FLAGS } from '../../common/wire/waveform-frame';
import type { BedDescription, NumericKey, NumericValue } from '../../common/wire/ward-messages';
import type { ChannelKey } from '../../common/wire/channel-catalog';
import { channelByKey } from '../../common/wire/channel-catalog';
import { rankEcgSignals } from '../numerics/ecg-signal-choice';
import { MultiLeadHeartRate } from '../numerics/multi-lead-heart-rate';
import { summarizePressure, type PressureSummary } from '../numerics/pressure-summary';
import { RespirationRateEstimator } from '../numerics/respiration-rate';
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

const UNITS: Readonly<Partial<Record<NumericKey, string>>> = { HR: 'bpm', PULSE: 'bpm', SPO2: '%', RR: 'rpm', TEMP: '°C' };
/** Seconds of arterial pressure the ABP numerics summarize. */
const ABP_WINDOW_SECONDS = 4;

/** A recording replayed as a bed. */
export class RecordingBed implements BedSource {
  readonly label: string;
  readonly patient: BedDescription['patient'];
  readonly origin: BedDescription['source'];
  readonly channels: readonly ReplayChannel[];
  /** Signals the record has that no channel shows (e.g. Frank leads), for the log. */
  readonly unmappedSignals: readonly string[];

  private readonly startMs: number;
  /** The ECG leads heart rate is derived from, best first (at most two, same rate). */
  private readonly ecgLeads: readonly ReplayChannel[];
  private readonly resp: ReplayChannel | undefined;
  private readonly abp: ReplayChannel | undefined;
  private readonly heartRate: MultiLeadHeartRate | undefined;
  private readonly respiration: RespirationRateEstimator | undefined;

  constructor(private readonly options: RecordingBedOptions) {
    const describing = options.waveforms ?? options.numerics;
    if (describing === null) throw new Error('a recording bed needs a waveform or a numerics record');
    this.label = options.label;
    this.startMs = options.startMs;
    this.patient = patientFromComments(options.label, describing.comments);
    const records = [options.waveforms, options.numerics].filter((record): record is WfdbRecord => record !== null);
    this.origin = { kind: 'recording', detail: records.map((record) => record.headerPath).join(' + ').slice(-200) };

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
      channels.push({ key, sampleRate: signal.sampleRate, unit: channelByKey(key).unit, ...quantization(key, signal), signal, clock: new ChannelClock(signal.sampleRate, options.startMs) });
    }
    this.channels = channels;
    this.unmappedSignals = unmapped;
    const ranked = rankEcgSignals(channels.map((channel) => channel.signal));
    const leads = ranked.map((signal) => channels.find((channel) => channel.signal === signal) as ReplayChannel);
    this.ecgLeads = leads.filter((lead) => lead.sampleRate === leads[0]?.sampleRate).slice(0, 2);
    this.resp = channels.find((channel) => channel.key === 'RESP');
    this.abp = channels.find((channel) => channel.key === 'ABP');
    const firstLead = this.ecgLeads[0];
    this.heartRate = firstLead === undefined ? undefined : new MultiLeadHeartRate(firstLead.sampleRate, this.ecgLeads.length);
    this.respiration = this.resp === undefined ? undefined : new RespirationRateEstimator(this.resp.sampleRate);
  }

  generate(untilMs: number): ChannelChunk[] {
    const chunks: ChannelChunk[] = [];
    for (const channel of this.channels) {
      const { first, count } = channel.clock.take(untilMs);
      if (count === 0) continue;
      const values = channel.signal.values;
      const length = values.length;
      // Which derived numeric this channel feeds is fixed: decide once, not per sample.
      const lead = this.heartRate === undefined ? -1 : this.ecgLeads.indexOf(channel);
      const respiration = channel === this.resp ? this.respiration : undefined;
      let start = 0;
      // Split where the recording loops: the loop point is a gap that must not be drawn across.
      while (start < count) {
        const index = (first + start) % length;
        const run = Math.min(count - start, length - index);
        const samples = new Int16Array(run);
        for (let i = 0; i < run; i += 1) {
          const value = values[index + i] as number;
          samples[i] = toRaw(value, channel.scale, channel.offset);
          if (lead >= 0) this.heartRate?.push(lead, value);
          respiration?.push(value);
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
    const values: NumericValues = {};
    const recorded = this.recordedNumerics(nowMs);
    Object.assign(values, recorded);
    if (this.heartRate !== undefined) {
      const reading = this.heartRate.reading();
      values.HR = derived(reading.bpm, 'bpm', nowMs, reading.bpm === null ? reading.reason : null);
    }
    if (this.respiration !== undefined) {
      const rr = this.respiration.rate();
      values.RR = derived(rr === null ? null : Math.round(rr), 'rpm', nowMs, 'LEARNING');
    }
    if (this.abp !== undefined) {
      const stats = this.abpStatistics(this.abp);
      values.ABP_SYS = derived(stats?.max ?? null, 'mmHg', nowMs, 'NO SIGNAL');
      values.ABP_DIA = derived(stats?.min ?? null, 'mmHg', nowMs, 'NO SIGNAL');
      values.ABP_MEAN = derived(stats?.mean ?? null, 'mmHg', nowMs, 'NO SIGNAL');
    }
    return values;
  }

  /** Max, min and mean of the last seconds of arterial pressure replayed (missing samples ignored). */
  private abpStatistics(channel: ReplayChannel): PressureSummary | null {
    const values = channel.signal.values;
    const end = channel.clock.nextIndex();
    const from = Math.max(0, end - Math.round(ABP_WINDOW_SECONDS * channel.sampleRate));
    return summarizePressure(end - from, (i) => values[(from + i) % values.length] as number, channel.sampleRate);
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
      values[key] = { value, unit: UNITS[key] ?? 'mmHg', origin: 'recording', measuredAtMs, note: value === null ? 'NOT MONITORED' : null };
    }
    return values;
  }
}

function derived(value: number | null, unit: string, nowMs: number, note: string | null): NumericValue {
  return { value, unit, origin: 'derived', measuredAtMs: nowMs, note: value === null ? note : null };
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
