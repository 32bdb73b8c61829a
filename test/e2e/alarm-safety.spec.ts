/**
 * Issue 11 as a nurse meets it, in the browser host: a VF that was acknowledged, ended and came back flashes and
 * sounds again as a new alarm, and the history shows two; a station started while its gateway is down shows and
 * sounds COMMS LOST, which nobody can pause without signing in.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket, signInDemo, socketWithToken, welcomed } from '../support/gateway-access';
import { signInAt, startBrowserHost, startGateway, stopProgramsAfterEachTest } from './support/station-processes';
import { soundedIds } from '../support/page-alarm-times';

const track = stopProgramsAfterEachTest();

/** A port on 127.0.0.1 where nothing listens (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('VF, acknowledged, ends and comes back: a new alarm that flashes and sounds again; the history shows two', async ({
  page,
}) => {
  const gateway = await track(
    startGateway([
      '--port',
      '0',
      '--beds',
      '4',
      '--data-dir',
      join(mkdtempSync(join(tmpdir(), 'wardwatch-recur-')), 'gw'),
    ]),
  );
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'Desk R']));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  await expect(page.getByTestId('alarm-bar')).toContainText('No active alarms');
  const control = await adminSocket(gateway.url);
  try {
    const vf = page.getByTestId('alarm-item').filter({ hasText: 'VFIB' });
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-03', scenario: 'vf' })).toEqual({
      ok: true,
      value: null,
    });
    await expect(vf).toHaveClass(/alarm--flashing/);
    const first = (await vf.getAttribute('data-alarm-id')) as string;
    await expect.poll(() => soundedIds(page)).toContain(first);
    await vf.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(vf).toHaveAttribute('data-state', 'acknowledged');
    await expect(vf).not.toHaveClass(/alarm--flashing/);

    // The rhythm returns: HIGH latches, so the acknowledged VF stays, ended.
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-03', scenario: 'normal' })).toEqual({
      ok: true,
      value: null,
    });
    await expect(vf).toContainText('ended, latched', { timeout: 15_000 });

    // VF again: a new alarm, unacknowledged, flashing and sounding — the old acknowledgment does not cover it.
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-03', scenario: 'vf' })).toEqual({
      ok: true,
      value: null,
    });
    await expect(vf).toHaveCount(1);
    await expect(vf).not.toHaveAttribute('data-alarm-id', first, { timeout: 15_000 });
    const second = (await vf.getAttribute('data-alarm-id')) as string;
    await expect(vf).toHaveAttribute('data-state', 'unacknowledged');
    await expect(vf).toHaveClass(/alarm--flashing/);
    await expect.poll(() => soundedIds(page)).toContain(second);
    await page.screenshot({ path: 'test-results/alarm-recurrence.png' });
  } finally {
    control.close();
  }

  const grant = await signInDemo(gateway.url, 'physician', 'Review desk');
  const review = await welcomed(socketWithToken(gateway.url, grant.accessToken, 'station', 'Review desk'));
  try {
    const page0 = (await review.emitWithAck(WARD_EVENTS.historyAlarms, {
      fromMs: 0,
      toMs: Date.now() + 60_000,
      conditions: ['VF'],
      limit: 50,
    })) as { ok: boolean; value: { rows: { alarmId: string; condition: string }[] } };
    expect(page0.ok).toBe(true);
    expect(page0.value.rows.map((row) => row.condition)).toEqual(['VF', 'VF']);
  } finally {
    review.close();
  }
});

test('a station started while its gateway is down shows and sounds COMMS LOST, and nobody signed out can pause it', async ({
  page,
}) => {
  const host = await track(
    startBrowserHost(['--gateway', `http://127.0.0.1:${await closedPort()}`, '--station-name', 'Desk D']),
  );
  await page.goto(host.url);
  const commsLost = page.locator('[data-testid="alarm-item"][data-alarm-id="station-comms-lost"]');
  // Within 5 s of starting, plus the first connection attempt.
  await expect(commsLost).toBeVisible({ timeout: 8000 });
  await expect(commsLost).toHaveAttribute('data-priority', 'HIGH');
  await expect(commsLost).toHaveClass(/alarm--flashing/);
  await expect.poll(() => soundedIds(page)).toContain('station-comms-lost');
  await expect(commsLost.getByRole('button', { name: 'Pause audio' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/comms-lost-at-start.png' });
});
