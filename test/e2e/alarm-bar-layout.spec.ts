/**
 * What a nurse sees across the room, at 1920×1080 and 1280×720: with eight alarms at once (some acknowledged, some
 * escalated) every unacknowledged HIGH alarm is in the bar or counted in "+N more", which opens the full list;
 * the tile numerics fit their boxes for the extreme values at 16, 32 and 64 beds; and axe-core finds no serious
 * or critical accessibility violation on the ward, sign-in, history and station screens.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlarmSnapshot } from '../../common/alarms/alarm-model';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { adminSocket } from '../support/gateway-access';
import { seriousViolations } from './support/accessibility';
import { writeNumericsRecords } from '../support/numerics-records';
import {
  pageAddress,
  calmWardScenarioFile,
  signInAt,
  startBrowserHost,
  startGateway,
  stopProgramsAfterEachTest,
} from './support/station-processes';

const track = stopProgramsAfterEachTest();
const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];
/** axe-core from npm, run in the test's own page through the DevTools protocol (the station's CSP allows no inline script). */

/** In the bar: unacknowledged HIGH alarms fully inside it, the ones counted in "+N more", and the total. */
async function highAlarmsOnScreen(page: Page): Promise<{ visible: number; counted: number; total: number }> {
  return page.evaluate(() => {
    const list = document.querySelector('.alarm-bar__list');
    const bounds = list?.getBoundingClientRect();
    const items = Array.from(
      document.querySelectorAll<HTMLElement>(
        '[data-testid="alarm-item"][data-priority="HIGH"][data-state="unacknowledged"]',
      ),
    );
    const visible = items.filter((item) => {
      const box = item.getBoundingClientRect();
      return (
        bounds !== undefined &&
        !item.classList.contains('alarm--overflow') &&
        getComputedStyle(item).visibility === 'visible' &&
        box.left >= bounds.left - 0.5 &&
        box.right <= bounds.right + 0.5 &&
        box.width > 0
      );
    }).length;
    const more = document.querySelector<HTMLElement>('[data-testid="alarm-more"]');
    return { visible, counted: Number(more?.dataset.hiddenHigh ?? 0), total: items.length };
  });
}

test('the alarm bar hid alarms without a sign (a new VTACH behind three older HIGH) — now, with eight alarms, some acknowledged, some escalated, every unacknowledged HIGH is in sight or counted', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const gateway = await track(
    startGateway([
      '--port',
      '0',
      '--beds',
      '16',
      '--scenario-file',
      calmWardScenarioFile(),
      '--data-dir',
      join(mkdtempSync(join(tmpdir(), 'wardwatch-bar-')), 'gw'),
    ]),
  );
  const host = await track(startBrowserHost(['--gateway', gateway.url, '--station-name', 'Desk 8']));
  await page.goto(host.url);
  await signInAt(page, 'nurse');
  const control = await adminSocket(gateway.url);
  let snapshot: AlarmSnapshot | null = null;
  control.on(WARD_EVENTS.alarms, (payload: AlarmSnapshot) => (snapshot = payload));
  try {
    expect(
      (await control.emitWithAck(WARD_EVENTS.setAlarmPolicy, { escalationSeconds: 5 })) as { ok: boolean },
    ).toMatchObject({ ok: true });
    const scenarios = ['vf', 'asystole', 'vt', 'desaturation', 'tachycardia', 'bradycardia', 'apnea', 'leads-off'];
    for (const [index, scenario] of scenarios.entries()) {
      expect(
        await control.emitWithAck(WARD_EVENTS.setScenario, {
          bedId: `bed-${String(index + 1).padStart(2, '0')}`,
          scenario,
        }),
      ).toEqual({ ok: true, value: null });
    }
    // Two acknowledged by the nurse (from the full list, wherever the alarm is), the rest left to escalate.
    for (const label of ['VFIB', 'VTACH']) {
      const item = page.getByTestId('alarm-item').filter({ hasText: label });
      await expect(item).toHaveCount(1, { timeout: 15_000 });
      if (await item.evaluate((element) => element.classList.contains('alarm--overflow')))
        await page.getByTestId('alarm-more').click();
      const target = (await page.getByTestId('alarm-all').isVisible())
        ? page.getByTestId('alarm-all-item').filter({ hasText: label })
        : item;
      await target.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(item).toHaveAttribute('data-state', 'acknowledged');
      if (await page.getByTestId('alarm-all').isVisible())
        await page.getByTestId('alarm-all').getByRole('button', { name: 'Close' }).click();
    }
    // APNEA needs 20 s; escalation 5 s after each MEDIUM alarm's onset.
    await expect
      .poll(() => (snapshot as AlarmSnapshot | null)?.alarms.length ?? 0, { timeout: 40_000 })
      .toBeGreaterThanOrEqual(8);
    await expect
      .poll(() => (snapshot as AlarmSnapshot | null)?.alarms.some((alarm) => alarm.condition === 'APNEA') ?? false, {
        timeout: 40_000,
      })
      .toBe(true);
    await expect
      .poll(() => (snapshot as AlarmSnapshot | null)?.alarms.some((alarm) => alarm.escalated) ?? false, {
        timeout: 20_000,
      })
      .toBe(true);

    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const unacknowledgedHigh = (): number =>
        ((snapshot as AlarmSnapshot | null)?.alarms ?? []).filter(
          (alarm) => alarm.priority === 'HIGH' && alarm.acknowledged === null,
        ).length;
      await expect
        .poll(async () => {
          const seen = await highAlarmsOnScreen(page);
          return seen.total === unacknowledgedHigh() && seen.visible + seen.counted === seen.total
            ? 'every HIGH in sight or counted'
            : JSON.stringify({ ...seen, gateway: unacknowledgedHigh() });
        })
        .toBe('every HIGH in sight or counted');
      await page.screenshot({ path: `test-results/alarm-bar-${viewport.width}x${viewport.height}.png` });
      const more = page.getByTestId('alarm-more');
      if ((await more.count()) > 0) {
        await more.click();
        await expect(page.getByTestId('alarm-all-item')).toHaveCount(await page.getByTestId('alarm-item').count());
        await page.screenshot({ path: `test-results/alarm-bar-all-${viewport.width}x${viewport.height}.png` });
        await page.getByTestId('alarm-all').getByRole('button', { name: 'Close' }).click();
      }
    }
  } finally {
    control.close();
  }
});

