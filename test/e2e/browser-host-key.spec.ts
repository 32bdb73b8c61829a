/**
 * The browser host's launch key (issue 14, finding 6): the page opened at the address the station printed works;
 * the same page without the key says exactly what to do instead of looking live or "reconnecting" for ever.
 */
import { expect, test } from '@playwright/test';
import { startBrowserHost, stopProgramsAfterEachTest } from './support/station-processes';

const track = stopProgramsAfterEachTest();

test('the printed address works; the bare address says to open the printed one', async ({ page }) => {
  const host = await track(startBrowserHost(['--beds', '2']));
  expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=[A-Za-z0-9_-]{43}$/);
  await page.goto(host.url);
  await expect(page.getByTestId('bed-bed-01')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('service-unreachable')).toHaveCount(0);
  // A reload keeps the key (it is in the address, not in the page's storage).
  await page.reload();
  await expect(page.getByTestId('bed-bed-01')).toBeVisible({ timeout: 15_000 });

  await page.goto(new URL(host.url).origin);
  await expect(page.getByTestId('service-unreachable')).toHaveText(
    /opened without the station’s launch key.*Open the address the station printed when it started/,
  );
  await expect(page.getByTestId('bed-bed-01')).toHaveCount(0);
  // The key appears nowhere in the station's own log output, only in its one "ready at" line.
  const key = new URL(host.url).hash.slice('#key='.length);
  expect(host.output().split(key).length - 1).toBe(1);
});
