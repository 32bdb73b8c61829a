/**
 * Keeps the ward's trends (issue 16): every second's numerics of every bed go through the minute collector, and
 * closed minutes are written to the database every 10 s in a batch — off the streaming path, so a slow database
 * delays the trend, never a tile. Rows that cannot be written wait (bounded: a day of a full ward) and are retried;
 * beyond that the oldest are dropped and counted. Rows older than the policy's trend window are pruned hourly.
 */
import { describeError, type Logger } from '../../common/logging/logger';
import type { BedNumerics } from '../../common/wire/ward-messages';
import { MinuteTrendCollector, type MinuteTrend, type TrendValues } from './minute-trends';
import type { TrendStore } from './trend-store';

const WRITE_EVERY_MS = 10_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Rows kept while the database cannot take them: 24 h × 64 beds × 12 trended keys. */
const MAX_WAITING_ROWS = 24 * 60 * 64 * 12;

/** A running recorder. */
export interface TrendRecorder {
  /** Takes one second's numerics (the stream hub's numerics hook), and what the gateway derived (NEWS2) by bed. */
  observe(nowMs: number, measured: readonly BedNumerics[], derived?: (bedId: string) => TrendValues): void;
  /** Writes what is closed (and, at shutdown, what is open). */
  flush(all?: boolean): Promise<void>;
  counts(): { readonly written: number; readonly waiting: number; readonly dropped: number; readonly late: number };
  stop(): void;
}

/** Starts recording; `bedIdOf` maps a wire bed number to its id. */
export function startTrendRecorder(options: {
  readonly store: Promise<TrendStore> | null;
  readonly bedIdOf: (bed: number) => string | undefined;
  /** The trend window in hours (the policy's), read at each prune. */
  readonly keepHours: () => number;
  readonly now: () => number;
  readonly logger: Logger;
}): TrendRecorder {
  const { logger, now } = options;
  const collector = new MinuteTrendCollector();
  let waiting: MinuteTrend[] = [];
  let written = 0;
  let dropped = 0;
  let store: TrendStore | null = null;
  options.store?.then(
    (opened) => (store = opened),
    () => undefined,
  );
  let writing: Promise<void> = Promise.resolve();
  const keep = (rows: readonly MinuteTrend[]): void => {
    waiting.push(...rows);
    if (waiting.length > MAX_WAITING_ROWS) {
      dropped += waiting.length - MAX_WAITING_ROWS;
      waiting = waiting.slice(waiting.length - MAX_WAITING_ROWS);
    }
  };
  const write = (): Promise<void> => {
    writing = writing.then(async () => {
      if (store === null || waiting.length === 0) return;
      const batch = waiting;
      waiting = [];
      try {
        await store.write(batch);
        written += batch.length;
      } catch (error) {
        keep(batch);
        logger.warn('trend rows could not be written; retried', { rows: batch.length, reason: describeError(error) });
      }
    });
    return writing;
  };
  const writeTimer = setInterval(() => {
    keep(collector.flush(now()));
    void write();
  }, WRITE_EVERY_MS);
  writeTimer.unref?.();
  const pruneTimer = setInterval(() => {
    void store
      ?.prune(now() - options.keepHours() * 3_600_000)
      .catch((error: unknown) => logger.warn('trends could not be pruned', { reason: describeError(error) }));
  }, PRUNE_EVERY_MS);
  pruneTimer.unref?.();
  return {
    observe(nowMs, measured, derived) {
      for (const numerics of measured) {
        const bedId = options.bedIdOf(numerics.bed);
        if (bedId === undefined) continue;
        const values = derived === undefined ? numerics.values : { ...numerics.values, ...derived(bedId) };
        keep(collector.add(bedId, values, nowMs));
      }
    },
    flush: async (all = false) => {
      keep(collector.flush(now(), all));
      await write();
    },
    counts: () => ({ written, waiting: waiting.length, dropped, late: collector.late }),
    stop: () => {
      clearInterval(writeTimer);
      clearInterval(pruneTimer);
    },
  };
}
