/**
 * Streams the ward to its clients: every tick (40 ms) each bed's new samples are encoded once and sent, as one
 * binary batch per client, to the clients that subscribed to that bed's waveforms; every second each bed's
 * numerics go to its subscribers. Waveform batches are volatile — a client whose connection is still busy misses
 * the batch (counted) rather than queueing without bound; census and numerics are reliable. Who gets what is
 * subscriber-fanout.ts's, which fan-out nodes share.
 */
import type { Server, Socket } from 'socket.io';
import { encodeFrames } from '../../common/wire/frame-codec';
import { WARD_EVENTS, type BedNumerics, type Census, type SubscribeRequest } from '../../common/wire/ward-messages';
import type { Logger } from '../../common/logging/logger';
import type { GatewayClock } from './gateway-clock';
import type { ChannelChunk } from '../sources/bed-source';
import type { GatewayStats } from './gateway-stats';
import { framesOfChunks } from './bed-frames';
import type { RegisteredBed } from './ward-registry';
import { createSubscriberFanout, type EncodedTick, type SubscribeResult } from './subscriber-fanout';

export type { SubscribeResult } from './subscriber-fanout';

/** Who else sees what the hub produces: the alarm engine (numerics), full disclosure (samples). */
export interface StreamHubHooks {
  readonly onNumerics?: ((nowMs: number, numerics: readonly BedNumerics[]) => void) | undefined;
  readonly onSamples?: ((bed: RegisteredBed, chunks: readonly ChannelChunk[]) => void) | undefined;
  /** After every tick's samples were generated (the alarm engine's look at the rhythm). */
  readonly onTick?: ((nowMs: number) => void) | undefined;
  /** Each tick's encoded segments as the stations were sent them (a fan-out node streams the same). */
  readonly onTickSent?: ((tick: EncodedTick, batchTimeMs: number) => void) | undefined;
  /** The census each time it changed, as the stations were sent it. */
  readonly onCensus?: ((census: Census) => void) | undefined;
  /** Each second's numerics as the stations were sent them. */
  readonly onNumericsSent?: ((all: readonly BedNumerics[]) => void) | undefined;
  /** What the gateway adds to a bed's numerics before stations get them (its NEWS2), after `onNumerics` saw them. */
  readonly annotate?: ((bed: RegisteredBed, numerics: BedNumerics) => BedNumerics) | undefined;
}

/** Timing of the hub. */
export interface StreamHubOptions {
  readonly tickMs: number;
  readonly numericsMs: number;
}

/** Default timing: 25 waveform batches and one numerics message a second. */
export const DEFAULT_STREAM_TIMING: StreamHubOptions = { tickMs: 40, numericsMs: 1000 };

/** The running hub. */
export interface StreamHub {
  /** Sends the census to a client that just connected; forgets its subscription when it leaves. */
  attach(socket: Socket): void;
  /** Replaces a client's subscription (the request is already authorized and valid). */
  subscribe(socket: Socket, request: SubscribeRequest): SubscribeResult;
  census(): Census;
  /** Sends every client the census as it is now (a device was assigned, a patient admitted). */
  censusChanged(): void;
  stop(): void;
}

/** Starts streaming the beds. */
export function startStreamHub(
  io: Server,
  beds: readonly RegisteredBed[],
  describe: (nowMs: number) => Census,
  clock: GatewayClock,
  stats: GatewayStats,
  logger: Logger,
  timing: StreamHubOptions = DEFAULT_STREAM_TIMING,
  hooks: StreamHubHooks = {},
): StreamHub {
  const { onNumerics, onSamples, onTick, onTickSent, onNumericsSent, onCensus, annotate } = hooks;
  const fanout = createSubscriberFanout(beds, stats, logger);

  const tick = (): void => {
    const now = clock();
    stats.ticks += 1;
    const segments: (Uint8Array | null)[] = [];
    const frameCounts: number[] = [];
    for (const bed of beds) {
      const chunks = bed.source.generate(now);
      for (const chunk of chunks) stats.samplesGenerated += chunk.samples.length;
      onSamples?.(bed, chunks);
      const frames = framesOfChunks(bed.bed, chunks, bed.source.channels);
      stats.framesEncoded += frames.length;
      segments[bed.bed] = frames.length > 0 ? encodeFrames(frames) : null;
      frameCounts[bed.bed] = frames.length;
    }
    onTick?.(now);
    const batchTimeMs = clock();
    fanout.sendTick({ segments, frameCounts }, batchTimeMs);
    onTickSent?.({ segments, frameCounts }, batchTimeMs);
  };

  const sendNumerics = (): void => {
    const now = clock();
    const measured = beds.map((bed): BedNumerics => {
      const values = bed.source.numerics(now);
      const rhythm = Object.keys(values).length === 0 ? null : (bed.source.rhythmLabel?.() ?? null);
      return rhythm === null ? { bed: bed.bed, timeMs: now, values } : { bed: bed.bed, timeMs: now, values, rhythm };
    });
    // The alarm engine sees every bed, silent ones included (a silent bed is an alarm of its own).
    onNumerics?.(now, measured);
    // A bed that reports nothing (its monitor is unplugged) is left out, so stations see its numerics go stale.
    const all: BedNumerics[] = [];
    measured.forEach((numerics, index) => {
      const bed = beds[index];
      if (Object.keys(numerics.values).length === 0 || bed === undefined) return;
      all.push(annotate === undefined ? numerics : annotate(bed, numerics));
    });
    fanout.sendNumerics(all);
    onNumericsSent?.(all);
  };

  const tickTimer = setInterval(tick, timing.tickMs);
  const numericsTimer = setInterval(sendNumerics, timing.numericsMs);

  let census = describe(clock());
  return {
    census: () => census,
    censusChanged() {
      census = describe(clock());
      io.emit(WARD_EVENTS.census, census);
      onCensus?.(census);
    },
    attach(socket) {
      socket.emit(WARD_EVENTS.census, census);
      socket.on('disconnect', () => fanout.forget(socket));
    },
    subscribe: (socket, request) => fanout.subscribe(socket, request),
    stop() {
      clearInterval(tickTimer);
      clearInterval(numericsTimer);
      fanout.clear();
    },
  };
}
