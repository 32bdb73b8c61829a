/**
 * One process at a time on a gateway data folder (issue 14, finding 4): PGlite takes no cross-process lock, so
 * the users command beside a live gateway could corrupt its database. Real files, real processes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFolderLockedError, LOCK_FILE, lockDataFolder } from '../../../../gateway/storage/data-folder-lock';

const folder = (): string => mkdtempSync(join(tmpdir(), 'wardwatch-lock-'));

describe('the data folder lock', () => {
  it('refuses a second holder while the first lives, naming it, and frees the folder on release', () => {
    const dir = folder();
    const first = lockDataFolder(dir, 'gateway (starting)');
    first.describe('gateway at https://gw.ward:8420');
    expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    // Another process's view: this test's own pid is alive, so pretend the file is someone else's.
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.ppid, what: 'gateway at https://gw.ward:8420', sinceMs: 1 }),
    );
    expect(() => lockDataFolder(dir, 'users command')).toThrow(DataFolderLockedError);
    expect(() => lockDataFolder(dir, 'users command')).toThrow(
      /in use by the gateway at https:\/\/gw\.ward:8420 \(process \d+/,
    );
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, what: 'gateway', sinceMs: 1 }));
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataFolder(dir, 'users command').release();
  });

  it('takes over the lock of a process that died without releasing it (kill -9, a crash)', () => {
    const dir = folder();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid as number;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead, what: 'gateway at http://x', sinceMs: 1 }));
    const taken = lockDataFolder(dir, 'gateway (starting)');
    taken.release();
    writeFileSync(join(dir, LOCK_FILE), 'not json at all');
    lockDataFolder(dir, 'gateway (starting)').release();
  });
});