/** Numeric boxes of every tile that overlap each other, spill out of their tile, or clip their text. */
async function numericProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const overlap = (a: DOMRect, b: DOMRect): boolean =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const tile of Array.from(document.querySelectorAll<HTMLElement>('.bed-tile'))) {
      const area = (tile.querySelector('.bed-tile__numerics') as HTMLElement).getBoundingClientRect();
      const parts = Array.from(tile.querySelectorAll<HTMLElement>('.numeric__value, .numeric__label, .numeric__note'));
      const label = tile.querySelector('.bed-tile__label')?.textContent ?? '?';
      for (const part of parts) {
        const box = part.getBoundingClientRect();
        if (part.scrollWidth > part.clientWidth + 1)
          problems.push(`${label}: "${part.textContent}" is clipped (${part.scrollWidth} > ${part.clientWidth} px)`);
        if (box.right > area.right + 1 || box.bottom > area.bottom + 1)
          problems.push(`${label}: "${part.textContent}" spills out of the tile`);
      }
      for (const [i, a] of parts.entries())
        for (const b of parts.slice(i + 1))
          if (overlap(a.getBoundingClientRect(), b.getBoundingClientRect()))
            problems.push(`${label}: "${a.textContent}" overlaps "${b.textContent}"`);
    }
    return problems;
  });
}

test('a three-digit heart rate ran into the SpO2 numeric — now tile numerics fit their boxes for the extreme values, at 16, 32 and 64 beds per screen', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'wardwatch-extremes-'));
  const extremes = [
    {
      HR: 300,
      SpO2: 100,
      RESP: 150,
      NBPSys: 300,
      NBPDias: 250,
      NBPMean: 280,
      ABPSys: 300,
      ABPDias: 250,
      ABPMean: 280,
      TEMP: 42.5,
    },
    { HR: 188, SpO2: 100, RESP: 88, NBPSys: 288, NBPDias: 188, NBPMean: 222, TEMP: 38.8 },
    { HR: 8, SpO2: 51, RESP: 4, ABPSys: 48, ABPDias: 22, ABPMean: 31, TEMP: 30.2 },
    // Zeros are "not measured" in a numerics record: every value shows --- with its reason (NOT MONITORED).
    { HR: 0, SpO2: 0, RESP: 0, NBPSys: 0, NBPDias: 0, NBPMean: 0, TEMP: 0 },
  ];
  writeNumericsRecords(
    folder,
    Array.from({ length: 64 }, (_, index) => ({
      name: `x${String(index).padStart(2, '0')}`,
      values: extremes[index % extremes.length] as (typeof extremes)[number],
    })),
  );
  const host = await track(startBrowserHost(['--source', `record:${folder}`]));
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const [query, beds] of [
      ['?page=1/4', 16],
      ['?page=1/2', 32],
      ['', 64],
    ] as const) {
      await page.goto(pageAddress(host.url, query));
      await expect(page.locator('.bed-tile')).toHaveCount(beds, { timeout: 20_000 });
      await expect(page.getByTestId('num-hr').filter({ hasText: '300' }).first()).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText('NOT MONITORED').first()).toBeVisible();
      expect(await numericProblems(page)).toEqual([]);
      await page.screenshot({ path: `test-results/tiles-extreme-${beds}-${viewport.width}x${viewport.height}.png` });
    }
  }
});

test('unit labels failed colour contrast and no page had an h1 — now axe-core finds no serious or critical violation on the ward, sign-in, history and station screens', async ({
  page,
}) => {
  const host = await track(startBrowserHost());
  await page.goto(host.url);
  await expect(page.locator('.bed-tile')).toHaveCount(16, { timeout: 20_000 });
  await expect(page.getByTestId('stale-reason')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('h1')).toHaveCount(1);
  expect(await seriousViolations(page), 'ward').toEqual([]);

  await page.locator('.session-controls').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  expect(await seriousViolations(page), 'sign-in').toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await signInAt(page, 'nurse');
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('form', { name: 'Filters' })).toBeVisible();
  expect(await seriousViolations(page), 'history').toEqual([]);

  await page.getByRole('button', { name: 'Station' }).click();
  await expect(page.getByTestId('panel-policy')).toBeVisible();
  expect(await seriousViolations(page), 'station').toEqual([]);
});
