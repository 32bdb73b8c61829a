/**
 * A ward bed fed by real devices over HL7 (IHE PCD-01): a bedside monitor's numerics and waves, a pump's values.
 * To the streaming, the analysis, the alarm engine and full disclosure it is a bed source like any other — the
 * same channels a simulated monitor has, so tiles look alike and nothing downstream knows HL7.
 *
 * A bed that no device sends observations to (PCD-01) is in standby: not monitored, so nothing the gateway judges
 * alarms (an empty bed is not a NO SIGNAL) — a pump that only reports its own alarms (PCD-04) does not make it
 * monitored, and those alarms show all the same. A bed whose monitor stops sending is monitored and silent, which
 * is an alarm (DESIGN.md "in doubt, alarm"). Device numerics are shown while fresh: continuous ones for {@link CONTINUOUS_FRESH_MS}, a cuff pressure
 * for an hour, a temperature for 15 minutes — after that the bed reports nothing for them, never an old value
 * as if new.
 */
import { channelByKey, type ChannelKey } from '../../common/wire/channel-catalog';
import type { NumericKey, NumericValue } from '../../common/wire/ward-messages';
import type { BedSource, ChannelChunk, NumericValues, SourceChannel } from '../sources/bed-source';
import type { DeviceNumeric } from '../hl7/pcd01-numerics';
import type { DeviceWave } from '../hl7/pcd01-waveforms';
import { DeviceWaveFeed } from './device-wave-feed';

function channel(key: ChannelKey, sampleRate: number, scale: number): SourceChannel {
  return { key, sampleRate, unit: channelByKey(key).unit, scale, offset: 0 };
}

/**
 * A device-fed bed streams the traces a simulated monitor does — ECG II and V (1 µV steps), pleth, respiration,
 * ABP — at the same rates and steps. Pleth and respiration have no physical unit and come in whatever range a
 * device scales them to: they are normalized to 0–1 (device-wave-feed.ts), as the simulator's are.
 */
export const DEVICE_BED_CHANNELS: readonly SourceChannel[] = [
  channel('ECG_II', 250, 0.001),
  channel('ECG_V', 250, 0.001),
  channel('PLETH', 125, 0.0001),
  channel('RESP', 62.5, 0.0001),
  channel('ABP', 125, 0.01),
];
/** The unitless waves, normalized. */
const NORMALIZED: ReadonlySet<ChannelKey> = new Set(['PLETH', 'RESP']);

/** A continuously measured numeric (HR, SpO2, RR, ABP…) older than this is no longer shown. */
export const CONTINUOUS_FRESH_MS = 15_000;
const FRESH_MS: Partial<Record<NumericKey, number>> = {
  NIBP_SYS: 60 * 60_000,
  NIBP_DIA: 60 * 60_000,
  NIBP_MEAN: 60 * 60_000,
  TEMP: 15 * 60_000,
};

/** Chest leads a monitor may send; the first one a device sends is the bed's V trace. */
const CHEST_LEADS: ReadonlySet<ChannelKey> = new Set([
  'ECG_V',
  'ECG_V1',
  'ECG_V2',
  'ECG_V3',
  'ECG_V4',
  'ECG_V5',
  'ECG_V6',
]);

/** What became of one message's waves. */
export interface WaveIntake {
  readonly played: number;
  /** Waves refused because the device sends faster than real time. */
  readonly dropped: number;
  /** Waves of a lead or signal this bed does not show (e.g. lead III beside II). */
  readonly notShown: readonly ChannelKey[];
}

interface HeldNumeric {
  readonly value: NumericValue;
  /** Gateway time it arrived. */
  readonly receivedMs: number;
}

/** One device-fed bed. */
export class DeviceFedBed implements BedSource {
  readonly channels = DEVICE_BED_CHANNELS;
  patient: BedSource['patient'] = null;
  private readonly feeds = new Map<ChannelKey, DeviceWaveFeed>(
    DEVICE_BED_CHANNELS.map((channel) => [channel.key, new DeviceWaveFeed(channel, NORMALIZED.has(channel.key))]),
  );
  private readonly held = new Map<NumericKey, HeldNumeric>();
  /** Devices feeding the bed, in the order they came, with what each is (MSH-3). */
  private readonly attached = new Map<string, string>();
  /** Which chest lead each device's V trace is, once seen. */
  private readonly chestLead = new Map<string, ChannelKey>();
  /** Attached devices that have sent observations: they make the bed monitored. */
  private readonly observing = new Set<string>();

