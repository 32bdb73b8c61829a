/**
 * Hospital IT's side of users, as they would use it: the users command on a data folder (passwords only on
 * standard input), the gateway creating its first administrator from standard input, and the demo ward's
 * accounts. Real processes, real embedded PostgreSQL; no password ever in an argument or a file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../gateway/identity/demo-accounts';
import { startGatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { createRecordingLogger } from '../../support/recording-logger';

function users(folder: string, args: readonly string[], stdin = '') {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'gateway/tools/users-cli.ts', '--data-dir', folder, ...args],
    { input: stdin, encoding: 'utf8', timeout: 60_000 },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function filesContaining(folder: string, text: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map((entry) => join(folder, String(entry)))
    .filter((path) => statSync(path).isFile() && readFileSync(path).includes(text));
}

describe('users command', () => {
  it('adds, lists, disables and resets users with passwords read from standard input only', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'wardwatch-users-')), 'db');
    expect(
      users(folder, ['add', 'a.nurse', '--role', 'nurse', '--name', 'Ana Nurse'], 'night shift on ward 4B\n'),
    ).toMatchObject({ code: 0, out: 'added a.nurse (nurse)\n' });
    expect(users(folder, ['add', 'b.nurse', '--role', 'nurse', '--name', 'Bo Nurse'], 'short\n')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/refused: a password needs at least 10 characters/),
    });
    expect(
      users(folder, ['add', 'a.nurse', '--role', 'nurse', '--name', 'Again'], 'another long password\n'),
    ).toMatchObject({ code: 1, err: expect.stringMatching(/taken/) });
    expect(users(folder, ['add', 'c.x', '--role', 'janitor', '--name', 'C'], 'another long password\n').code).toBe(2);
    expect(users(folder, ['disable', 'a.nurse']).out).toBe('a.nurse is disabled\n');
    expect(users(folder, ['reset-password', 'a.nurse'], 'a different passphrase\n').code).toBe(0);
    expect(users(folder, ['list']).out).toMatch(/^a\.nurse\s+nurse\s+disabled Ana Nurse\n$/);
    expect(users(folder, ['disable', 'nobody'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/there is no user "nobody"/),
    });
    expect(filesContaining(folder, 'night shift on ward 4B')).toEqual([]);
    expect(filesContaining(folder, 'a different passphrase')).toEqual([]);
    // Nine real runs of the command, each compiling the embedded database's WASM (~2–3 s on two cores).
  }, 180_000);
});

describe('the gateway’s first users', () => {
  it('gives a simulated ward its demo accounts, one per role', async () => {
    const identity = startGatewayIdentity({ kind: 'memory' }, { kind: 'demo' }, createRecordingLogger());
    const store = (await identity.stores).users;
    for (const account of DEMO_ACCOUNTS)
      expect(await store.verify(account.username, account.password)).toMatchObject({ role: account.role });
    await identity.close();
  }, 60_000);

  it('starts a ward of recordings with nobody, and a real ward with the admin it was told to create — password from stdin', async () => {
    const none = startGatewayIdentity({ kind: 'memory' }, { kind: 'none' }, createRecordingLogger());
    expect(await (await none.stores).users.count()).toBe(0);
    await none.close();

    const folder = join(mkdtempSync(join(tmpdir(), 'wardwatch-gw-')), 'db');
    const gateway = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'gateway/gateway-cli.ts',
        '--port',
        '0',
        '--source',
        'record:../shared/data/physionet/mitdb',
        '--data-dir',
        folder,
        '--admin',
        'it.admin',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    gateway.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    gateway.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    gateway.stdin.end('lock down every station\n');
    const deadline = Date.now() + 45_000;
    while (
      !(output.includes('first administrator created') && output.includes('listening on')) &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    // Beside the running gateway the users command refuses (PGlite has no cross-process lock), naming the holder.
    const beside = users(folder, ['list']);
    expect(beside.code).toBe(1);
    expect(beside.err).toMatch(
      /refused: the data folder .* is in use by the gateway at http:\/\/127\.0\.0\.1:\d+ \(process \d+/,
    );
    gateway.kill('SIGTERM');
    await new Promise((resolve) => gateway.once('exit', resolve));
    expect(output).toContain('first administrator created username="it.admin"');
    expect(output).not.toContain('lock down every station');
    expect(users(folder, ['list']).out).toMatch(/^it\.admin\s+admin\s+active/);
    expect(filesContaining(folder, 'lock down every station')).toEqual([]);
  }, 90_000);

  it('keeps demo accounts only while the ward is simulated: on real patients they are refused, their stations forgotten', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'wardwatch-demo-')), 'db');
    const location = { kind: 'folder', path: folder } as const;
    const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin') as (typeof DEMO_ACCOUNTS)[number];

    // First started as a demo: demo.admin signs in and enrolls a station.
    const demo = startGatewayIdentity(location, { kind: 'demo' }, createRecordingLogger());
    const demoStores = await demo.stores;
    const demoAdmin = await demoStores.users.verify(admin.username, admin.password);
    expect(demoAdmin).not.toBeNull();
    const station = await demoStores.stations.enroll('Desk 1', demoAdmin as { id: number });
    const session = await demoStores.sessions.start(demoAdmin as NonNullable<typeof demoAdmin>, 'Desk 1', true);
    await demo.close();

    // The same folder, now on real patients and given a real admin: the published passwords no longer work.
    const logger = createRecordingLogger();
    const real = startGatewayIdentity(
      location,
      { kind: 'admin', username: 'it.admin', password: 'lock down every station' },
      logger,
    );
    const realStores = await real.stores;
    for (const account of DEMO_ACCOUNTS)
      expect(await realStores.users.verify(account.username, account.password)).toBeNull();
    expect(await realStores.stations.verify(station.stationId, station.secret)).toBeNull();
    expect(await realStores.sessions.rotate(session.refreshToken)).toBeNull();
    // --admin is not ignored because demo accounts exist: it is the first real user.
    expect(await realStores.users.verify('it.admin', 'lock down every station')).toMatchObject({ role: 'admin' });
    expect(logger.lines.map((line) => line.message)).toContain(
      'demo accounts disabled: this gateway does not run a simulated ward',
    );
    // Nobody may create an account with a demo name on a real ward.
    await expect(
      realStores.users.add({
        username: 'demo.helper',
        displayName: 'Helper',
        role: 'nurse',
        password: 'long enough pw',
      }),
    ).rejects.toThrow(/reserved for the simulated ward's demo accounts/);
    await real.close();

    // Simulated again: the demo accounts are back; the real admin stays.
    const again = startGatewayIdentity(location, { kind: 'demo' }, createRecordingLogger());
    const againStores = await again.stores;
    expect(await againStores.users.verify(admin.username, admin.password)).toMatchObject({ role: 'admin' });
    expect(await againStores.users.verify('it.admin', 'lock down every station')).toMatchObject({ role: 'admin' });
    await again.close();
  }, 90_000);
});
