/**
 * A bed source with the gateway's waveform analysis in front of it: every chunk the source generates is analysed
 * as it goes on the wire (bed-waveform-analysis.ts), and the numerics are the device's own (SpO2, NIBP,
 * temperature…) with what the waves give laid over them (HR, pulse rate, RR, arterial pressures). The alarm engine
 * reads the rhythm from here — from the waves — and from no other part of a source.
 */
import { DEFAULT_WARD_SETTINGS } from '../../common/wire/ward-settings';
import type { BedSource, ChannelChunk, NumericValues } from '../sources/bed-source';
import { BedWaveformAnalysis, ingestChunks, type RhythmAssessment, type RhythmLimits } from './bed-waveform-analysis';

/** The wave each derived numeric comes from besides HR (which any ECG lead gives). */
const CHANNEL_OF: Partial<Record<keyof NumericValues, string>> = {
  PULSE: 'PLETH',
  RR: 'RESP',
  ABP_SYS: 'ABP',
  ABP_DIA: 'ABP',
  ABP_MEAN: 'ABP',
};

/** A bed that sent neither numerics nor waves for this long is silent. */
const SILENT_AFTER_MS = 2000;
const DEFAULT_LIMITS: RhythmLimits = {
  extremeLowBpm: DEFAULT_WARD_SETTINGS.alarmPolicy.limits.HR.extremeLow,
  extremeHighBpm: DEFAULT_WARD_SETTINGS.alarmPolicy.limits.HR.extremeHigh,
};

/** A source and its analysis. */
export class AnalysedBed implements BedSource {
  readonly label: string;
  readonly channels: BedSource['channels'];
  private readonly analysis: BedWaveformAnalysis;
  private latest: RhythmAssessment | null = null;
  private latestLimits: RhythmLimits = DEFAULT_LIMITS;
  private lastWavesMs = -Infinity;
  /** Channels that have carried a sample: a device-fed bed's ABP without an arterial line never has. */
  private readonly seenChannels = new Set<string>();

  /**
   * `device` is what the bed's monitor is: its waves and device numerics. Only scenario control (a simulated
   * bed's demo) reaches it directly, never the alarm engine.
   */
  constructor(readonly device: BedSource) {
    const source = device;
    this.label = source.label;
    this.channels = source.channels;
    this.analysis = new BedWaveformAnalysis(source.channels);
  }

  // Who lies in the bed and which devices feed it may change while it runs (a device-fed bed): read them through.
  get patient(): BedSource['patient'] {
    return this.device.patient;
  }

  get origin(): BedSource['origin'] {
    return this.device.origin;
  }

  standby(): boolean {
    return this.device.standby?.() ?? false;
  }

  generate(untilMs: number): ChannelChunk[] {
    const chunks = this.device.generate(untilMs);
    ingestChunks(this.analysis, chunks, this.device.channels);
    for (const chunk of chunks) if (chunk.samples.length > 0) this.seenChannels.add(chunk.key);
    if (chunks.some((chunk) => chunk.samples.length > 0)) this.lastWavesMs = untilMs;
    this.latest = null;
    return chunks;
  }

  numerics(nowMs: number): NumericValues {
    const device = this.device.numerics(nowMs);
    // A monitor that sends nothing is silent, whatever its last waves showed: NO SIGNAL, not stale derived values.
    if (Object.keys(device).length === 0 && nowMs - this.lastWavesMs > SILENT_AFTER_MS) return device;
    const derived = this.analysis.derivedNumerics(nowMs, this.assessment(this.latestLimits));
    const values: NumericValues = { ...device };
    for (const [key, value] of Object.entries(derived) as [keyof NumericValues, NumericValues[keyof NumericValues]][]) {
      if (value === undefined) continue;
      // What the waves give wins. A wave that never came says nothing (a device-fed bed without an arterial line
      // has no ABP, rather than ABP NO SIGNAL), so a value the device measured itself stands (a monitor's RR).
      if (value.value === null && !this.channelSeen(key)) continue;
      values[key] = value;
    }
    return values;
  }

  private channelSeen(key: keyof NumericValues): boolean {
    if (key === 'HR')
      return this.device.channels.some(
        (channel) => channel.key.startsWith('ECG_') && this.seenChannels.has(channel.key),
      );
    const channel = CHANNEL_OF[key];
    return channel === undefined || this.seenChannels.has(channel);
  }

  rhythmLabel(): string | null {
    const label = this.rhythm()?.label ?? '';
    return label === '' ? null : label;
  }

  /** The rhythm now, under the bed's extreme-rate limits; null for a bed without ECG. */
  rhythm(limits: RhythmLimits = this.latestLimits): RhythmAssessment | null {
    if (!this.analysis.hasEcg()) return null;
    return this.assessment(limits);
  }

  private assessment(limits: RhythmLimits): RhythmAssessment {
    if (
      this.latest === null ||
      limits.extremeLowBpm !== this.latestLimits.extremeLowBpm ||
      limits.extremeHighBpm !== this.latestLimits.extremeHighBpm
    ) {
      this.latestLimits = limits;
      this.latest = this.analysis.assess(limits);
    }
    return this.latest;
  }
}
