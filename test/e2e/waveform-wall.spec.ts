/**
 * The live waveform wall in Chromium: 16 simulated beds sweep; the traces move while everything outside them
 * stays still; a bed whose monitor is unplugged goes stale within 2 s while the others keep moving, and resumes.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket } from '../support/gateway-access';
import {
  calmWardScenarioFile,
  signInAt,
  startBrowserHost,
  startGateway,
  stopProgramsAfterEachTest,
} from './support/station-processes';

const track = stopProgramsAfterEachTest();

/** Screenshots of each locator, taken twice `gapMs` apart; true where the pixels changed. */
async function changedBetween(page: Page, locators: readonly Locator[], gapMs: number): Promise<boolean[]> {
  const before = await Promise.all(locators.map((locator) => locator.screenshot()));
  await page.waitForTimeout(gapMs);
  const after = await Promise.all(locators.map((locator) => locator.screenshot()));
  return before.map((image, index) => !image.equals(after[index] as Buffer));
}

test('16 beds sweep live, and a bed whose monitor is unplugged goes stale within 2 s', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const gateway = await track(
    startGateway(['--port', '0', '--beds', '16', '--seed', '3', '--scenario-file', calmWardScenarioFile()]),
  );
  const host = await track(startBrowserHost(['--gateway', gateway.url]));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  await expect(page.locator('.bed-tile')).toHaveCount(16);
  await expect(page.getByTestId('trace-stale')).toHaveCount(0, { timeout: 10_000 });
  // One canvas per bed, three lanes (ECG, pleth, resp) in each.
  expect(await page.locator('.wave-panel canvas').count()).toBe(16);
  expect(await page.locator('.wave-panel .trace').count()).toBe(48);

  // Every ECG trace moves between two screenshots 500 ms apart; the tile headers' bed and patient do not (the
  // rhythm label beside them is live, like the numerics).
  const ecgTraces = page.getByTestId('trace-ECG_II');
  const traces = await ecgTraces.all();
  const headers = await page.locator('.bed-tile__header .bed-tile__patient').all();
  const traceChanges = await changedBetween(page, traces, 500);
  expect(traceChanges.every(Boolean)).toBe(true);
  const headerChanges = await changedBetween(page, headers, 500);
  expect(headerChanges.some(Boolean)).toBe(false);

  // Bed 6's monitor is unplugged at the gateway.
  const control = await adminSocket(gateway.url);
  try {
    const bed6 = page.getByTestId('bed-bed-06');
    const unpluggedAt = Date.now();
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-06', scenario: 'disconnected' })).toEqual({
      ok: true,
      value: null,
    });
    await expect(bed6.getByTestId('trace-stale')).toHaveCount(3, { timeout: 4000 });
    // The trace must be marked stale within 2 s of its last data (plus the 200 ms jitter delay and polling).
    expect(Date.now() - unpluggedAt).toBeLessThan(3500);
    await expect(bed6.getByTestId('trace-stale').first()).toHaveText('NO DATA');
    // Stopped and flat: bed 6's trace no longer changes, the others still do.
    const [staleChanged, liveChanged] = await changedBetween(
      page,
      [bed6.getByTestId('trace-ECG_II'), page.getByTestId('bed-bed-07').getByTestId('trace-ECG_II')],
      500,
    );
    expect(staleChanged).toBe(false);
    expect(liveChanged).toBe(true);

    // Plugged back in: it resumes cleanly.
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-06', scenario: 'normal' })).toEqual({
      ok: true,
      value: null,
    });
    await expect(bed6.getByTestId('trace-stale')).toHaveCount(0, { timeout: 5000 });
    const [resumed] = await changedBetween(page, [bed6.getByTestId('trace-ECG_II')], 500);
    expect(resumed).toBe(true);
  } finally {
    control.close();
  }
  expect(errors).toEqual([]);
});

test('a bed’s detail view shows all its channels and sweeps at 25 mm/s on request', async ({ page }) => {
  const host = await track(startBrowserHost(['--source', 'record:../shared/data/physionet/mimicdb']));
  await page.goto(host.url);
  await page.getByTestId('bed-rec-041s').getByRole('button', { name: '041s' }).click();
  const detail = page.getByTestId('detail-rec-041s');
  await expect(detail.locator('.trace')).toHaveCount(7);
  await expect(detail.getByTestId('trace-ABP')).toBeVisible();
  await expect(detail.getByTestId('trace-stale')).toHaveCount(0, { timeout: 10_000 });
  await detail.getByRole('button', { name: '25 mm/s' }).click();
  await expect(detail.getByRole('button', { name: '25 mm/s' })).toHaveAttribute('aria-pressed', 'true');
  await expect(detail.getByTestId('trace-stale')).toHaveCount(0, { timeout: 10_000 });
  const [moving] = await changedBetween(page, [detail.getByTestId('trace-ECG_III')], 500);
  expect(moving).toBe(true);
  await page.getByRole('button', { name: '← Ward' }).click();
  await expect(page.locator('.bed-tile')).toHaveCount(1);
});
