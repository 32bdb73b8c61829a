/**
 * Sign-in, lock, unlock and sign-out in the browser host, as a nurse at a shared station does it: the signed-in
 * user is always in the header, the ward stays live behind the lock, a wrong password is refused with a
 * sentence, and signing out leaves the station showing the ward view-only (its embedded gateway).
 */
import { expect, test } from '@playwright/test';
import { demoAccount } from '../support/gateway-access';
import { signInAt, startBrowserHost, stopProgramsAfterEachTest } from './support/station-processes';

const track = stopProgramsAfterEachTest();

test('a nurse signs in, locks, unlocks and signs out; the ward stays live throughout', async ({ page }) => {
  const host = await track(startBrowserHost(['--beds', '4', '--station-name', 'Nurse station 4B']));
  await page.goto(host.url);
  await expect(page.getByTestId('session-user')).toHaveText('Not signed in');
  await expect(page.locator('.bed-tile')).toHaveCount(4);
  const heartRate = page.getByTestId('bed-bed-01').getByTestId('num-hr');
  await expect(heartRate).toHaveText(/^\d{2,3}$/);

  // A wrong password is refused with the gateway's sentence; nothing else changes.
  const nurse = demoAccount('nurse');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in' });
  await dialog.getByLabel('Username').fill(nurse.username);
  await dialog.getByLabel('Password').fill('not the password');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog.getByTestId('sign-in-error')).toHaveText(/username or password is wrong/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await signInAt(page, 'nurse');
  await expect(page.getByTestId('session-user')).toContainText('Nurse');

  // Lock: the lock panel shows, the ward keeps updating behind it.
  await page.getByRole('button', { name: 'Lock' }).click();
  const lock = page.getByTestId('lock-panel');
  await expect(lock).toBeVisible();
  await expect(page.getByTestId('session-user')).toContainText('Locked');
  await expect(page.locator('.bed-tile')).toHaveCount(4);
  const before = await heartRate.textContent();
  await expect(heartRate).toHaveText(/^\d{2,3}$/);
  await expect(page.getByTestId('stale-reason')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/station-locked.png' });
  expect(before).toMatch(/^\d{2,3}$/);

  // Unlock needs her password.
  await lock.getByLabel('Password').fill('wrong again');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByTestId('sign-in-error')).toHaveText(/username or password is wrong/);
  await lock.getByLabel('Password').fill(nurse.password);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toHaveCount(0);
  await expect(page.getByTestId('session-user')).not.toContainText('Locked');

  // Sign out: nobody is signed in, the station still shows the ward (view only).
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('session-user')).toHaveText('Not signed in');
  await expect(heartRate).toHaveText(/^\d{2,3}$/);
  await page.getByRole('button', { name: 'Station' }).click();
  await expect(page.getByTestId('access-user')).toHaveText('Nobody');
  await expect(page.getByTestId('access-station')).toHaveText(/embedded gateway/);
});

test('switches user at a locked station, and only an admin sees the station’s access settings', async ({ page }) => {
  const host = await track(startBrowserHost(['--beds', '2']));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  await page.getByRole('button', { name: 'Lock' }).click();
  const lock = page.getByTestId('lock-panel');
  await lock.getByRole('button', { name: 'Switch user' }).click();
  const admin = demoAccount('admin');
  const form = lock.getByRole('form', { name: 'Switch user' });
  await form.getByLabel('Username').fill(admin.username);
  await form.getByLabel('Password').fill(admin.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('session-user')).toContainText(admin.displayName);
  await expect(lock).toHaveCount(0);

  await page.getByRole('button', { name: 'Station' }).click();
  const access = page.getByTestId('panel-access');
  await access.getByLabel('Lock idle stations after (min)').fill('3');
  await access.getByRole('button', { name: 'Save for the ward' }).click();
  await expect(access.getByTestId('access-message')).toHaveText('Idle stations now lock after 3 min');
  await expect(access.getByTestId('access-auto-lock')).toHaveText('After 3 min (set by IT)');
  // The admin sets the ward's alarm policy; a limit out of range is refused with the gateway's sentence.
  const policy = page.getByTestId('panel-policy');
  await policy.getByLabel('SpO2 low (%)').fill('88');
  await policy.getByRole('button', { name: 'Save alarm policy' }).click();
  await expect(policy.getByTestId('policy-message')).toHaveText('Alarm policy saved for the ward');
  await expect(policy.getByLabel('SpO2 low (%)')).toHaveValue('88');
  await policy.getByLabel('HR high (bpm)').fill('20');
  await policy.getByRole('button', { name: 'Save alarm policy' }).click();
  await expect(policy.getByTestId('policy-message')).toHaveText(/HR|low must be below high|Too small|>=/);
  await page.screenshot({ path: 'test-results/station-admin.png' });
});
