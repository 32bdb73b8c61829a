/**
 * Acknowledgments that have not reached the gateway yet, kept in the station's data folder so that a station
 * restarted during an outage (a crash, a power cut, an update) still delivers what its nurses did. An entry holds
 * no secret: the alarm, the idempotency key the gateway recognizes it by, and who made it — the replay travels
 * under that clinician's own sign-in, never a stored token. Writes replace the file atomically (a temporary file,
 * then rename), so a crash mid-write leaves the previous list, not half of one. A file that does not read as
 * this schema is set aside (renamed, never deleted) and the station says so in its log.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeError, type Logger } from '../../common/logging/logger';

/** The file's name in the station's data folder. */
export const ACKNOWLEDGMENT_QUEUE_FILE = 'queued-acknowledgments.json';

/** Most entries kept (a ward's worth of alarms acknowledged through a long outage). */
export const ACKNOWLEDGMENT_QUEUE_LIMIT = 1024;

/** One acknowledgment made at this station and not (yet) recorded by the gateway. */
export const queuedAcknowledgmentSchema = z.object({
  alarmId: z.string().min(1).max(64),
  idempotencyKey: z.string().min(8).max(64),
  username: z.string().min(1).max(32),
  displayName: z.string().min(1).max(80),
  /** What the alarm said when she acknowledged it ("Bed 3 · VF"), for the list of undelivered ones. */
  label: z.string().min(1).max(160),
  /** `queued`: it will be sent; `not-delivered`: the gateway refused it for good, and `reason` says why. */
  state: z.enum(['queued', 'not-delivered']),
  reason: z.string().max(300).nullable(),
});

/** See {@link queuedAcknowledgmentSchema}. */
export type QueuedAcknowledgment = z.infer<typeof queuedAcknowledgmentSchema>;

const fileSchema = z.object({
  version: z.literal(1),
  entries: z.array(queuedAcknowledgmentSchema).max(ACKNOWLEDGMENT_QUEUE_LIMIT),
});

/** Where the queue is kept: a file in the data folder, or nowhere (a station without one: memory only). */
export interface AcknowledgmentQueueStore {
  load(): QueuedAcknowledgment[];
  save(entries: readonly QueuedAcknowledgment[]): void;
}

/** A store that keeps nothing (no data folder). */
export const MEMORY_ACKNOWLEDGMENT_QUEUE: AcknowledgmentQueueStore = { load: () => [], save: () => undefined };

/** The queue file in `dataDir`. Reading and writing never throw: a failure is logged and the queue lives on. */
export function acknowledgmentQueueFile(dataDir: string, logger: Logger): AcknowledgmentQueueStore {
  const path = join(dataDir, ACKNOWLEDGMENT_QUEUE_FILE);
  return {
    load() {
      if (!existsSync(path)) return [];
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        logger.error('the queued acknowledgments could not be read', { path, reason: describeError(error) });
        return [];
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const read = fileSchema.safeParse(parsed);
      if (read.success) return read.data.entries;
      const aside = `${path}.unreadable-${Date.now()}`;
      try {
        renameSync(path, aside);
      } catch {
        // Left where it is: the next save replaces it, the log below still says what happened.
      }
      logger.error('the queued acknowledgments file is not readable; it was set aside and the queue starts empty', {
        path: aside,
      });
      return [];
    },
    save(entries) {
      const temporary = `${path}.writing`;
      try {
        mkdirSync(dataDir, { recursive: true });
        writeFileSync(temporary, JSON.stringify({ version: 1, entries }), { mode: 0o600 });
        renameSync(temporary, path);
      } catch (error) {
        logger.error('the queued acknowledgments could not be saved; they are kept in memory', {
          path,
          count: entries.length,
          reason: describeError(error),
        });
      }
    },
  };
}
