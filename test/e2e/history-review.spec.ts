/**
 * History review in the browser host: an alarm is triggered and acknowledged by a nurse; a physician opens the
 * review, finds it by filter, opens its detail — the timeline names the nurse, the strip shows the full-disclosure
 * waveforms around onset — and exports the filtered table as CSV, whose rows are checked.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket, demoAccount } from '../support/gateway-access';
import { signInAt, startBrowserHost, startGateway, stopProgramsAfterEachTest } from './support/station-processes';

const track = stopProgramsAfterEachTest();

test('trigger, acknowledge, then review: filter, detail with strip and the acknowledging nurse, CSV export', async ({
  page,
}) => {
  const gateway = await track(
    startGateway([
      '--port',
      '0',
      '--beds',
      '4',
      '--data-dir',
      join(mkdtempSync(join(tmpdir(), 'wardwatch-history-')), 'gw'),
    ]),
  );
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'Desk H']));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  await expect(page.locator('.bed-tile')).toHaveCount(4);
  // Let full disclosure gather the seconds before the alarm.
  await page.waitForTimeout(6000);

  const control = await adminSocket(gateway.url);
  expect(await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-02', scenario: 'vf' })).toEqual({
    ok: true,
    value: null,
  });
  control.close();
  const vf = page.getByTestId('alarm-item').filter({ hasText: 'VFIB' });
  await vf.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(vf).toHaveAttribute('data-state', 'acknowledged');
  const alarmId = (await vf.getAttribute('data-alarm-id')) as string;
  await page.waitForTimeout(4000);

  // A physician takes over the station and reviews.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAt(page, 'physician');
  await page.getByRole('button', { name: 'History' }).click();
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Bed / patient').selectOption({ index: 2 });
  await expect(filters.getByLabel('Bed / patient')).toHaveValue('bed-02');
  await filters.getByLabel('Alarm').selectOption({ label: 'VFIB' });
  const row = page.locator(`[data-testid="history-row"][data-alarm-id="${alarmId}"]`);
  await expect(row).toContainText('Demo Nurse');
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByTestId('alarm-stats').getByTestId('stats-total')).toHaveText('1');

  await row.click();
  const detail = page.getByTestId('alarm-detail');
  await expect(detail.getByTestId('alarm-timeline').locator('[data-kind="raised"]')).toHaveCount(1);
  await expect(detail.getByTestId('alarm-timeline').locator('[data-kind="acknowledged"]')).toContainText(
    `by ${demoAccount('nurse').displayName} at Desk H [not enrolled: 127.0.0.1]`,
  );
  await expect(detail.getByTestId('strip-ECG_II')).toBeVisible();
  await expect(detail.getByTestId('strip-PLETH')).toBeVisible();
  expect(Number(await detail.getByTestId('strip').getAttribute('data-samples'))).toBeGreaterThan(2000);
  await expect(detail.getByTestId('numerics-at-onset')).toContainText('SPO2');
  // What the ECG analysis read when it called VF, and the pulse signals it weighed (issue 12).
  await expect(detail.getByTestId('alarm-analysis').locator('[data-lead="ECG_II"]')).toBeVisible();
  await expect(detail.getByTestId('alarm-analysis').locator('[data-pulse="ABP"]')).toContainText('no perfusing pulse');
  await page.screenshot({ path: 'test-results/history-review.png' });

  const downloading = page.waitForEvent('download');
  await filters.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe(
    'alarm_id,bed,alarm,priority,message,onset_utc,ended_utc,escalated,acknowledged_by,acknowledged_at_station,acknowledged_utc,seconds_to_acknowledge,patient_mrn,patient_name',
  );
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(
    new RegExp(
      `^${alarmId},Bed 2,VFIB,HIGH,fibrillatory ECG [^,]+,\\d{4}-\\d\\d-\\d\\dT[^,]+,,false,Demo Nurse,Desk H \\[not enrolled: 127\\.0\\.0\\.1\\],\\d{4}-[^,]+,\\d+(\\.\\d)?,,$`,
    ),
  );
});
