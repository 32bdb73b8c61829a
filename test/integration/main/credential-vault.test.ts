/**
 * The vault against a real Secret Service: Debian's gnome-keyring in a throwaway D-Bus session with a throwaway
 * HOME. Each step is a separate station process, so "read back after a restart" is literal. Also: an absent and
 * a locked keychain give their specific errors, and the secret never lands in a file in plaintext.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PROBE = ['--import', 'tsx', 'test/support/vault-probe.ts'];

interface ProbeResult {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly code?: string;
  readonly message?: string;
}

/** Runs probe steps, one process each, inside one D-Bus session with gnome-keyring (unlocked or not). */
function inKeyringSession(home: string, steps: readonly string[][], keyring: 'unlocked' | 'locked'): ProbeResult[] {
  const start =
    keyring === 'unlocked'
      ? 'echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
      : 'gnome-keyring-daemon --start --components=secrets >/dev/null';
  const quote = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;
  const commands = steps.map((step) => [process.execPath, ...PROBE, ...step].map(quote).join(' '));
  const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', [start, ...commands].join('; ')], {
    env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.error)
    throw new Error(
      `dbus-run-session could not run (${run.error.message}); install dbus and gnome-keyring (scripts/install-system-packages.sh)`,
    );
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ProbeResult);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map((entry) => join(folder, String(entry)))
    .filter((path) => statSync(path).isFile());
}

describe('credential vault on a real Secret Service', () => {
  it('stores a secret, reads it back after a restart, lists and deletes it — and no file holds it in plaintext', () => {
    const home = mkdtempSync(join(tmpdir(), 'wardwatch-vault-'));
    const secret = `station-secret-${Math.random().toString(36).slice(2)}`;
    const results = inKeyringSession(
      home,
      [
        ['check'],
        ['set', 'station-secret', secret],
        ['get', 'station-secret'],
        ['list'],
        ['delete', 'station-secret'],
        ['get', 'station-secret'],
        ['delete', 'station-secret'],
      ],
      'unlocked',
    );
    expect(results).toEqual([
      { ok: true, value: null },
      { ok: true, value: null },
      { ok: true, value: secret },
      { ok: true, value: ['station-secret'] },
      { ok: true, value: true },
      { ok: true, value: null },
      { ok: true, value: false },
    ]);
    const leaked = filesUnder(home).filter((path) => readFileSync(path).includes(secret));
    expect(leaked).toEqual([]);
  });

  it('says the keychain is unavailable when there is no Secret Service at all', () => {
    const run = spawnSync(process.execPath, [...PROBE, 'set', 'station-secret', 'x'], {
      env: { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'wardwatch-vault-')) },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const result = JSON.parse(run.stdout.trim()) as ProbeResult;
    expect(result).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
    expect(result.message).toMatch(/never stores credentials in a file/);
  });

  it('says the keychain is locked when nobody unlocked it, for writes and for the start-up check', () => {
    const results = inKeyringSession(
      mkdtempSync(join(tmpdir(), 'wardwatch-vault-')),
      [['set', 'station-secret', 'x'], ['check'], ['get', 'station-secret']],
      'locked',
    );
    expect(results[0]).toMatchObject({ ok: false, code: 'KEYCHAIN_LOCKED' });
    expect(results[1]).toMatchObject({ ok: false, code: 'KEYCHAIN_LOCKED' });
    // A read of a locked keyring finds nothing rather than failing: why the station runs check() at start-up.
    expect(results[2]).toEqual({ ok: true, value: null });
  });

  it('refuses account names that are not plain identifiers', () => {
    const results = inKeyringSession(
      mkdtempSync(join(tmpdir(), 'wardwatch-vault-')),
      [['set', '../etc/passwd', 'x']],
      'unlocked',
    );
    expect(results[0]).toMatchObject({ ok: false, code: 'INVALID_ACCOUNT' });
  });
});
