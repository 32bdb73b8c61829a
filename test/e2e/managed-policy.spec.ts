/**
 * IT's managed policy as a station shows and obeys it (issue 18), in Chromium through the browser host (its
 * `--policy-file` stands for the platform's managed place, which a test cannot write): the settings the policy
 * locks win over the command line and say so on the Station screen, the alarm volume cannot go below IT's floor,
 * and a policy with a mistake in it stops the station with a page that names the mistake.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createThrowawayPki } from '../support/throwaway-ca';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  signInAt,
  startBrowserHost,
  startBrowserHostShowingProblem,
  stopProgramsAfterEachTest,
} from './support/station-processes';

const track = stopProgramsAfterEachTest();

function policyFile(settings: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wardwatch-policy-e2e-')), 'policy.json');
  writeFileSync(path, JSON.stringify(settings));
  return path;
}

test('the settings IT locks win over the command line, are listed as locked, and bound the alarm volume', async ({
  page,
}) => {
  const path = policyFile({ StationName: 'Ward 4B central', MinimumAlarmVolumePercent: 70, AutoLockMaxMinutes: 10 });
  const host = await track(startBrowserHost(['--station-name', 'Desk 9', '--beds', '2', '--policy-file', path]));
  expect(host.output()).toMatch(/command-line options overridden by IT’s policy.*--station-name/);
  await page.goto(host.url);
  await expect(page.getByTestId('header-station')).toHaveText('Ward 4B central');
  // The ward's own floor is 40 %; IT's 70 % is the slider's minimum on this computer.
  const volume = page.getByRole('slider', { name: /^Volume/ });
  await expect(volume).toHaveAttribute('min', '70');

  await page.getByRole('button', { name: 'Station' }).click();
  const panel = page.getByTestId('policy-panel');
  await expect(panel.getByTestId('policy-origin')).toHaveText(`From ${path}: 3 settings locked by IT.`);
  const row = (name: string) => panel.locator(`[data-setting="${name}"]`);
  await expect(row('StationName')).toHaveAttribute('data-locked', 'true');
  await expect(row('StationName')).toContainText('Locked by policy (command line ignored)');
  await expect(row('MinimumAlarmVolumePercent')).toContainText('70 %');
  await expect(row('AutoLockMaxMinutes')).toContainText('10 min');
  await expect(row('GatewayAddresses')).toHaveAttribute('data-locked', 'false');
  await expect(row('GatewayAddresses')).toContainText('Default');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: 'test-results/managed-policy-panel.png' });
  // The policy allows no updates: the station never looks for one, and says who could install one.
  const updates = page.getByTestId('updates-panel');
  await expect(updates.getByTestId('update-state')).toHaveText('Off');
  await expect(updates.getByTestId('update-who')).toHaveText(
    'nobody: IT’s policy does not allow updates on this computer',
  );
});

test('a station without a policy says where it looked', async ({ page }) => {
  const absent = join(mkdtempSync(join(tmpdir(), 'wardwatch-policy-e2e-')), 'policy.json');
  const host = await track(startBrowserHost(['--beds', '2', '--policy-file', absent]));
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Station' }).click();
  await expect(page.getByTestId('policy-origin')).toHaveText(
    `No policy from IT on this computer (looked in ${absent}); settings come from the command line and defaults.`,
  );
});

test('an invalid policy stops the station with a page that names each mistake', async ({ page }) => {
  const path = policyFile({ AutoLockMaxMinute: 10, MinimumAlarmVolumePercent: 5 });
  const problem = await track(startBrowserHostShowingProblem(['--beds', '2', '--policy-file', path]));
  const response = await page.goto(problem.url);
  expect(response?.status()).toBe(503);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText(
    'WardWatch cannot start: IT’s policy for this station is not valid',
  );
  await expect(alert).toContainText(`Policy: ${path}`);
  await expect(alert).toContainText('unknown setting AutoLockMaxMinute');
  await expect(alert).toContainText('MinimumAlarmVolumePercent:');
  await expect(alert).toContainText('Nothing from this policy was applied and the station is not monitoring.');
  await page.screenshot({ path: 'test-results/managed-policy-invalid.png' });
});

test('a policy that forbids --insecure-gateway stops a station started with it', async ({ page }) => {
  const path = policyFile({ AllowInsecureGateway: false });
  const problem = await track(
    startBrowserHostShowingProblem(['--gateway', 'http://10.9.9.9:8420', '--insecure-gateway', '--policy-file', path]),
  );
  await page.goto(problem.url);
  await expect(page.getByRole('alert')).toContainText('--insecure-gateway is forbidden on this computer');
});

test('an update on the hospital’s server is shown with who may install it, and the browser host installs none', async ({
  page,
}) => {
  // The hospital's update server: HTTPS with its own CA, serving what electron-builder writes for Linux.
  const pki = createThrowawayPki('Hospital update CA');
  const sha = `${'C'.repeat(85)}w==`;
  const server = createServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }, (request, response) => {
    if (request.url !== '/wardwatch/latest-linux.yml') return void response.writeHead(404).end();
    response
      .writeHead(200, { 'content-type': 'text/yaml' })
      .end(
        `version: 99.1.0\nfiles:\n  - url: WardWatch-99.1.0.AppImage\n    sha512: ${sha}\n    size: 1000\nreleaseDate: '2026-11-30T09:00:00.000Z'\nreleaseName: Ward release 99\n`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const path = policyFile({
      UpdatesEnabled: true,
      UpdateServerUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}/wardwatch/`,
      UpdateInstallHours: '02:00-04:00',
    });
    const host = await track(
      startBrowserHost(['--beds', '2', '--policy-file', path], { NODE_EXTRA_CA_CERTS: pki.caFile }),
    );
    await page.goto(host.url);
    await signInAt(page, 'admin');
    await page.getByRole('button', { name: 'Station' }).click();
    const updates = page.getByTestId('updates-panel');
    await expect(updates.getByTestId('update-state')).toHaveText('Update available');
    await expect(updates.getByTestId('update-available')).toHaveText('99.1.0 — Ward release 99');
    await expect(updates.getByTestId('update-who')).toHaveText(
      'nobody here: the desktop app installs updates, not the browser host',
    );
    await expect(updates.getByRole('button', { name: 'Install and restart' })).toBeDisabled();
    await expect(updates.getByTestId('update-blocked')).toHaveText(
      'Cannot install now: the browser host cannot install updates',
    );
    await updates.scrollIntoViewIfNeeded();
    await updates.screenshot({ path: 'test-results/updates-panel.png' });
  } finally {
    server.close();
  }
});
