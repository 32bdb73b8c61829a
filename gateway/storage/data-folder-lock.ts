/**
 * One process at a time on a gateway data folder. PGlite takes no cross-process lock, so a second writer — a
 * second gateway, or the users or journal command beside a running gateway — can corrupt the database. The
 * gateway holds `gateway.lock` (its pid and address) for as long as it runs; the commands and a second gateway
 * refuse a folder whose holder is alive, naming it, and take over a lock whose process has died (a crash).
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Who holds a folder. */
export interface FolderHolder {
  readonly pid: number;
  /** The holder's own words: "gateway at https://…" or "users command". */
  readonly what: string;
  readonly sinceMs: number;
}

/** A folder another live process holds. */
export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: FolderHolder,
  ) {
    super(
      `the data folder ${folder} is in use by the ${holder.what} (process ${holder.pid}, since ${new Date(holder.sinceMs).toISOString()}); stop it first, or manage users through the running gateway (an admin's Station screen or its admin API)`,
    );
    this.name = 'DataFolderLockedError';
  }
}

/** The lock file's name inside a data folder. */
export const LOCK_FILE = 'gateway.lock';

/** A held lock. */
export interface DataFolderLock {
  /** Tells later holders what this process is now (e.g. the gateway's address once it listens). */
  describe(what: string): void;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): FolderHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<FolderHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.what === 'string' && typeof parsed.sinceMs === 'number'
      ? { pid: parsed.pid, what: parsed.what, sinceMs: parsed.sinceMs }
      : null;
  } catch {
    return null;
  }
}

/**
 * Takes the folder for this process. @throws DataFolderLockedError when a live process holds it.
 */
export function lockDataFolder(folder: string, what: string): DataFolderLock {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, LOCK_FILE);
  let holder: FolderHolder = { pid: process.pid, what, sinceMs: Date.now() };
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeFileSync(path, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const current = readHolder(path);
      if (current !== null && current.pid !== process.pid && alive(current.pid))
        throw new DataFolderLockedError(folder, current);
      // The holder died without releasing (a crash, kill -9), or the file is unreadable: take it over.
      rmSync(path, { force: true });
    }
  }
  let released = false;
  return {
    describe(next) {
      if (released) return;
      holder = { ...holder, what: next };
      writeFileSync(path, JSON.stringify(holder), { mode: 0o600 });
    },
    release() {
      if (released) return;
      released = true;
      if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

/**
 * For a command-line tool: the folder's lock, or null after telling the user, on standard error, which process
 * holds the folder (the tool then exits 1).
 */
export function lockForCommand(folder: string, what: string): DataFolderLock | null {
  try {
    return lockDataFolder(folder, what);
  } catch (error) {
    if (!(error instanceof DataFolderLockedError)) throw error;
    console.error(`refused: ${error.message}`);
    return null;
  }
}
