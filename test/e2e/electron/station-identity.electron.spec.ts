/**
 * The same first screen in the real Electron app (the Element Desktop habit: a fresh profile per test, the
 * network blocked except loopback). Runs wherever an Electron binary is installed; skipped here, where it
 * cannot be downloaded, with the reason in the report.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_CHANNELS } from '../../../common/ipc/channels';
import { electronSpecSetup } from '../support/electron-binary';
import { signInAt } from '../support/station-processes';

const { binary, track } = electronSpecSetup();

test('the Electron station shows its identity and a connected gateway, hardened', async () => {
  if ('missing' in binary) return;
  const profile = mkdtempSync(join(tmpdir(), 'wardwatch-electron-'));
  const app = track(
    await electron.launch({
      executablePath: binary.path,
      args: [
        '.',
        `--user-data-dir=${profile}`,
        '--station-name',
        'Electron station',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    }),
  );
  const page = await app.firstWindow();
  await page.getByRole('button', { name: 'Station' }).click();
  await expect(page.getByTestId('station-name')).toHaveText('Electron station');
  await expect(page.getByTestId('panel-control').getByTestId('link-gateway')).toHaveText('Connected');
  await expect(page.getByTestId('panel-stream').getByTestId('link-stream')).toHaveText('Connected');
  await expect(page).toHaveURL(/^app:\/\/station\//);

  // The page has no Node, and the preload exposed only the contract's named methods.
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  const exposed = await page.evaluate(() =>
    Object.keys((globalThis as unknown as { wardwatch: object }).wardwatch).sort(),
  );
  expect(exposed).toEqual([...Object.keys(CALL_CHANNELS), 'subscribe'].sort());
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  // A new window is denied and navigation away is blocked.
  await page.evaluate(() => globalThis.open('https://example.org'));
  expect(app.windows()).toHaveLength(1);
  await page.evaluate(() => {
    globalThis.location.href = 'https://example.org';
  });
  await expect(page).toHaveURL(/^app:\/\/station\//);
});

test('a nurse signs in, locks, unlocks and signs out in the Electron station', async () => {
  if ('missing' in binary) return;
  const profile = mkdtempSync(join(tmpdir(), 'wardwatch-electron-'));
  const app = track(
    await electron.launch({
      executablePath: binary.path,
      args: ['.', `--user-data-dir=${profile}`, '--beds', '2'],
    }),
  );
  const page = await app.firstWindow();
  await signInAt(page, 'nurse');
  await page.getByRole('button', { name: 'Lock' }).click();
  const lock = page.getByTestId('lock-panel');
  await expect(lock).toBeVisible();
  await lock.getByLabel('Password').fill('demo-nurse-4B');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('session-user')).toHaveText('Not signed in');
});
