/**
 * Trends in the browser host (issue 16): after a minute of a simulated ward the gateway has written its first
 * one-minute rows; a nurse opens a bed's detail view, then its trends, and sees the graph of its numerics and the
 * same minutes as a table.
 */
import { expect, test } from '@playwright/test';
import {
  calmWardScenarioFile,
  signInAt,
  startBrowserHost,
  stopProgramsAfterEachTest,
} from './support/station-processes';

const track = stopProgramsAfterEachTest();

test('a bed’s trends after the first minute, as a graph and as a table', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await track(startBrowserHost(['--beds', '2', '--scenario-file', calmWardScenarioFile()]));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  await page.getByTestId('bed-bed-01').getByRole('button', { name: 'Bed 1' }).click();
  const detail = page.getByTestId('detail-bed-01');
  await detail.getByRole('button', { name: 'Trends' }).click();
  const panel = detail.getByTestId('trend-panel');
  await expect(panel).toBeVisible();
  // The first minute closes at the next minute boundary and is written within 10 s; the panel asks again each minute.
  await expect(async () => {
    await panel.getByRole('button', { name: '1 h' }).click();
    await panel.getByRole('button', { name: '8 h' }).click();
    await expect(panel.getByTestId('trend-graph')).toHaveAttribute('data-rows', /^[1-9]\d*$/, { timeout: 5000 });
    // A first minute that closed seconds after the start may hold no HR yet (the beat analysis needs its first
    // seconds of ECG), and the graph shows only what was measured: HR is there from the next minute on.
    await expect(panel.locator('.u-legend')).toContainText('HR', { timeout: 5000 });
  }).toPass({ timeout: 150_000, intervals: [10_000] });
  await page.screenshot({ path: 'test-results/trends-graph.png' });
  await panel.getByRole('button', { name: 'Table' }).click();
  const table = panel.getByTestId('trend-table');
  await expect(table.locator('th').filter({ hasText: 'HR' })).toBeVisible();
  // A value in the HR column: the newest 5-minute row may still be empty when a 5-minute boundary just passed.
  await expect(
    table
      .locator('tbody tr td:nth-child(2)')
      .filter({ hasText: /^\d+(\.\d)?$/ })
      .first(),
  ).toBeVisible();
});
