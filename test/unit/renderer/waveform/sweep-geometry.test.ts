import { describe, expect, it } from 'vitest';
import { eraseSpans, forEachSweepRun, sweepX } from '../../../../renderer/waveform/sweep-geometry';

function runs(lastDrawn: number, head: number, rate: number, seconds: number): [number, number][] {
  const found: [number, number][] = [];
  forEachSweepRun(lastDrawn, head, rate, seconds, (from, to) => found.push([from, to]));
  return found;
}

describe('sweep geometry', () => {
  it('maps stream indices onto the sweep and wraps at the window', () => {
    expect(sweepX(0, 250, 6, 600)).toBe(0);
    expect(sweepX(750, 250, 6, 600)).toBe(300);
    expect(sweepX(1500, 250, 6, 600)).toBe(0);
    expect(sweepX(1499, 250, 6, 600)).toBeCloseTo(599.6, 5);
  });

  it('splits a run at the right edge so no line crosses back to the left', () => {
    expect(runs(1490, 1510, 250, 6)).toEqual([
      [1490, 1499],
      [1500, 1510],
    ]);
    expect(runs(100, 120, 250, 6)).toEqual([[100, 120]]);
    // A head exactly at the first index after the edge: nothing to connect yet.
    expect(runs(1499, 1500, 250, 6)).toEqual([]);
  });

  it('handles fractional samples per sweep (62.5 Hz over 5.3 s)', () => {
    const perSweep = 62.5 * 5.3;
    const found = runs(320, 340, 62.5, 5.3);
    expect(found[0]).toEqual([320, Math.ceil(perSweep) - 1]);
    expect(found[1]?.[0]).toBe(Math.ceil(perSweep));
    for (const [from, to] of found) expect(Math.floor(from / perSweep)).toBe(Math.floor(to / perSweep));
  });

  it('erases ahead of the head, wrapping at the edge, and the whole width after a long jump', () => {
    const spans = new Float64Array(4);
    expect(eraseSpans(100, 110, 15, 600, false, spans)).toBe(1);
    expect(Array.from(spans.subarray(0, 2))).toEqual([100, 125]);
    expect(eraseSpans(590, 5, 15, 600, true, spans)).toBe(2);
    expect(Array.from(spans)).toEqual([590, 600, 0, 20]);
    expect(eraseSpans(100, 90, 15, 600, true, spans)).toBe(1);
    expect(Array.from(spans.subarray(0, 2))).toEqual([0, 600]);
  });
});
