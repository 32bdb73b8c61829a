/**
 * Beat classification against the lead's own template (issue 12): a complex unlike the patient's beat is
 * ventricular even when it measures no wider — the missed true VT of the 2015 challenge (v844s, v579l…) were runs of
 * narrow-looking, inverted complexes.
 */
import { describe, expect, it } from 'vitest';
import { EcgLeadAnalyzer } from '../../../../gateway/analysis/ecg-lead-analyzer';

const FS = 250;

/** A lead: `beats` R-peak times (s) with each beat's polarity, as mV samples. */
function synthesize(beats: readonly { atS: number; polarity: 1 | -1 }[], seconds: number): Float64Array {
  const samples = new Float64Array(Math.round(seconds * FS));
  for (const { atS, polarity } of beats)
    for (let i = 0; i < samples.length; i += 1) {
      const t = i / FS - atS;
      const qrs = 1.2 * Math.exp(-((t / 0.012) ** 2) / 2);
      const tWave = 0.25 * Math.exp(-(((t - 0.25) / 0.04) ** 2) / 2);
      samples[i] = (samples[i] as number) + polarity * (qrs + tWave);
    }
  return samples;
}

function sinusThen(polarity: 1 | -1): { atS: number; polarity: 1 | -1 }[] {
  const beats: { atS: number; polarity: 1 | -1 }[] = [];
  for (let at = 0.5; at < 12; at += 0.8) beats.push({ atS: at, polarity: 1 });
  for (let k = 0; k < 6; k += 1) beats.push({ atS: 12.2 + k * 0.4, polarity });
  return beats;
}

function classify(polarity: 1 | -1): { early: boolean[]; run: boolean[] } {
  const analyzer = new EcgLeadAnalyzer(FS);
  for (const sample of synthesize(sinusThen(polarity), 16)) analyzer.push(sample, true);
  const beats = analyzer.beats();
  return {
    early: beats.filter((beat) => beat.timeS > 3 && beat.timeS < 12).map((beat) => beat.ventricular),
    run: beats.filter((beat) => beat.timeS > 12).map((beat) => beat.ventricular),
  };
}

describe('beat classification against the lead template', () => {
  it('classes a run of narrow complexes inverted against the patient’s beat as ventricular', () => {
    const { early, run } = classify(-1);
    expect(early.length).toBeGreaterThan(8);
    expect(early.every((ventricular) => !ventricular)).toBe(true);
    expect(run).toHaveLength(6);
    expect(run.every((ventricular) => ventricular)).toBe(true);
  });

  it('keeps the same narrow complexes, faster, as normal beats', () => {
    const { early, run } = classify(1);
    expect(early.every((ventricular) => !ventricular)).toBe(true);
    expect(run).toHaveLength(6);
    expect(run.every((ventricular) => !ventricular)).toBe(true);
  });
});