  constructor(readonly label: string) {}

  get origin(): BedSource['origin'] {
    const devices = [...this.attached].map(([id, model]) => (model === '' ? id : `${model} ${id}`));
    return { kind: 'device', detail: devices.length === 0 ? 'no device' : devices.join(', ').slice(0, 200) };
  }

  /** The devices feeding the bed. */
  devices(): readonly string[] {
    return [...this.attached.keys()];
  }

  /** No device sends the bed observations: it is not monitored, and the gateway judges nothing about it. */
  standby(): boolean {
    return this.observing.size === 0;
  }

  /** A device starts feeding the bed. */
  attach(deviceId: string, model: string): void {
    this.attached.set(deviceId, model);
  }

  /** A device no longer feeds the bed; with the last one gone, what it sent is forgotten. */
  detach(deviceId: string): void {
    this.attached.delete(deviceId);
    this.chestLead.delete(deviceId);
    this.observing.delete(deviceId);
    if (this.observing.size > 0) return;
    this.held.clear();
    for (const feed of this.feeds.values()) feed.clear();
  }

  /**
   * A message's numerics, arrived at gateway time `nowMs`. `deviceNowMs` is the message's own time (MSH-7) on the
   * device's clock: only the age of each value (message time − measurement time) is taken from it.
   */
  feedNumerics(deviceId: string, numerics: readonly DeviceNumeric[], deviceNowMs: number | null, nowMs: number): void {
    if (this.attached.has(deviceId)) this.observing.add(deviceId);
    for (const numeric of numerics) {
      const ageMs = deviceNowMs === null ? 0 : Math.max(0, deviceNowMs - numeric.measuredAtMs);
      this.held.set(numeric.key, {
        receivedMs: nowMs,
        value: {
          value: numeric.value,
          unit: numeric.unit,
          origin: 'device',
          measuredAtMs: nowMs - ageMs,
          note: null,
        },
      });
    }
  }

  /** A message's waves from `deviceId`, arrived at gateway time `nowMs`. */
  feedWaves(deviceId: string, waves: readonly DeviceWave[], nowMs: number): WaveIntake {
    if (this.attached.has(deviceId)) this.observing.add(deviceId);
    let played = 0;
    let dropped = 0;
    const notShown: ChannelKey[] = [];
    for (const wave of waves) {
      const key = this.channelFor(deviceId, wave.key);
      const feed = key === null ? undefined : this.feeds.get(key);
      if (feed === undefined) {
        notShown.push(wave.key);
        continue;
      }
      if (feed.feed(wave.samples, wave.sampleRate, nowMs)) played += 1;
      else dropped += 1;
    }
    return { played, dropped, notShown };
  }

  generate(untilMs: number): ChannelChunk[] {
    const chunks: ChannelChunk[] = [];
    for (const feed of this.feeds.values()) {
      const chunk = feed.take(untilMs);
      if (chunk !== null) chunks.push(chunk);
    }
    return chunks;
  }

  numerics(nowMs: number): NumericValues {
    const values: NumericValues = {};
    for (const [key, held] of this.held) {
      const freshFor = FRESH_MS[key] ?? CONTINUOUS_FRESH_MS;
      if (nowMs - held.value.measuredAtMs <= freshFor && nowMs - held.receivedMs <= freshFor) values[key] = held.value;
    }
    return values;
  }

  /** The bed channel a device's wave goes to: II to II, its first chest lead to V, pleth, resp and ABP as sent. */
  private channelFor(deviceId: string, key: ChannelKey): ChannelKey | null {
    if (this.feeds.has(key) && !CHEST_LEADS.has(key)) return key;
    if (!CHEST_LEADS.has(key)) return null;
    const chosen = this.chestLead.get(deviceId) ?? key;
    this.chestLead.set(deviceId, chosen);
    return chosen === key ? 'ECG_V' : null;
  }
}
