/**
 * What the gateway streams from: a bed source produces, on demand, every sample due up to a time, and its
 * numerics. Simulated beds and recording replays both implement it, so the streaming code knows neither.
 */
import type { ChannelKey } from '../../common/wire/channel-catalog';
import type { BedDescription, NumericKey, NumericValue } from '../../common/wire/ward-messages';
import type { GatewayError } from '../../common/wire/gateway-reply';

/** A channel as the source produces it: rate and the int16 quantization it uses. */
export interface SourceChannel {
  readonly key: ChannelKey;
  readonly sampleRate: number;
  readonly unit: string;
  /** Physical value = raw × scale + offset. */
  readonly scale: number;
  readonly offset: number;
}

/** New samples of one channel. */
export interface ChannelChunk {
  readonly key: ChannelKey;
  readonly firstSampleIndex: number;
  readonly firstSampleTimeMs: number;
  /** FRAME_FLAGS bits. */
  readonly flags: number;
  readonly samples: Int16Array;
}

/** A bed's numerics, by key. */
export type NumericValues = Partial<Record<NumericKey, NumericValue>>;

/** What a source can be told to play (the demo ward's simulated patients); a recording has no such control. */
export interface ScenarioControl {
  /** The names it plays. */
  readonly scenarios: readonly string[];
  /** Plays `name` from now on; a refusal (REFUSED) when it is not one of {@link scenarios}. */
  play(name: string): GatewayError | null;
}

/** A source of one bed's data. */
export interface BedSource {
  readonly label: string;
  readonly patient: BedDescription['patient'];
  readonly origin: BedDescription['source'];
  readonly channels: readonly SourceChannel[];
  /** Every sample due up to `untilMs` (gateway clock) that was not returned before. */
  generate(untilMs: number): ChannelChunk[];
  /** The numerics now; called about once a second, after `generate`. */
  numerics(nowMs: number): NumericValues;
  /** The rhythm label the gateway's analysis reads in the waves (analysis/analysed-bed.ts only; no device has it). */
  rhythmLabel?(): string | null;
  /** True while nothing feeds the bed (a device-fed bed without a device): not monitored, so it raises no alarm. */
  standby?(): boolean;
  /** Present when the source can change what it plays (a simulated bed); streaming never needs it. */
  readonly scenarioControl?: ScenarioControl;
}
