/**
 * Communication loss: kill the ward gateway mid-stream — the station raises COMMS LOST with sound and marks every
 * trace and numeric stale; a nurse acknowledges an alarm while the gateway is down (queued); the gateway restarts
 * on its database — the alarm is restored and the offline acknowledgment is recorded exactly once; and when the
 * station restarts too, the acknowledgment is kept in its data folder and recorded once the nurse signs in again.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket, signInDemo, socketWithToken, welcomed } from '../support/gateway-access';
import { signInAt, startBrowserHost, startGateway, stopProgramsAfterEachTest } from './support/station-processes';
import { soundedIds } from '../support/page-alarm-times';

const track = stopProgramsAfterEachTest();

/** The journal's acknowledgments of `alarmId`, as a physician's history review reads them. */
async function journalAcknowledgments(gatewayUrl: string, alarmId: string) {
  const grant = await signInDemo(gatewayUrl, 'physician', 'Review desk');
  const review = await welcomed(socketWithToken(gatewayUrl, grant.accessToken, 'station', 'Review desk'));
  const reply = (await review.emitWithAck(WARD_EVENTS.queryHistory, {
    fromMs: 0,
    toMs: Date.now() + 1000,
    limit: 1000,
  })) as { value: { events: { kind: string; alarmId: string; username: string }[] } };
  review.close();
  return reply.value.events.filter((event) => event.kind === 'acknowledged' && event.alarmId === alarmId);
}

test('kill the gateway: COMMS LOST, stale traces; restart: alarms restored, the offline acknowledgment recorded once', async ({
  page,
}) => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'wardwatch-comms-')), 'gw');
  const gatewayArgs = ['--beds', '4', '--data-dir', dataDir];
  const gateway = await track(startGateway(['--port', '0', ...gatewayArgs]));
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'Desk C']));
  await page.goto(host.url);
  await signInAt(page, 'nurse');

  const control = await adminSocket(gateway.url);
  expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-01', scenario: 'vt' })).toEqual({
    ok: true,
    value: null,
  });
  control.close();
  const vt = page.getByTestId('alarm-item').filter({ hasText: 'VTACH' });
  await expect(vt).toHaveAttribute('data-state', 'unacknowledged');
  const alarmId = (await vt.getAttribute('data-alarm-id')) as string;

  await gateway.kill();
  // The station hears nothing: its own technical alarm, HIGH, sounding (the requirement is 2 s).
  const commsLost = page.locator('[data-alarm-id="station-comms-lost"]');
  await expect(commsLost).toBeVisible({ timeout: 2000 });
  await expect(commsLost).toHaveAttribute('data-priority', 'HIGH');
  await expect.poll(() => soundedIds(page)).toContain('station-comms-lost');
  await expect(page.getByTestId('stale-reason')).toHaveCount(4);
  await expect(page.getByTestId('stale-reason').first()).toHaveText('NO CONNECTION');
  await expect(page.getByTestId('bed-bed-02').getByTestId('num-hr')).toHaveText('---');
  await page.screenshot({ path: 'test-results/comms-lost.png' });

  // Only a signed-in clinician may pause COMMS LOST's sound, for the ward's pause time; the station's log says who.
  await commsLost.getByRole('button', { name: 'Pause audio' }).click();
  await expect(commsLost).toHaveAttribute('data-state', 'audio-paused');
  await expect(commsLost.getByTestId('comms-lost-paused')).toHaveText(/^AUDIO PAUSED [12]:\d\d · Demo Nurse$/);
  await expect.poll(() => host.output()).toMatch(/COMMS LOST audio paused at this station.*demo\.nurse/);

  // Acknowledged while the gateway is down: queued, shown as such.
  await vt.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(vt).toHaveAttribute('data-state', 'pending');
  await expect(vt).toContainText('queued (offline)');

  // The gateway comes back on the same port and database.
  await track(startGateway(['--port', new URL(gateway.url).port, ...gatewayArgs]));
  await expect(commsLost).toHaveCount(0, { timeout: 20_000 });
  await expect(vt).toHaveAttribute('data-state', 'acknowledged', { timeout: 20_000 });
  await expect(vt).toHaveAttribute('data-alarm-id', alarmId);
  await expect(vt.getByTestId('alarm-acknowledged-by')).toHaveText('✓ Demo Nurse');
  await expect(page.getByTestId('stale-reason')).toHaveCount(0, { timeout: 15_000 });

  const acknowledgments = await journalAcknowledgments(gateway.url, alarmId);
  expect(acknowledgments).toEqual([expect.objectContaining({ username: 'demo.nurse' })]);
});

test('the station restarts too during the outage: the queued acknowledgment is kept, waits for the nurse, and is recorded once she signs in again', async ({
  page,
}) => {
  const gatewayDir = join(mkdtempSync(join(tmpdir(), 'wardwatch-comms-')), 'gw');
  const stationDir = mkdtempSync(join(tmpdir(), 'wardwatch-station-'));
  const gatewayArgs = ['--beds', '2', '--data-dir', gatewayDir];
  const gateway = await track(startGateway(['--port', '0', ...gatewayArgs]));
  const stationArgs = ['--gateway', gateway.url, '--station-name', 'Desk D', '--data-dir', stationDir];
  const firstHost = await track(startBrowserHost(stationArgs));
  await page.goto(firstHost.url);
  await signInAt(page, 'nurse');
  const control = await adminSocket(gateway.url);
  await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-01', scenario: 'vt' });
  control.close();
  const vt = page.getByTestId('alarm-item').filter({ hasText: 'VTACH' });
  await expect(vt).toHaveAttribute('data-state', 'unacknowledged');
  const alarmId = (await vt.getAttribute('data-alarm-id')) as string;

  await gateway.kill();
  await expect(page.locator('[data-alarm-id="station-comms-lost"]')).toBeVisible({ timeout: 2000 });
  await vt.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(vt).toContainText('queued (offline)');

  // The station itself restarts (a crash, an update) while the gateway is still down.
  await firstHost.kill();
  const secondHost = await track(startBrowserHost(stationArgs));
  await page.goto(secondHost.url);
  await expect(page.getByTestId('ack-waiting')).toHaveText(
    /1 acknowledgment waits until Demo Nurse signs in again \(recorded in that clinician’s name only\)/,
    { timeout: 15_000 },
  );
  await page.screenshot({ path: 'test-results/acknowledgment-waiting-after-restart.png' });

  await track(startGateway(['--port', new URL(gateway.url).port, ...gatewayArgs]));
  await signInAt(page, 'nurse');
  const restored = page.getByTestId('alarm-item').filter({ hasText: 'VTACH' });
  await expect(restored).toHaveAttribute('data-state', 'acknowledged', { timeout: 20_000 });
  await expect(restored).toHaveAttribute('data-alarm-id', alarmId);
  await expect(restored.getByTestId('alarm-acknowledged-by')).toHaveText('✓ Demo Nurse');
  await expect(page.getByTestId('ack-notices')).toHaveCount(0);

  expect(await journalAcknowledgments(gateway.url, alarmId)).toEqual([
    expect.objectContaining({ username: 'demo.nurse' }),
  ]);
});
