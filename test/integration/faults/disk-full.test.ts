/**
 * The short version of `npm run test:faults`' disk case (test/faults/disk-full.ts): the gateway's data folder on a
 * small tmpfs filled to the last byte under a running ward. Skipped, saying so, where a tmpfs cannot be mounted
 * (not root); the injected write failures of disclosure-failure-alarm and store-fault-injection hold everywhere.
 */
import { describe, expect, it } from 'vitest';
import { runDiskFull } from '../../faults/disk-full';

describe('the gateway’s disk full', () => {
  it('is a technical alarm, the stream and the alarms go on, and nothing is lost once space is back', async (context) => {
    const lines: string[] = [];
    const figures = await runDiskFull((line) => lines.push(line));
    if (figures === null) {
      context.skip(lines.join('; '));
      return;
    }
    expect(figures.technicalAlarmsShown).toContain('DISCLOSURE_FAILURE');
    expect(figures.vtShownWhileFull).toBe(true);
    expect(figures.longestStreamGapMs).toBeLessThan(2000);
    expect(figures.gatewayAlive).toBe(true);
    expect(figures.technicalAlarmsEnded).toBe(true);
    expect(figures.ackConfirmed).toBe(true);
    expect(figures.ackEvents).toBe(1);
    expect(figures.journalIntact).toBe(true);
  }, 180_000);
});
