/**
 * Streams the ward to its clients: every tick (40 ms) each bed's new samples are encoded once and sent, as one
 * binary batch per client, to the clients that subscribed to that bed's waveforms; every second each bed's
 * numerics go to its subscribers. Waveform batches are volatile — a client whose connection is still busy misses
 * the batch (counted) rather than queueing without bound; census and numerics are reliable.
 */
import type { Server, Socket } from 'socket.io';
import { encodeBatch, encodeFrames } from '../../common/wire/frame-codec';
import { WARD_EVENTS, type BedNumerics, type Census, type SubscribeRequest } from '../../common/wire/ward-messages';
import type { Logger } from '../../common/logging/logger';
import type { GatewayClock } from './gateway-clock';
import type { ChannelChunk } from '../sources/bed-source';
import type { GatewayStats } from './gateway-stats';
import { framesOfChunks } from './bed-frames';
import type { RegisteredBed } from './ward-registry';

/** A client's subscription. */
interface Subscription {
  readonly all: boolean;
  readonly beds: ReadonlySet<number>;
  readonly waveforms: boolean;
}

/** What a subscription covers. */
export interface SubscribeResult {
  readonly subscribed: readonly string[];
  readonly unknownBeds: readonly string[];
}

/** Who else sees what the hub produces: the alarm engine (numerics), full disclosure (samples). */
export interface StreamHubHooks {
  readonly onNumerics?: ((nowMs: number, numerics: readonly BedNumerics[]) => void) | undefined;
  readonly onSamples?: ((bed: RegisteredBed, chunks: readonly ChannelChunk[]) => void) | undefined;
  /** After every tick's samples were generated (the alarm engine's look at the rhythm). */
  readonly onTick?: ((nowMs: number) => void) | undefined;
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
  const { onNumerics, onSamples, onTick, annotate } = hooks;
  const subscriptions = new Map<Socket, Subscription>();
  const byId = new Map(beds.map((bed) => [bed.bedId, bed]));

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
    let everyBed: Uint8Array | null = null;
    const batchFor = (subscription: Subscription): Uint8Array | null => {
      if (subscription.all) {
        everyBed ??= assemble(beds.map((bed) => bed.bed));
        return everyBed;
      }
      return assemble([...subscription.beds]);
    };
    const assemble = (numbers: readonly number[]): Uint8Array | null => {
      const parts: Uint8Array[] = [];
      let count = 0;
      for (const number of numbers) {
        const segment = segments[number];
        if (segment === null || segment === undefined) continue;
        parts.push(segment);
        count += frameCounts[number] ?? 0;
      }
      return count === 0 ? null : encodeBatch(parts, count, clock());
    };
    for (const [socket, subscription] of subscriptions) {
      if (!subscription.waveforms) continue;
      const batch = batchFor(subscription);
      if (batch === null) continue;
      // The same test socket.io's volatile flag makes, done here so that every drop is counted.
      if (!socket.conn.transport.writable) {
        stats.batchesDropped += 1;
        continue;
      }
      socket.volatile.emit(WARD_EVENTS.waves, batch);
      stats.batchesSent += 1;
      stats.bytesSent += batch.byteLength;
    }
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
    for (const [socket, subscription] of subscriptions) {
      const message = subscription.all ? all : all.filter((numerics) => subscription.beds.has(numerics.bed));
      if (message.length === 0) continue;
      socket.emit(WARD_EVENTS.numerics, message);
      stats.numericsMessages += 1;
    }
  };

  const tickTimer = setInterval(tick, timing.tickMs);
  const numericsTimer = setInterval(sendNumerics, timing.numericsMs);

  let census = describe(clock());
  return {
    census: () => census,
    censusChanged() {
      census = describe(clock());
      io.emit(WARD_EVENTS.census, census);
    },
    attach(socket) {
      socket.emit(WARD_EVENTS.census, census);
      socket.on('disconnect', () => subscriptions.delete(socket));
    },
    subscribe,
    stop() {
      clearInterval(tickTimer);
      clearInterval(numericsTimer);
      subscriptions.clear();
    },
  };

  function subscribe(socket: Socket, request: SubscribeRequest): SubscribeResult {
    const { beds: wanted, waveforms } = request;
    if (wanted === 'all') {
      subscriptions.set(socket, { all: true, beds: new Set(beds.map((bed) => bed.bed)), waveforms });
      return { subscribed: beds.map((bed) => bed.bedId), unknownBeds: [] };
    }
    const known = wanted.filter((id) => byId.has(id));
    const unknownBeds = wanted.filter((id) => !byId.has(id));
    if (unknownBeds.length > 0) {
      stats.unknownBedRequests += unknownBeds.length;
      logger.warn('subscription names unknown beds', {
        station: String(socket.data.stationName),
        unknown: unknownBeds.slice(0, 5).join(','),
      });
    }
    subscriptions.set(socket, {
      all: false,
      beds: new Set(known.map((id) => (byId.get(id) as RegisteredBed).bed)),
      waveforms,
    });
    return { subscribed: known, unknownBeds };
  }
}
