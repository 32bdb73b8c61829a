/**
 * The station in Chromium through the browser host, as a nurse or IT would see it: its identity, the gateway
 * link, and what the screen says when the gateway or the station service goes away.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInAt, startBrowserHost, startGateway, stopProgramsAfterEachTest } from './support/station-processes';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const track = stopProgramsAfterEachTest();

test('shows the station identity and a connected gateway, with the page cross-origin isolated', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const host = await track(startBrowserHost(['--station-name', 'Nurse station 1', '--beds', '2']));
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Station' }).click();

  await expect(page.getByTestId('header-station')).toHaveText('Nurse station 1');
  await expect(page.getByTestId('station-name')).toHaveText('Nurse station 1');
  await expect(page.getByTestId('app-version')).toHaveText(version);
  await expect(page.getByTestId('gateway-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(page.getByTestId('panel-control').getByTestId('link-gateway')).toHaveText('Connected');
  await expect(page.getByTestId('panel-stream').getByTestId('link-stream')).toHaveText('Connected');
  await expect(page.getByTestId('header-ward')).toHaveText('Demo Ward 4B');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  // The credential store is checked for real: whichever state this machine's keychain is in, the screen says it
  // in words, and when it is not available, why.
  await expect(page.getByTestId('credential-store-state')).toHaveText(/^(Available|Locked|Unavailable|Refused)$/);
  if ((await page.getByTestId('credential-store-state').textContent()) !== 'Available') {
    await expect(page.getByTestId('credential-store-detail')).toContainText(/keychain/);
  }
  expect(errors).toEqual([]);
});

test('says the gateway is disconnected when it stops, and connected again when it is back', async ({ page }) => {
  // A ward gateway keeps its database on disk: the nurse's session outlives the gateway's restart.
  const dataDir = join(mkdtempSync(join(tmpdir(), 'wardwatch-e2e-')), 'gateway');
  const gateway = await track(
    startGateway(['--port', '0', '--ward', 'ICU East', '--beds', '2', '--data-dir', dataDir]),
  );
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'ICU desk']));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  await page.getByRole('button', { name: 'Station' }).click();
  await expect(page.getByTestId('header-ward')).toHaveText('ICU East');
  await expect(page.getByTestId('panel-control').getByTestId('link-gateway')).toHaveText('Connected');

  await gateway.kill();
  await expect(page.getByTestId('panel-control').getByTestId('link-gateway')).toHaveText('Disconnected');
  await expect(page.getByTestId('panel-stream').getByTestId('link-stream')).toHaveText('Disconnected');
  await expect(page.getByTestId('header-ward')).toHaveText('No ward');
  await expect(page.getByTestId('control-ward')).toHaveText('—');

  const port = new URL(gateway.url).port;
  await track(startGateway(['--port', port, '--ward', 'ICU East', '--beds', '2', '--data-dir', dataDir]));
  await expect(page.getByTestId('panel-control').getByTestId('link-gateway')).toHaveText('Connected', {
    timeout: 15_000,
  });
  await expect(page.getByTestId('panel-stream').getByTestId('link-stream')).toHaveText('Connected', {
    timeout: 15_000,
  });
});

test('never looks live when the station service is gone', async ({ page }) => {
  const host = await track(startBrowserHost(['--beds', '2']));
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Station' }).click();
  await expect(page.getByTestId('panel-control').getByTestId('link-gateway')).toHaveText('Connected');

  await host.kill();
  await expect(page.getByTestId('service-unreachable')).toContainText('Lost contact with the station service');
  await expect(page.getByTestId('panel-control').getByTestId('link-gateway')).toHaveText('Unknown');
  await expect(page.locator('.app-frame')).toHaveClass(/app-frame--stale/);
});
