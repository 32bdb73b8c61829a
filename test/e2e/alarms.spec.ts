/**
 * Alarms end to end in the browser host, two stations on one ward gateway: VF on a bed shows as a flashing HIGH
 * alarm on both; a nurse acknowledges at one station — the journal has her name and the time, the other station
 * shows it acknowledged; AUDIO PAUSED shows its countdown on both and a new HIGH alarm sounds through it.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket, signInDemo, socketWithToken, welcomed } from '../support/gateway-access';
import { signInAt, startBrowserHost, startGateway, stopProgramsAfterEachTest } from './support/station-processes';
import { alarmTimes } from '../support/page-alarm-times';

const track = stopProgramsAfterEachTest();

async function historyOf(gatewayUrl: string): Promise<
  {
    kind: string;
    alarmId: string | null;
    username: string | null;
    userDisplay: string | null;
    station: string | null;
    atMs: number;
  }[]
> {
  const grant = await signInDemo(gatewayUrl, 'physician', 'Review desk');
  const socket: Socket = await welcomed(socketWithToken(gatewayUrl, grant.accessToken, 'station', 'Review desk'));
  try {
    const reply = (await socket.emitWithAck(WARD_EVENTS.queryHistory, {
      fromMs: 0,
      toMs: Date.now() + 1000,
      limit: 1000,
    })) as { ok: true; value: { events: [] } };
    return reply.value.events;
  } finally {
    socket.close();
  }
}

test('two stations: a HIGH alarm flashes on both, one nurse acknowledges, both see it; audio pause and a new HIGH alarm sounding through', async ({
  browser,
}) => {
  const gateway = await track(
    startGateway([
      '--port',
      '0',
      '--beds',
      '4',
      '--data-dir',
      join(mkdtempSync(join(tmpdir(), 'wardwatch-alarms-')), 'gw'),
    ]),
  );
  const hostA = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'Desk A']));
  const hostB = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'Desk B']));
  // Two stations = two browser contexts; closed at the end so they do not keep rendering (and sounding) later.
  const contextA = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const contextB = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  await pageA.goto(hostA.url);
  await pageB.goto(hostB.url);
  await signInAt(pageA, 'nurse');
  await signInAt(pageB, 'physician');
  await expect(pageA.getByTestId('alarm-bar')).toContainText('No active alarms');

  const control = await adminSocket(gateway.url);
  try {
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-02', scenario: 'vf' })).toEqual({
      ok: true,
      value: null,
    });
    const vfA = pageA.getByTestId('alarm-item').filter({ hasText: 'VFIB' });
    const vfB = pageB.getByTestId('alarm-item').filter({ hasText: 'VFIB' });
    await expect(vfA).toHaveAttribute('data-priority', 'HIGH');
    await expect(vfA).toContainText('Bed 2');
    await expect(vfA).toHaveClass(/alarm--flashing/);
    await expect(vfB).toHaveClass(/alarm--flashing/);
    await expect(pageA.getByTestId('bed-bed-02')).toHaveAttribute('data-alarm', 'HIGH VF');
    // The flash is the IEC HIGH rate: a 0.5 s animation cycle, on 40 % of it.
    expect(await vfA.evaluate((element) => getComputedStyle(element).animationDuration)).toBe('0.5s');
    const alarmId = await vfA.getAttribute('data-alarm-id');
    expect(alarmId).toMatch(/^a-/);
    // It sounds, on both stations.
    await expect.poll(async () => (await alarmTimes(pageA)).sounded[alarmId as string]).toBeGreaterThan(0);
    await expect.poll(async () => (await alarmTimes(pageB)).sounded[alarmId as string]).toBeGreaterThan(0);
    await pageA.screenshot({ path: 'test-results/alarm-vf.png' });

    // The nurse at Desk A acknowledges: it stops flashing and says who, on both stations.
    await vfA.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(vfA).toHaveAttribute('data-state', 'acknowledged');
    await expect(vfA).not.toHaveClass(/alarm--flashing/);
    await expect(vfA.getByTestId('alarm-acknowledged-by')).toHaveText('✓ Demo Nurse');
    await expect(vfB).toHaveAttribute('data-state', 'acknowledged');
    await expect(vfB.getByTestId('alarm-acknowledged-by')).toHaveText('✓ Demo Nurse');
    const acknowledged = (await historyOf(gateway.url)).filter(
      (event) => event.kind === 'acknowledged' && event.alarmId === alarmId,
    );
    expect(acknowledged).toEqual([
      // Desk A is not enrolled: the journal keeps the name it gave, marked as unverified, with its address.
      expect.objectContaining({
        username: 'demo.nurse',
        userDisplay: 'Demo Nurse',
        station: 'Desk A [not enrolled: 127.0.0.1]',
      }),
    ]);
    expect(Math.abs((acknowledged[0]?.atMs ?? 0) - Date.now())).toBeLessThan(60_000);

    // AUDIO PAUSED from Desk B: both show the countdown.
    await pageB.getByRole('button', { name: 'Pause audio' }).click();
    await expect(pageA.getByTestId('audio-paused')).toHaveText(/^AUDIO PAUSED [12]:\d\d$/);
    await expect(pageB.getByTestId('audio-paused')).toHaveText(/^AUDIO PAUSED [12]:\d\d$/);

    // A new HIGH alarm sounds through the pause.
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-03', scenario: 'asystole' })).toEqual({
      ok: true,
      value: null,
    });
    const asystole = pageA.getByTestId('alarm-item').filter({ hasText: 'ASYSTOLE' });
    await expect(asystole).toHaveAttribute('data-priority', 'HIGH');
    const asystoleId = (await asystole.getAttribute('data-alarm-id')) as string;
    await expect.poll(async () => (await alarmTimes(pageA)).sounded[asystoleId]).toBeGreaterThan(0);
    await expect(pageA.getByTestId('audio-paused')).toBeVisible();
    // Unacknowledged before acknowledged (decision 0012): the new ASYSTOLE leads, the acknowledged VF follows.
    await expect(pageA.getByTestId('alarm-item').first()).toContainText('ASYSTOLE');
    await expect(pageA.getByTestId('alarm-item').nth(1)).toContainText('VFIB');
    await pageA.screenshot({ path: 'test-results/alarm-paused.png' });
  } finally {
    control.close();
    await contextA.close();
    await contextB.close();
  }
});
