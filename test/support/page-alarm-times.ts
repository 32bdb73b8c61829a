/**
 * What a station page reports of its alarms for tests and benchmarks (`wardwatchAlarmTimes`, set by the alarm
 * area): when each alarm was first drawn and first sounded, by alarm id, in the page's clock.
 */
import type { Page } from '@playwright/test';

/** Drawn and sounded times by alarm id. */
export interface PageAlarmTimes {
  readonly drawn: Record<string, number>;
  readonly sounded: Record<string, number>;
}

/** The page's alarm times now. */
export function alarmTimes(page: Page): Promise<PageAlarmTimes> {
  return page.evaluate(() =>
    (globalThis as unknown as { wardwatchAlarmTimes: () => PageAlarmTimes }).wardwatchAlarmTimes(),
  );
}

/** The ids of the alarms the page has sounded. */
export async function soundedIds(page: Page): Promise<string[]> {
  return Object.keys((await alarmTimes(page)).sounded);
}
