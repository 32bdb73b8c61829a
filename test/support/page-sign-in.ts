/**
 * Signs a demo account in through the station's own sign-in form, for benchmarks (which run outside the
 * Playwright test runner and so cannot use its `expect`). Tests use e2e/support/station-processes.ts#signInAt.
 */
import type { Page } from '@playwright/test';
import type { Role } from '../../common/identity/roles';
import { demoAccount } from './gateway-access';

/** Fills the page's sign-in form (shown when the station is not enrolled) and waits for the header to name the user; returns at once when the station is signed in as that user already. */
export async function signInThroughForm(page: Page, role: Role): Promise<void> {
  const account = demoAccount(role);
  const signedIn = page.getByTestId('session-user').filter({ hasText: account.displayName });
  const form = page.getByRole('form', { name: 'Sign in' });
  // The station's session is shared by its pages: a second page may find the user signed in already.
  await signedIn.or(form).first().waitFor({ timeout: 20_000 });
  if (await signedIn.isVisible()) return;
  await form.getByLabel('Username').fill(account.username);
  await form.getByLabel('Password').fill(account.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('session-user').filter({ hasText: account.displayName }).waitFor({ timeout: 20_000 });
}
