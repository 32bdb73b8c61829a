/**
 * One-minute trends (minute-trends.ts): median, minimum and maximum of the valid values of each minute; a minute
 * without a valid value is a gap, never a carried-over value; after a restart the first minute is shorter and says
 * so in its count; a time that steps back (as a wall clock would) never reopens or reorders a closed minute.
 */
import { describe, expect, it } from 'vitest';
import { MinuteTrendCollector } from '../../../../gateway/trends/minute-trends';
import type { NumericValues } from '../../../../common/wire/ward-messages';

const T0 = Date.parse('2026-12-01T14:00:00Z');
const hr = (value: number | null, note: string | null = null): NumericValues => ({
  HR: { value, unit: 'bpm', origin: 'derived', measuredAtMs: 0, note },
});

describe('MinuteTrendCollector', () => {
  it('closes each minute with the median, min and max of its values', () => {
    const trends = new MinuteTrendCollector();
    const values = [70, 72, 71, 90, 69, 70];
    values.forEach((value, second) => expect(trends.add('bed-01', hr(value), T0 + second * 1000)).toEqual([]));
    expect(trends.add('bed-01', hr(80), T0 + 60_000)).toEqual([
      { bedId: 'bed-01', key: 'HR', minuteMs: T0, median: 70.5, min: 69, max: 90, count: 6 },
    ]);
  });

  it('leaves a minute without a valid value out (a gap), and ignores LEADS OFF in a minute that has values', () => {
    const trends = new MinuteTrendCollector();
    trends.add('bed-01', hr(70), T0);
    trends.add('bed-01', hr(null, 'LEADS OFF'), T0 + 30_000);
    // Minute 1 has only LEADS OFF; minute 2 has a value again.
    trends.add('bed-01', hr(null, 'LEADS OFF'), T0 + 70_000);
    const closed = trends.add('bed-01', hr(75), T0 + 125_000);
    expect(closed).toEqual([{ bedId: 'bed-01', key: 'HR', minuteMs: T0, median: 70, min: 70, max: 70, count: 1 }]);
    expect(trends.flush(T0 + 200_000).map((row) => row.minuteMs)).toEqual([T0 + 120_000]);
  });

  it('keeps beds and numerics apart, and closes a silent bed’s last minute when flushed', () => {
    const trends = new MinuteTrendCollector();
    trends.add(
      'bed-01',
      { ...hr(70), SPO2: { value: 97, unit: '%', origin: 'device', measuredAtMs: 0, note: null } },
      T0,
    );
    trends.add('bed-02', hr(110), T0 + 1000);
    const rows = trends.flush(T0 + 61_000);
    expect(rows.map((row) => `${row.bedId} ${row.key} ${row.median}`).sort()).toEqual([
      'bed-01 HR 70',
      'bed-01 SPO2 97',
      'bed-02 HR 110',
    ]);
  });

  it('starts a shorter first minute after a restart, and says so in its count', () => {
    const before = new MinuteTrendCollector();
    for (let second = 0; second < 30; second += 1) before.add('bed-01', hr(70), T0 + second * 1000);
    // The gateway restarts at 14:00:30: what was open is gone; the new collector has half a minute.
    const after = new MinuteTrendCollector();
    for (let second = 30; second < 60; second += 1) after.add('bed-01', hr(72), T0 + second * 1000);
    expect(after.flush(T0 + 60_000)).toEqual([
      { bedId: 'bed-01', key: 'HR', minuteMs: T0, median: 72, min: 72, max: 72, count: 30 },
    ]);
  });

  it('counts a value whose time stepped back before its open minute as late, and reorders nothing', () => {
    const trends = new MinuteTrendCollector();
    trends.add('bed-01', hr(70), T0 + 120_000);
    expect(trends.add('bed-01', hr(99), T0 + 30_000)).toEqual([]);
    expect(trends.late).toBe(1);
    expect(trends.flush(0, true)).toEqual([
      { bedId: 'bed-01', key: 'HR', minuteMs: T0 + 120_000, median: 70, min: 70, max: 70, count: 1 },
    ]);
  });
});
