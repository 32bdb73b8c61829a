/**
 * The stations' side of the stream: who subscribed to which beds, and one binary batch (and one numerics message)
 * per station per tick from the beds' encoded frame segments. The stream hub feeds it the segments it encodes; a
 * fan-out node (gateway/fanout/) feeds it the same segments as the leading gateway published them, so that a
 * station gets byte-for-byte the same stream from either node. Waveform batches are volatile — a station whose
 * connection is still busy misses the batch (counted) rather than queueing without bound.
 */
import type { Socket } from 'socket.io';
import { encodeBatch } from '../../common/wire/frame-codec';
import { WARD_EVENTS, type BedNumerics, type SubscribeRequest } from '../../common/wire/ward-messages';
import type { Logger } from '../../common/logging/logger';
import type { GatewayStats } from './gateway-stats';

/** A bed as the fan-out knows it: its id and its wire number. */
export interface FanoutBed {
  readonly bedId: string;
  readonly bed: number;
}

/** What a subscription covers. */
export interface SubscribeResult {
  readonly subscribed: readonly string[];
  readonly unknownBeds: readonly string[];
}

/** One tick's encoded frames: by wire bed number, the bed's frame segment (null: none this tick) and its count. */
export interface EncodedTick {
  readonly segments: readonly (Uint8Array | null | undefined)[];
  readonly frameCounts: readonly (number | null | undefined)[];
}

/** The stations' subscriptions and the sending to them. */
export interface SubscriberFanout {
  /** Replaces a station's subscription (the request is already authorized and valid). */
  subscribe(socket: Socket, request: SubscribeRequest): SubscribeResult;
  /** Forgets a station that left. */
  forget(socket: Socket): void;
  /** Sends each subscriber of waveforms its batch of this tick, stamped `batchTimeMs` (gateway time). */
  sendTick(tick: EncodedTick, batchTimeMs: number): void;
  /** Sends each subscriber the numerics of its beds. */
  sendNumerics(all: readonly BedNumerics[]): void;
  /** Replaces the ward's beds (a fan-out node learns them from the census). */
  setBeds(beds: readonly FanoutBed[]): void;
  clear(): void;
}

interface Subscription {
  readonly all: boolean;
  readonly beds: ReadonlySet<number>;
  readonly waveforms: boolean;
}

/** A fan-out over `beds`; drops and sends are counted in `stats`. */
export function createSubscriberFanout(
  initialBeds: readonly FanoutBed[],
  stats: GatewayStats,
  logger: Logger,
): SubscriberFanout {
  const subscriptions = new Map<Socket, Subscription>();
  let beds = initialBeds;
  let byId = new Map(beds.map((bed) => [bed.bedId, bed]));

  return {
    subscribe(socket, request) {
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
        beds: new Set(known.map((id) => (byId.get(id) as FanoutBed).bed)),
        waveforms,
      });
      return { subscribed: known, unknownBeds };
    },
    forget: (socket) => void subscriptions.delete(socket),
    sendTick({ segments, frameCounts }, batchTimeMs) {
      const assemble = (numbers: Iterable<number>): Uint8Array | null => {
        const parts: Uint8Array[] = [];
        let count = 0;
        for (const number of numbers) {
          const segment = segments[number];
          if (segment === null || segment === undefined) continue;
          parts.push(segment);
          count += frameCounts[number] ?? 0;
        }
        return count === 0 ? null : encodeBatch(parts, count, batchTimeMs);
      };
      // The batch of every bed is the same for all who want every bed: assembled once.
      let everyBed: Uint8Array | null | undefined;
      for (const [socket, subscription] of subscriptions) {
        if (!subscription.waveforms) continue;
        const batch = subscription.all ? (everyBed ??= assemble(segments.keys())) : assemble(subscription.beds);
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
    },
    sendNumerics(all) {
      for (const [socket, subscription] of subscriptions) {
        const message = subscription.all ? all : all.filter((numerics) => subscription.beds.has(numerics.bed));
        if (message.length === 0) continue;
        socket.emit(WARD_EVENTS.numerics, message);
        stats.numericsMessages += 1;
      }
    },
    setBeds(next) {
      beds = next;
      byId = new Map(beds.map((bed) => [bed.bedId, bed]));
    },
    clear: () => subscriptions.clear(),
  };
}
