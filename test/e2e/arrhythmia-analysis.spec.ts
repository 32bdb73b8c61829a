/**
 * Issue 12 as a nurse meets it: a simulated bed switched into VT shows VTACH on its tile and in the alarm bar —
 * found by the gateway's analysis of the waves the bed sends (the simulator tells the alarm engine nothing), with
 * the rhythm label on every tile, and the analysis' reasons (leads, pulse signals) journaled with the alarm.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket, signInDemo, socketWithToken, welcomed } from '../support/gateway-access';
import { signInAt, startBrowserHost, startGateway, stopProgramsAfterEachTest } from './support/station-processes';

const track = stopProgramsAfterEachTest();

test('a simulated bed switched into VT shows VTACH on its tile and in the alarm bar, from the analysis of its ECG', async ({
  page,
}) => {
  const gateway = await track(
    startGateway([
      '--port',
      '0',
      '--beds',
      '4',
      '--data-dir',
      join(mkdtempSync(join(tmpdir(), 'wardwatch-vt-')), 'gw'),
    ]),
  );
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'Desk V']));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  const tile = page.getByTestId('bed-bed-04');
  // Every tile reads its rhythm once the analysis has learnt the beats.
  await expect(tile.getByTestId('bed-rhythm')).toHaveText(/^SINUS( BRADY| TACHY)? \d+$/, { timeout: 20_000 });
  await expect(page.getByTestId('alarm-bar')).toContainText('No active alarms');

  const control = await adminSocket(gateway.url);
  try {
    expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-04', scenario: 'vt' })).toEqual({
      ok: true,
      value: null,
    });
    await expect(tile.getByTestId('bed-rhythm')).toHaveText(/^VTACH \d+$/, { timeout: 15_000 });
    await expect(tile.getByTestId('bed-alarm')).toHaveText('VTACH');
    const item = page.getByTestId('alarm-item').filter({ hasText: 'VTACH' });
    await expect(item).toContainText(/ventricular beats at \d+\/min/);
    await expect(item).toHaveAttribute('data-priority', 'HIGH');
    await page.screenshot({ path: 'test-results/vt-from-analysis.png' });
  } finally {
    control.close();
  }

  // The journal keeps why: the leads the analysis read and the pulse signals it weighed.
  const grant = await signInDemo(gateway.url, 'physician', 'Review desk');
  const review = await welcomed(socketWithToken(gateway.url, grant.accessToken, 'station', 'Review desk'));
  try {
    const listed = (await review.emitWithAck(WARD_EVENTS.historyAlarms, {
      fromMs: 0,
      toMs: Date.now() + 60_000,
      conditions: ['VT'],
      limit: 10,
    })) as { ok: boolean; value: { rows: { alarmId: string }[] } };
    expect(listed.ok).toBe(true);
    const alarmId = listed.value.rows[0]?.alarmId as string;
    const detail = (await review.emitWithAck(WARD_EVENTS.historyDetail, { alarmId })) as {
      ok: boolean;
      value: {
        analysis: { leads: { lead: string; state: string }[]; pulses: { signal: string }[]; decidedOn: string } | null;
      };
    };
    expect(detail.ok).toBe(true);
    expect(detail.value.analysis?.leads.map((lead) => lead.lead)).toEqual(['ECG_II', 'ECG_V']);
    expect(detail.value.analysis?.pulses.map((pulse) => pulse.signal).sort()).toEqual(['ABP', 'PLETH']);
    expect(['ECG_II', 'ECG_V']).toContain(detail.value.analysis?.decidedOn);
  } finally {
    review.close();
  }
});
