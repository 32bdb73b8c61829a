/**
 * What hospital IT sees of suspicious activity (issue 14): after a burst of wrong passwords against the ward's
 * gateway, an admin's Station screen shows the alert and the events; a nurse's does not show the panel at all.
 */
import { expect, test } from '@playwright/test';
import { AUTH_PATHS } from '../../common/wire/gateway-auth';
import { postAuth } from '../support/gateway-access';
import { signInAt, startBrowserHost, startGateway, stopProgramsAfterEachTest } from './support/station-processes';

const track = stopProgramsAfterEachTest();

test('an admin sees the alert for a burst of failed sign-ins, and the events behind it', async ({ page }) => {
  const gateway = await track(startGateway(['--port', '0', '--beds', '2']));
  for (let i = 0; i < 10; i += 1)
    await postAuth(gateway.url, AUTH_PATHS.signIn, {
      username: 'demo.physician',
      password: `wrong password ${i}`,
      stationName: 'Hallway kiosk',
      staySignedIn: false,
    });
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'IT desk']));
  await page.goto(host.url);

  await signInAt(page, 'nurse');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Station' }).click();
  await expect(page.getByTestId('panel-control')).toBeVisible();
  await expect(page.getByTestId('security-log')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInAt(page, 'admin');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Station' }).click();
  const panel = page.getByTestId('security-log');
  await expect(panel.getByTestId('security-alerts')).toContainText(
    /failed sign-ins from 127\.0\.0\.1 within 5 min: password guessing\?/,
  );
  await expect(panel.getByTestId('security-alerts')).toContainText(/5 failed sign-ins for demo\.physician/);
  await expect(panel.locator('[data-testid="security-event"][data-kind="sign-in-failed"]').first()).toContainText(
    'demo.physician',
  );
  await expect(panel.locator('[data-testid="security-event"][data-kind="signed-in"]').first()).toContainText(
    'demo.admin',
  );
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/security-log.png', fullPage: true });
});
