/**
 * Cleartext to a remote gateway (issue 14, finding 3): a station refuses an `http://` gateway on another computer
 * unless IT passed `--insecure-gateway`, and then says so in a banner that stays. `0.0.0.0` — which reaches this
 * computer, but which the station does not take for a loopback address — stands in for a gateway across the ward
 * LAN, so nothing leaves this machine.
 */
import { expect, test } from '@playwright/test';
import { signInAt, startBrowserHost, startGateway, stopProgramsAfterEachTest } from './support/station-processes';

const track = stopProgramsAfterEachTest();

const acrossTheNetwork = (gatewayUrl: string): string => `http://0.0.0.0:${new URL(gatewayUrl).port}`;

test('a station refuses an unencrypted gateway on another computer, saying what to do', async () => {
  const gateway = await track(startGateway(['--port', '0', '--beds', '2']));
  await expect(track(startBrowserHost(['--gateway', acrossTheNetwork(gateway.url)]))).rejects.toThrow(
    /is not encrypted: passwords, tokens and the station's secret would cross the network in clear.*--tls-cert/,
  );
});

test('with --insecure-gateway the station connects and shows a banner that does not go away', async ({ page }) => {
  const gateway = await track(startGateway(['--port', '0', '--beds', '2']));
  const host = await track(
    startBrowserHost(['--gateway', acrossTheNetwork(gateway.url), '--insecure-gateway', '--station-name', 'Desk L']),
  );
  await page.goto(host.url);
  const banner = page.getByTestId('insecure-gateway');
  await expect(banner).toHaveText(/Unencrypted gateway connection — passwords and patient data cross the network/);
  await signInAt(page, 'nurse');
  await expect(page.getByTestId('header-ward')).toHaveText('Demo Ward 4B', { timeout: 15_000 });
  // The stream is live too: the first trace leaves WAITING FOR DATA.
  await expect(page.getByTestId('bed-bed-01').getByTestId('num-hr')).toHaveText(/^\d+$/, { timeout: 15_000 });
  for (const screen of ['History', 'Station', 'Ward']) {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: screen }).click();
    await expect(banner).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/insecure-gateway.png' });
  expect(host.output()).toMatch(/the gateway link is not encrypted \(--insecure-gateway\)/);
});
