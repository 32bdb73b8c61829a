/**
 * The rhythm rules at their boundaries, on synthetic beat sequences: asystole 4 s, extreme brady 5 beats below 40,
 * extreme tachy 17 beats above 140, VT 5 ventricular beats above 100, the advisories.
 */
import { describe, expect, it } from 'vitest';
import {
  extremeBradyRate,
  extremeTachyRate,
  longestRecentInterval,
  rhythmIrregularity,
  secondsWithoutBeat,
  ventricularRun,
  ventricularTachycardiaRate,
  type RuleBeat,
} from '../../../../gateway/analysis/rhythm-rules';

/** `count` beats at `bpm`, the last at `endS`; `ventricular` from the end. */
function beats(count: number, bpm: number, endS = 100, ventricularFromEnd = 0): RuleBeat[] {
  return Array.from({ length: count }, (_, i) => ({
    timeS: endS - ((count - 1 - i) * 60) / bpm,
    ventricular: i >= count - ventricularFromEnd,
  }));
}

describe('rhythm rules', () => {
  it('asystole is 4 s without a QRS: 3.99 s is not, 4.0 s is', () => {
    const sequence = beats(10, 70);
    expect(secondsWithoutBeat(sequence, 103.99, 0)).toBeLessThan(4);
    expect(secondsWithoutBeat(sequence, 104, 0)).toBeGreaterThanOrEqual(4);
    // A lead that never showed a beat counts from its start.
    expect(secondsWithoutBeat([], 14, 10)).toBe(4);
  });

  it('extreme bradycardia: 5 beats below 40/min; 4 beats, or 40/min itself, are not', () => {
    expect(extremeBradyRate(beats(5, 39), 100, 40)).toBe(39);
    expect(extremeBradyRate(beats(4, 30), 100, 40)).toBeNull();
    expect(extremeBradyRate(beats(5, 40), 100, 40)).toBeNull();
    // A heart that stops is not extreme bradycardia on its way to asystole (one long running interval is outvoted)…
    expect(extremeBradyRate(beats(5, 60), 103, 40)).toBeNull();
    // … but one that keeps slowing is: the running interval counts once it is longer than the others.
    expect(
      extremeBradyRate(
        [...beats(3, 50, 100), { timeS: 101.6, ventricular: false }, { timeS: 103.2, ventricular: false }],
        104.9,
        40,
      ),
    ).not.toBeNull();
  });

  it('extreme tachycardia: 17 beats above 140/min; 16 beats, or 140/min itself, are not; one missed beat does not hide it', () => {
    expect(extremeTachyRate(beats(17, 141), 100, 140)).toBe(141);
    expect(extremeTachyRate(beats(16, 180), 100, 140)).toBeNull();
    expect(extremeTachyRate(beats(17, 140), 100, 140)).toBeNull();
    const missed = beats(18, 150).filter((_, i) => i !== 9);
    expect(extremeTachyRate(missed, 100, 140)).toBe(150);
    // Over once the beats stop.
    expect(extremeTachyRate(beats(17, 150), 103, 140)).toBeNull();
  });

  it('ventricular tachycardia: 5 consecutive ventricular beats above 100/min; 4, or 100/min, are not', () => {
    expect(ventricularTachycardiaRate(beats(12, 101, 100, 5), 100)).toBe(101);
    expect(ventricularTachycardiaRate(beats(12, 180, 100, 4), 100)).toBeNull();
    expect(ventricularTachycardiaRate(beats(12, 100, 100, 5), 100)).toBeNull();
    expect(ventricularRun(beats(12, 120, 100, 3), 100)).toEqual({ beats: 3, rate: expect.closeTo(120, 5) });
    // The run has ended 2 s after its last beat.
    expect(ventricularTachycardiaRate(beats(12, 150, 100, 6), 102.5)).toBeNull();
  });

  it('irregularity: sinus rhythm stays low, an irregularly irregular rhythm is high', () => {
    const sinus = beats(30, 72);
    expect(rhythmIrregularity(sinus)).toBeLessThan(0.01);
    let t = 0;
    const irregular: RuleBeat[] = [
      0.62, 0.91, 0.55, 1.05, 0.7, 0.48, 0.98, 0.66, 0.83, 0.52, 1.1, 0.6, 0.77, 0.95, 0.5, 0.88, 0.69, 1.02, 0.57, 0.8,
      0.64, 0.93, 0.58, 0.86, 0.72,
    ].map((rr) => ({ timeS: (t += rr), ventricular: false }));
    expect(rhythmIrregularity(irregular)).toBeGreaterThan(0.13);
  });
});

describe('pause', () => {
  it('is a completed interval of 2.5 s or more; the running interval is not (asystole takes it at 4 s)', () => {
    const sequence = [...beats(10, 70, 100), { timeS: 102.6, ventricular: false }];
    expect(longestRecentInterval(sequence, 103, 4)).toBeCloseTo(2.6, 5);
    expect(longestRecentInterval(beats(10, 70, 100), 103.5, 4)).toBeLessThan(1);
  });
});
