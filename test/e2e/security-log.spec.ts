/**
 * What hospital IT sees of suspicious activity (issue 14): after a burst of wrong passwords against the ward's
 * gateway, an admin's Station screen shows the alert and the events; a nurse's does not show the panel at all.
 */
import { expect, test } from '@playwright/test';
import { AUTH_PATHS } from '../../common/wire/gateway-auth';
import { postAuth, signInDemo } from '../support/gateway-access';
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

test('an admin disables a user on the live gateway, which ends their sign-in at once, enables them again, and adds one', async ({
  page,
}) => {
  const gateway = await track(startGateway(['--port', '0', '--beds', '2']));
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'IT desk']));
  const physician = await signInDemo(gateway.url, 'physician', 'Desk 3');
  await page.goto(host.url);
  await signInAt(page, 'admin');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Station' }).click();
  const row = page.getByTestId('users-panel').locator('[data-testid="user-row"][data-username="demo.physician"]');
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('users-message')).toHaveText(/^demo\.physician disabled; 1 session\(s\) ended$/);
  await expect(row).toContainText('Disabled');
  expect((await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: physician.refreshToken })).status).toBe(401);
  await expect(signInDemo(gateway.url, 'physician')).rejects.toThrow(/BAD_CREDENTIALS/);
  await row.getByRole('button', { name: 'Enable' }).click();
  await expect(row).toContainText('Active');
  expect((await signInDemo(gateway.url, 'physician')).user.username).toBe('demo.physician');
  // A weak password is refused with the rule, in words.
  await row.getByRole('button', { name: 'Reset password' }).click();
  await row.getByLabel('New password for demo.physician').fill('short');
  await row.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByTestId('users-message')).toHaveText(/at least 10 characters/);
  // A new nurse, added on the live gateway, signs in at once.
  const add = page.getByRole('form', { name: 'Add a user' });
  await add.getByLabel('Username').fill('a.nurse');
  await add.getByLabel('Full name').fill('Ana Nurse');
  await add.getByLabel('Role').selectOption('nurse');
  await add.getByLabel('Password').fill('night shift on ward 4B');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByTestId('users-message')).toHaveText('added a.nurse (nurse)');
  await expect(page.locator('[data-testid="user-row"][data-username="a.nurse"]')).toContainText('Ana Nurse');
  expect(
    (
      await postAuth(gateway.url, AUTH_PATHS.signIn, {
        username: 'a.nurse',
        password: 'night shift on ward 4B',
        stationName: 'Desk 3',
        staySignedIn: false,
      })
    ).status,
  ).toBe(200);
  await page.getByTestId('users-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/users-panel.png' });
});
