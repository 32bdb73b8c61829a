/**
 * The ward wall in Chromium: a tile per bed with live numerics from a standalone gateway, following a scenario
 * change made at the gateway, greyed with a reason when the gateway goes away; and the recording ward.
 */
import { expect, test } from '@playwright/test';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket } from '../support/gateway-access';
import {
  pageAddress,
  calmWardScenarioFile,
  signInAt,
  startBrowserHost,
  startGateway,
  stopProgramsAfterEachTest,
} from './support/station-processes';

const track = stopProgramsAfterEachTest();

test('shows 16 beds with live numerics that follow the patient', async ({ page }) => {
  const gateway = await track(
    startGateway(['--port', '0', '--beds', '16', '--seed', '5', '--scenario-file', calmWardScenarioFile()]),
  );
  const host = await track(startBrowserHost(['--gateway', gateway.url]));
  await page.goto(host.url);
  await signInAt(page, 'nurse');

  await expect(page.locator('.bed-tile')).toHaveCount(16);
  const bed5 = page.getByTestId('bed-bed-05');
  await expect(bed5.locator('.bed-tile__label')).toHaveText('Bed 5');
  await expect(bed5.getByTestId('num-hr')).toHaveText(/^\d{2,3}$/);
  await expect(bed5.getByTestId('num-spo2')).toHaveText(/^\d{2,3}$/);
  await expect(bed5.getByTestId('num-art')).toHaveText(/^\d{2,3}\/\d{2,3} \(\d{2,3}\)$/);
  await expect(page.getByTestId('stale-reason')).toHaveCount(0);

  // The patient in bed 5 goes into asystole at the gateway: the tile follows within seconds.
  const control = await adminSocket(gateway.url);
  try {
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-05', scenario: 'asystole' })).toEqual({
      ok: true,
      value: null,
    });
    await expect(bed5.getByTestId('num-hr')).toHaveText('0', { timeout: 10_000 });
    await expect(bed5.getByTestId('num-spo2')).toHaveText('---');
    await expect(bed5.locator('.numeric__note').first()).toHaveText('NO PULSE');
  } finally {
    control.close();
  }
});

test('greys every tile with the reason when the gateway goes away', async ({ page }) => {
  const gateway = await track(startGateway(['--port', '0', '--beds', '4']));
  const host = await track(startBrowserHost(['--gateway', gateway.url]));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  await expect(page.getByTestId('bed-bed-01').getByTestId('num-hr')).toHaveText(/^\d+$/);
  await gateway.kill();
  await expect(page.getByTestId('stale-reason')).toHaveCount(4);
  await expect(page.getByTestId('stale-reason').first()).toHaveText('NO CONNECTION');
  await expect(page.getByTestId('bed-bed-01').getByTestId('num-hr')).toHaveText('---');
});

test('plays every PhysioNet recording as a bed, with the heart rate of MIT-BIH 100', async ({ page }) => {
  const host = await track(startBrowserHost(['--source', 'record:../shared/data/physionet']));
  await page.goto(host.url);
  await expect(page.locator('.bed-tile')).toHaveCount(7);
  await expect(page.locator('.bed-tile__label')).toHaveText([
    '041s',
    '100',
    '208_excerpt',
    's00001',
    's0010_re',
    's25047',
    'v102s',
  ]);
  const record100 = page.getByTestId('bed-rec-100');
  await expect(record100.locator('.bed-tile__patient')).toHaveText('Recording 100 · 69 M');
  await expect(record100.getByTestId('num-hr')).toHaveText(/^(6\d|7\d|8\d)$/, { timeout: 15_000 });
});

test('spreads a ward over two wall displays, each bed on exactly one', async ({ page, browser }) => {
  const host = await track(startBrowserHost(['--beds', '9', '--scenario-file', calmWardScenarioFile()]));
  await page.goto(pageAddress(host.url, '?page=1/2'));
  await expect(page.locator('.bed-tile__label')).toHaveText(['Bed 1', 'Bed 2', 'Bed 3', 'Bed 4', 'Bed 5']);
  // The second display is a window of its own (its own context), not a background tab.
  const secondDisplay = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const second = await secondDisplay.newPage();
    await second.goto(pageAddress(host.url, '?page=2/2'));
    await expect(second.locator('.bed-tile__label')).toHaveText(['Bed 6', 'Bed 7', 'Bed 8', 'Bed 9']);
    await expect(second.getByTestId('bed-bed-09').getByTestId('num-hr')).toHaveText(/^\d+$/);
  } finally {
    await secondDisplay.close();
  }
});
