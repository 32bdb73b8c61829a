/**
 * NEWS2 in the browser host (issue 16): a simulated patient deteriorates — breathing faster, desaturating, pulse
 * up, pressure down, febrile, each value inside the bedside alarm limits — and the tile's NEWS2 climbs while it says
 * it is incomplete (nobody charted oxygen or consciousness). The nurse charts them in the bed's detail view; the
 * score is complete, and the advisory NEWS2 EMERGENCY shows in the alarm bar with its breakdown, as an advisory,
 * not a bedside HIGH. The medians span 20 s here (`--news2-window 20`) instead of five minutes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInAt, startBrowserHost, stopProgramsAfterEachTest } from './support/station-processes';
import { seriousViolations } from './support/accessibility';

const track = stopProgramsAfterEachTest();

function deterioratingScript(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wardwatch-news2-')), 'news2.json');
  writeFileSync(
    file,
    JSON.stringify({ beds: { 'bed-01': [{ atSeconds: 0, scenario: 'deteriorating' }], 'bed-02': [] } }),
  );
  return file;
}

test('a bed’s NEWS2 rises as its RR and SpO2 worsen, the nurse charts ACVPU and oxygen, and the advisory shows', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const host = await track(
    startBrowserHost(['--beds', '2', '--scenario-file', deterioratingScript(), '--news2-window', '20']),
  );
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  const tile = page.getByTestId('bed-bed-01');
  const badge = tile.getByTestId('bed-news2');
  // Incomplete while oxygen and consciousness are not charted: a lower bound, said as such.
  await expect(badge).toHaveText(/^NEWS2 ≥ \d+$/, { timeout: 90_000 });
  await expect
    .poll(async () => Number(await badge.getAttribute('data-total')), { timeout: 120_000, intervals: [2000] })
    .toBeGreaterThanOrEqual(7);
  const calm = page.getByTestId('bed-bed-02').getByTestId('bed-news2');
  await expect
    .poll(async () => Number(await calm.getAttribute('data-total')), { timeout: 10_000 })
    .toBeLessThanOrEqual(2);
  await page.screenshot({ path: 'test-results/news2-tiles.png' });

  await tile.getByRole('button', { name: 'Bed 1' }).click();
  const detail = page.getByTestId('detail-bed-01');
  const panel = detail.getByTestId('news2-panel');
  await expect(panel.getByTestId('news2-parts')).toContainText('missing');
  expect(await seriousViolations(page), 'bed detail with NEWS2').toEqual([]);
  await panel.getByTestId('chart-oxygen').selectOption('air');
  await panel.getByTestId('chart-acvpu').selectOption('A');
  await panel.getByTestId('chart-submit').click();
  await expect(panel.getByTestId('chart-outcome')).toHaveText(/^Charted — NEWS2 now \d+$/);
  await expect(panel.getByTestId('news2-charted')).toContainText('by Demo Nurse');
  await expect(panel.getByTestId('news2-total')).toHaveText(/^\d+ · emergency response$/, { timeout: 10_000 });
  await expect(panel.getByTestId('news2-parts')).not.toContainText('missing');

  const advisory = page.getByTestId('alarm-item').filter({ hasText: 'NEWS2 EMERGENCY' });
  await expect(advisory).toBeVisible({ timeout: 90_000 });
  await expect(advisory).toContainText(/NEWS2 \d+: RR 3/);
  await expect(advisory).not.toHaveClass(/high/);
  await page.screenshot({ path: 'test-results/news2-advisory.png' });
});
