/**
 * The short run of `npm run soak`: the built gateway with its probe, a few beds, two stations whose nurses
 * acknowledge, for under a minute — long enough to see the parts work together (probe lines, alarms raised from the
 * simulated waveforms, acknowledgments confirmed and journaled once each, streams that never stop), too short to
 * judge curves flat: that is the command's 2-h and 24-h runs.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../soak/soak-run';

describe('soak, short run', () => {
  it('streams, alarms and acknowledges all along, and the journal holds each acknowledgment once', async () => {
    const reports: number[] = [];
    const result = await runSoak({
      durationMs: 40_000,
      beds: 8,
      stations: 2,
      sampleEveryMs: 2000,
      reportEveryMs: 10_000,
      warmupMs: 10_000,
      say: () => undefined,
      onReport: (samples) => reports.push(samples.length),
    });
    expect(result.gatewayExit).toBeNull();
    expect(result.samples.length).toBeGreaterThanOrEqual(10);
    for (const sample of result.samples) {
      expect(sample.heapUsedMb).toBeGreaterThan(0);
      expect(sample.fds).toBeGreaterThan(0);
    }
    expect(result.samples.some((sample) => Number.isFinite(sample.diskMb) && sample.diskMb > 0)).toBe(true);
    // The live set, read after the probe's forced collections, is what the heap is judged on.
    const live = result.samples.flatMap((sample) => (sample.heapAfterGcMb === undefined ? [] : [sample]));
    expect(live.length).toBeGreaterThanOrEqual(1);
    for (const sample of live) expect(sample.heapAfterGcMb).toBeGreaterThan(0);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    expect(result.counters.alarmsSeen).toBeGreaterThan(0);
    expect(result.counters.acksConfirmed).toBeGreaterThan(0);
    expect(result.acksLost).toBe(0);
    expect(result.acksDoubled).toBe(0);
    expect(result.journalIntact).toBe(true);
    expect(result.counters.stationsStreaming).toBe(2);
    expect(result.counters.batches).toBeGreaterThan(100);
    expect(result.counters.longestStreamGapMs).toBeLessThan(2000);
  }, 120_000);
});
