/**
 * The short versions of `npm run test:faults`' storage cases (test/faults/ward-under-fault.ts), once each: the
 * gateway's disk filled to the last byte (a tmpfs; skipped, saying so, where none can be mounted — the injected
 * write failures of disclosure-failure-alarm and store-fault-injection hold everywhere), and the ward's PostgreSQL
 * server stopped for 15 s and started again.
 */
import { describe, expect, it } from 'vitest';
import { runDatabaseRestart } from '../../faults/database-restart';
import { runDiskFull } from '../../faults/disk-full';
import type { WardFaultFigures } from '../../faults/ward-under-fault';

function expectWardSurvived(figures: WardFaultFigures, technicalAlarm: string): void {
  expect(figures.technicalAlarmsShown).toContain(technicalAlarm);
  expect(figures.expectedAlarmShown).toBe(true);
  expect(figures.vtShownDuringFault).toBe(true);
  expect(figures.longestStreamGapMs).toBeLessThan(2000);
  expect(figures.gatewayAlive).toBe(true);
  expect(figures.technicalAlarmsLeft).toEqual([]);
  expect(figures.technicalAlarmsEnded).toBe(true);
  expect(figures.ackConfirmed).toBe(true);
  expect(figures.ackEvents).toBe(1);
  expect(figures.journalIntact).toBe(true);
}

describe('storage faults under a running ward', () => {
  it('disk full: a technical alarm, the stream and the alarms go on, nothing lost once space is back', async (context) => {
    const lines: string[] = [];
    const figures = await runDiskFull((line) => lines.push(line));
    if (figures === null) {
      context.skip(lines.join('; '));
      return;
    }
    expectWardSurvived(figures, 'DISCLOSURE_FAILURE');
  }, 300_000);

  it('PostgreSQL stopped and restarted: ALARM LOG FAILURE meanwhile, the acknowledgment journaled once after', async () => {
    expectWardSurvived(await runDatabaseRestart(), 'ALARM_LOG_FAILURE');
  }, 300_000);
});
