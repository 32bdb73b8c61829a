/**
 * The gateway program stops on SIGTERM whatever it is doing — also a standby that is taking over the ward at that
 * very moment (the leader just stopped, the service manager stops the standby too: an end of the ward's service).
 * A signal that landed as the start finished used to be lost — the program swapped its signal listeners then, and
 * Node drops a signal not yet dispatched with the listener — and the gateway ran on until killed (seen at the end
 * of a test:faults run). Real processes: the program under
 * tsx, PostgreSQL from Debian.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/free-port';
import { freshDatabase } from '../../support/test-databases';
import { foldersWithWardJournalKey } from '../../support/ward-journal-key';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The gateway program on `databaseUrl`; `output()` is what it printed so far. */
function gatewayProgram(databaseUrl: string, dataDir: string, port: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'gateway/gateway-cli.ts', '--port', String(port), '--beds', '2'].concat([
      '--data-dir',
      dataDir,
      '--database',
      databaseUrl,
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const printed = (pattern: RegExp, ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not printed within ${ms} ms: ${pattern}\n${output}`)), ms);
      const check = (): void => {
        if (!pattern.test(output)) return;
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
        resolve();
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, printed, exited, output: () => output };
}

describe('the gateway program on SIGTERM', () => {
  it('stops a standby that is taking over the ward when the signal comes', async () => {
    const location = await freshDatabase('postgres');
    if (location.kind !== 'server') throw new Error('expected a PostgreSQL server');
    const root = mkdtempSync(join(tmpdir(), 'wardwatch-cli-stop-'));
    const [leaderDir, standbyDir] = foldersWithWardJournalKey([join(root, 'a'), join(root, 'b')]) as [string, string];
    const leader = gatewayProgram(location.url, leaderDir, await freePort());
    await leader.printed(/listening on/, 60_000);
    const standby = gatewayProgram(location.url, standbyDir, await freePort());
    await standby.printed(/standby: another gateway leads this ward/, 60_000);

    leader.child.kill('SIGTERM');
    expect(await leader.exited).toBe(0);
    // The moment it has the lead and starts the ward: the signal now lands in the middle of the start.
    await standby.printed(/taking over the ward/, 10_000);
    const signalledAt = Date.now();
    standby.child.kill('SIGTERM');
    const code = await Promise.race([
      standby.exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
    ]);
    expect(code, standby.output().slice(-1500)).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
  }, 120_000);
});
