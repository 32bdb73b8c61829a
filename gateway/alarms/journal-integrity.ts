/**
 * What makes the alarm journal's hash chain evidence rather than a checksum: a key and an anchor outside the
 * database.
 *
 * - The chain is keyed: every new event's hash is an HMAC-SHA256 under the journal key, so whoever can write the
 *   database but not read the key cannot rewrite events and recompute the chain. The key is a 0600 file in the
 *   gateway's data folder, beside — not inside — the database folder (docs/decisions/0017): a gateway runs as a
 *   service with no desktop session, so there is no OS keychain to ask, and a copy of the database alone does not
 *   carry it. A gateway without a data folder keeps a random key in memory (its journal lives in memory too).
 * - The head is anchored: every {@link CHECKPOINT_EVERY} events (and at shutdown) the gateway appends a checkpoint
 *   — the last sequence number and its hash, HMAC-signed — to a file outside the database, so a verify that finds
 *   fewer events than the last checkpoint, or another hash at its sequence number, reports a cut tail or a
 *   rewrite. Only the events after the last checkpoint could be cut unseen.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Events between checkpoints. */
export const CHECKPOINT_EVERY = 100;

/** A signed head of the chain. */
export interface JournalCheckpoint {
  readonly seq: number;
  readonly hash: string;
  readonly atMs: number;
}

/** The journal's key and its checkpoint log. */
export interface JournalIntegrity {
  /** The keyed hash of `content` (hex). */
  mac(content: string): string;
  /** Appends a signed checkpoint. */
  checkpoint(head: JournalCheckpoint): void;
  /** The last checkpoint whose signature holds; `forged` counts lines whose signature does not. */
  lastCheckpoint(): { readonly checkpoint: JournalCheckpoint | null; readonly forged: number };
}

/** The key file's name in a gateway data folder. */
export const JOURNAL_KEY_FILE = 'journal.key';
/** The checkpoint log's name in a gateway data folder. */
export const CHECKPOINT_FILE = 'journal-checkpoints.log';

function integrityOver(key: Buffer, append: ((line: string) => void) | null, read: () => string): JournalIntegrity {
  const mac = (content: string): string => createHmac('sha256', key).update(content).digest('hex');
  const signed = (head: JournalCheckpoint): string => mac(`checkpoint\n${head.seq}\n${head.hash}\n${head.atMs}`);
  const memory: string[] = [];
  return {
    mac,
    checkpoint(head) {
      const line = `${JSON.stringify({ ...head, mac: signed(head) })}\n`;
      if (append === null) memory.push(line);
      else append(line);
    },
    lastCheckpoint() {
      let checkpoint: JournalCheckpoint | null = null;
      let forged = 0;
      const text = append === null ? memory.join('') : read();
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          const parsed = JSON.parse(line) as JournalCheckpoint & { mac: string };
          const expected = Buffer.from(signed(parsed));
          const given = Buffer.from(String(parsed.mac));
          if (expected.length === given.length && timingSafeEqual(expected, given)) {
            if (checkpoint === null || parsed.seq >= checkpoint.seq)
              checkpoint = { seq: parsed.seq, hash: parsed.hash, atMs: parsed.atMs };
          } else forged += 1;
        } catch {
          forged += 1;
        }
      }
      return { checkpoint, forged };
    },
  };
}

/** A key that lives as long as this process, for a gateway without a data folder. */
export function memoryJournalIntegrity(): JournalIntegrity {
  return integrityOver(randomBytes(32), null, () => '');
}

/**
 * The data folder's journal key (made on first use, 0600) and checkpoint log.
 * @throws Error when the key file exists but is not a key (never silently replaced: old events would not verify).
 */
export function folderJournalIntegrity(dataDir: string): JournalIntegrity {
  const keyPath = join(dataDir, JOURNAL_KEY_FILE);
  const checkpointPath = join(dataDir, CHECKPOINT_FILE);
  // With a PostgreSQL server nothing else has made the data folder yet.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existsSync(keyPath)) writeFileSync(keyPath, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  // Readable by others means copyable by others: tighten it, as ssh does for its keys.
  if ((statSync(keyPath).mode & 0o077) !== 0) chmodSync(keyPath, 0o600);
  const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${keyPath} is not a journal key (32 bytes, base64); restore it from backup`);
  return integrityOver(
    key,
    (line) => appendFileSync(checkpointPath, line, { mode: 0o600 }),
    () => (existsSync(checkpointPath) ? readFileSync(checkpointPath, 'utf8') : ''),
  );
}
