/**
 * No secret ever lands in a file or a log: a ward gateway (its own process, database on disk) and a station
 * (a process per step, real keychain — gnome-keyring in a throwaway D-Bus session and HOME) go through
 * enrollment by an admin, a nurse who stays signed in, a restart that restores her from the keychain, and
 * sign-out + forget. Then every file under the station's and the gateway's data folders, and everything either
 * printed, is searched for every password, token and secret that was in play.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../gateway/identity/demo-accounts';
import { stationLogPath } from '../../../main/logging/station-log';

interface ProbeReport {
  readonly probe: string;
  readonly ok: boolean;
  readonly report: {
    session: { user: { username: string; staySignedIn: boolean } | null; stationAccess: string; notice: string | null };
    vaultAccounts: string[];
    vaultSecrets: Record<string, string | null>;
    accessToken?: string | null;
    viewToken: string | null;
    [step: string]: unknown;
  };
}

const root = mkdtempSync(join(tmpdir(), 'wardwatch-secrets-'));
const home = join(root, 'home');
const stationData = join(root, 'station');
const gatewayData = join(root, 'gateway');
let gatewayOutput = '';
let gatewayUrl = '';
let stopGateway: () => void = () => undefined;
const probes: ProbeReport[] = [];
let probeLogs = '';

beforeAll(async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'gateway/gateway-cli.ts', '--port', '0', '--beds', '2', '--data-dir', gatewayData],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  stopGateway = () => child.kill('SIGTERM');
  gatewayUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${gatewayOutput}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      gatewayOutput += chunk.toString();
      const match = /listening on (\S+)/.exec(gatewayOutput);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });

  // All four station runs in one keyring session, each its own process.
  const quote = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;
  const steps = ['enroll', 'stay', 'restart', 'leave'].map((step) =>
    [process.execPath, '--import', 'tsx', 'test/support/station-probe.ts', gatewayUrl, stationData, step]
      .map(quote)
      .join(' '),
  );
  spawnSync('mkdir', ['-p', home]);
  const run = spawnSync(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      ['echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null', ...steps].join(
        '; ',
      ),
    ],
    {
      env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (run.error)
    throw new Error(
      `dbus-run-session could not run (${run.error.message}); install dbus and gnome-keyring (scripts/install-system-packages.sh)`,
    );
  probeLogs = run.stderr;
  for (const line of run.stdout.split('\n'))
    if (line.startsWith('{"probe"')) probes.push(JSON.parse(line) as ProbeReport);
}, 180_000);

afterAll(() => stopGateway());

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map((entry) => join(folder, String(entry)))
    .filter((path) => statSync(path).isFile());
}

function step(name: string): ProbeReport['report'] {
  const found = probes.find((probe) => probe.probe === name);
  if (found === undefined || !found.ok)
    throw new Error(`station step ${name} failed: ${JSON.stringify(found)}\n${probeLogs.slice(-3000)}`);
  return found.report;
}

describe('secrets at rest and in logs', () => {
  it('enrolls, stays signed in across a restart, and forgets — through the keychain', () => {
    const enroll = step('enroll');
    expect(enroll.enroll).toMatchObject({ ok: true, value: { stationAccess: 'enrolled' } });
    expect(enroll.vaultAccounts).toEqual([expect.stringMatching(/^enrollment\./)]);

    const stay = step('stay');
    expect(stay.session).toMatchObject({
      user: { username: 'demo.nurse', staySignedIn: true },
      stationAccess: 'enrolled',
      notice: null,
    });
    expect(stay.vaultAccounts.sort()).toEqual([
      expect.stringMatching(/^enrollment\./),
      expect.stringMatching(/^refresh\./),
    ]);

    const restart = step('restart');
    expect(restart.session).toMatchObject({
      user: { username: 'demo.nurse', staySignedIn: true },
      stationAccess: 'enrolled',
      notice: null,
    });
    expect(restart.viewToken).toEqual(expect.any(String));

    const leave = step('leave');
    expect(leave.session).toMatchObject({ user: null, stationAccess: 'none' });
    expect(leave.vaultAccounts).toEqual([]);
  });

  it('finds no password, token or secret in any file the station or gateway wrote, nor in their logs', () => {
    const secrets = new Set<string>();
    for (const account of DEMO_ACCOUNTS) secrets.add(account.password);
    for (const probe of probes) {
      for (const value of Object.values(probe.report.vaultSecrets)) {
        if (value === null) continue;
        secrets.add(value);
        // The entries are JSON; each secret inside is looked for on its own, too.
        for (const inner of Object.values(JSON.parse(value) as Record<string, string>))
          if (inner.length >= 20) secrets.add(inner);
      }
      if (typeof probe.report.accessToken === 'string') secrets.add(probe.report.accessToken);
      if (probe.report.viewToken !== null) secrets.add(probe.report.viewToken);
    }
    expect(secrets.size).toBeGreaterThanOrEqual(8);

    const files = [...filesUnder(stationData), ...filesUnder(gatewayData)];
    expect(files).toContain(stationLogPath(stationData));
    expect(files.some((file) => file.startsWith(gatewayData))).toBe(true);
    const logText = readFileSync(stationLogPath(stationData), 'utf8');
    expect(logText).toMatch(/stay-signed-in user restored from the keychain/);

    const leaks: string[] = [];
    for (const file of files) {
      const content = readFileSync(file);
      for (const secret of secrets) if (content.includes(secret)) leaks.push(`${file} holds ${secret.slice(0, 6)}…`);
    }
    for (const [name, text] of [
      ['station output', probeLogs],
      ['gateway output', gatewayOutput],
    ] as const) {
      for (const secret of secrets) if (text.includes(secret)) leaks.push(`${name} holds ${secret.slice(0, 6)}…`);
    }
    expect(leaks).toEqual([]);
  });
});
