/**
 * IT's policy and the updates panel in the real Electron app (issue 18): the app looks for its policy only in the
 * platform's managed place, and with none there takes no update. Installing an update itself needs a packaged,
 * signed build on the hospital's server (electron-updater does not update an unpackaged app), which no test here
 * builds. Runs wherever an Electron binary is installed; skipped here, where it cannot be downloaded.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { platformPolicyPlace, describePlace } from '../../../main/policy/policy-place';
import { electronSpecSetup } from '../support/electron-binary';

const { binary, track } = electronSpecSetup();

test('the Electron station reads its policy from the platform’s place and lists it with its updates', async () => {
  if ('missing' in binary) return;
  const place = platformPolicyPlace(process.platform);
  test.skip(
    place.kind !== 'registry' && existsSync(place.path),
    `this computer has a managed policy at ${describePlace(place)}; the test expects none`,
  );
  const profile = mkdtempSync(join(tmpdir(), 'wardwatch-electron-'));
  const app = track(
    await electron.launch({
      executablePath: binary.path,
      args: [
        '.',
        `--user-data-dir=${profile}`,
        '--beds',
        '2',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    }),
  );
  const page = await app.firstWindow();
  await page.getByRole('button', { name: 'Station' }).click();
  await expect(page.getByTestId('policy-origin')).toContainText(`looked in ${describePlace(place)}`);
  await expect(page.getByTestId('policy-panel').locator('[data-setting="AllowMinimize"]')).toContainText('Default');
  await expect(page.getByTestId('updates-panel').getByTestId('update-state')).toHaveText('Off');
});
