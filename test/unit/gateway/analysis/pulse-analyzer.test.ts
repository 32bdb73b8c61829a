/**
 * The pulse detector that confirms or contradicts a lethal ECG call (issue 12): a regular pleth is a perfusing
 * heartbeat even with one motion jolt in it; pulses that stop are not.
 */
import { describe, expect, it } from 'vitest';
import { PulseAnalyzer, withoutDoubleDetections } from '../../../../gateway/analysis/pulse-analyzer';

const FS = 125;

/** A pleth (arbitrary units): a pulse every `intervalS` from 0.3 s to `stopS`, plus one sharp jolt at each `joltsS`. */
function pleth(seconds: number, intervalS: number, stopS: number, joltsS: readonly number[] = []): number[] {
  const samples: number[] = [];
  for (let i = 0; i < seconds * FS; i += 1) {
    const t = i / FS;
    let value = 0;
    for (let onset = 0.3; onset < Math.min(t, stopS); onset += intervalS) {
      const since = t - onset;
      value += since < 0.12 ? since / 0.12 : Math.exp(-(since - 0.12) / 0.18);
    }
    for (const jolt of joltsS) if (t >= jolt && t < jolt + 0.15) value += Math.sin((Math.PI * (t - jolt)) / 0.15);
    samples.push(value);
  }
  return samples;
}

function evidenceAt(samples: readonly number[]): ReturnType<PulseAnalyzer['evidence']> {
  const analyzer = new PulseAnalyzer(FS, 'PLETH');
  for (const sample of samples) analyzer.push(sample, true);
  return analyzer.evidence(4);
}

describe('pulse evidence', () => {
  it('finds a regular pleth at 100/min pulsatile', () => {
    const evidence = evidenceAt(pleth(12, 0.6, 99));
    expect(evidence.pulsatile).toBe(true);
    expect(evidence.rate).toBeGreaterThanOrEqual(95);
    expect(evidence.rate).toBeLessThanOrEqual(105);
  });

  it('keeps a regular pleth pulsatile through one motion jolt between two pulses', () => {
    const evidence = evidenceAt(pleth(12, 0.6, 99, [9.65]));
    expect(evidence.pulsatile).toBe(true);
    expect(evidence.rate).toBeLessThanOrEqual(105);
  });

  it('finds no perfusing pulse 4 s after the pulses stopped', () => {
    expect(evidenceAt(pleth(14, 0.6, 9.5)).pulsatile).toBe(false);
  });

  it('drops a second detection inside one beat, and keeps a regular sequence whole', () => {
    const regular = [0, 0.6, 1.2, 1.8, 2.4].map((timeS) => ({ timeS, amplitude: 1 }));
    expect(withoutDoubleDetections(regular)).toHaveLength(5);
    const withExtra = [0, 0.6, 0.9, 1.2, 1.8, 2.4].map((timeS) => ({ timeS, amplitude: 1 }));
    expect(withoutDoubleDetections(withExtra).map((pulse) => pulse.timeS)).toEqual([0, 0.6, 1.2, 1.8, 2.4]);
  });
});
