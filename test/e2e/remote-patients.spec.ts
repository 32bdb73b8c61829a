/**
 * Remote patients in the browser host (issue 16): the remote-device simulator uploads ten days of three patients'
 * home readings as FHIR Observations; at the station the Remote group shows each patient's latest readings with
 * their age and a small trend, the deteriorating patient's HOME BP HIGH and weight gain, and the silent patient's
 * missed readings. A nurse enrolls a new patient and registers her cuff (its secret shown once); the cuff uploads a
 * high blood pressure, the alert shows in the alarm bar and on her tile, and the nurse opens her trend.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import {
  calmWardScenarioFile,
  signInAt,
  startBrowserHost,
  startGateway,
  stopProgramsAfterEachTest,
} from './support/station-processes';
import { seriousViolations } from './support/accessibility';

const track = stopProgramsAfterEachTest();
const run = promisify(execFile);

test('home readings at the station: the Remote group, a new patient’s high blood pressure alert, and her trend', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const gateway = await track(startGateway(['--port', '0', '--beds', '2', '--scenario-file', calmWardScenarioFile()]));
  const simulated = await run(process.execPath, [
    'dist/gateway/remote-devices-cli.mjs',
    '--gateway',
    gateway.url,
    '--demo',
    '--days',
    '10',
  ]);
  expect(simulated.stdout).toMatch(/uploaded \d+ measurements of 3 patients over 10 days/);
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'Desk R']));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Remote' }).click();
  const screen = page.getByTestId('remote-screen');
  await expect(screen.getByRole('heading', { name: 'Remote patients (3)' })).toBeVisible();
  const grace = screen.locator('.remote-tile').filter({ hasText: 'OKAFOR, Grace' });
  await expect(grace.getByTestId('remote-alert')).toHaveText(/HOME (BP HIGH|WEIGHT GAIN)/);
  await expect(grace.getByTestId('reading-blood-pressure')).toContainText(/\d+\/\d+/);
  // Readings are hours old and say so: never a live value.
  await expect(grace.getByTestId('reading-blood-pressure').getByTestId('reading-age')).toHaveText(/\d+ (min|h) ago/);
  const erik = screen.locator('.remote-tile').filter({ hasText: 'LINDQVIST, Erik' });
  await expect(erik.getByTestId('remote-alert')).toHaveText('HOME READING MISSED');
  await expect(erik.getByTestId('reading-glucose')).toContainText('overdue');
  const ana = screen.locator('.remote-tile').filter({ hasText: 'MARTINS, Ana' });
  await expect(ana.getByTestId('remote-alert')).toHaveCount(0);
  await expect(page.getByTestId('alarm-bar')).toContainText('Home · OKAFOR, Grace');
  await page.screenshot({ path: 'test-results/remote-group.png' });
  expect(await seriousViolations(page), 'remote group').toEqual([]);

  // A new patient, her cuff, and its first upload.
  await screen.getByRole('button', { name: 'Enroll a patient' }).click();
  const form = page.getByRole('form', { name: 'Enroll a remote patient' });
  await form.getByLabel('MRN').fill('H-777001');
  await form.getByLabel('Name (FAMILY, Given)').fill('NOVAK, Petra');
  await form.getByRole('button', { name: 'Enroll' }).click();
  const petra = screen.locator('.remote-tile').filter({ hasText: 'NOVAK, Petra' });
  await expect(petra).toBeVisible();
  await expect(petra.getByTestId('reading-blood-pressure')).toContainText('none yet');
  await petra.getByRole('button', { name: 'NOVAK, Petra' }).click();
  const detail = page.getByTestId('remote-detail');
  await detail.getByLabel('Device model').fill('Omron HEM-7155T');
  await detail.getByRole('button', { name: 'Register device' }).click();
  const secretText = await detail.getByTestId('device-secret').textContent();
  const [, deviceId, secret] = /Device (rd-[0-9a-f]+), secret (\S+) —/.exec(secretText ?? '') ?? [];
  expect(deviceId).toBeDefined();
  const token = await fetch(`${gateway.url}/fhir/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: deviceId ?? '',
      client_secret: secret ?? '',
    }),
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  for (const [minutesAgo, systolic, diastolic] of [
    [60 * 24 * 2, 148, 88],
    [60 * 24, 162, 94],
    [10, 194, 104],
  ] as const) {
    const upload = await fetch(`${gateway.url}/fhir/Observation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/fhir+json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        resourceType: 'Observation',
        status: 'final',
        category: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
        ],
        code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
        effectiveDateTime: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
        component: [
          {
            code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
            valueQuantity: { value: systolic, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
          },
          {
            code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
            valueQuantity: { value: diastolic, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
          },
        ],
      }),
    });
    expect(upload.status).toBe(201);
  }
  const alert = page.getByTestId('alarm-item').filter({ hasText: 'NOVAK, Petra' });
  await expect(alert).toContainText('HOME BP HIGH', { timeout: 15_000 });
  await expect(alert).toContainText(/BP 194\/104 > 180 \(10 min ago\)/);
  await expect(detail.getByTestId('remote-trend-blood-pressure')).toBeVisible({ timeout: 35_000 });
  await expect(detail.getByTestId('remote-latest')).toContainText('194/104 mmHg');
  expect(await seriousViolations(page), 'remote patient').toEqual([]);
  // The device's secret is on screen (shown once, for the device): never in a screenshot.
  await page.screenshot({ path: 'test-results/remote-trend.png', mask: [detail.getByTestId('device-secret')] });
});
