/**
 * The QRS detector against the reference: MIT-BIH record 100 beat by beat (150 ms window, the whole record), and
 * a clipped lead of a real ICU recording agreeing with a clean one.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QrsDetector } from '../../../gateway/numerics/qrs-detector';
import { RecordingBed } from '../../../gateway/sources/recording-bed';
import { evaluateQrsDetector } from '../../../gateway/numerics/qrs-evaluation';
import { readWfdbRecord } from '../../../gateway/wfdb/wfdb-record';
import { PHYSIONET } from '../../support/physionet';
import { AnalysedBed } from '../../../gateway/analysis/analysed-bed';

describe('QRS detector', () => {
  it('finds MIT-BIH 100’s beats with sensitivity and positive predictivity of at least 99 %', async () => {
    const evaluation = await evaluateQrsDetector(join(PHYSIONET, 'mitdb/100'));
    expect(evaluation.referenceBeats).toBe(2273);
    expect(evaluation.sensitivity).toBeGreaterThanOrEqual(0.99);
    expect(evaluation.positivePredictivity).toBeGreaterThanOrEqual(0.99);
  });

  it('derives a steady heart rate from a recording whose lead II is clipped (challenge-2015 v102s)', async () => {
    const record = await readWfdbRecord(join(PHYSIONET, 'challenge-2015/v102s.hea'));
    // The gateway's analysis derives the rate from the replayed waves, as for every bed.
    const bed = new AnalysedBed(new RecordingBed({ waveforms: record, numerics: null, label: 'v102s', startMs: 0 }));
    // Lead V alone is clean in this record: the reference rate, second by second.
    const reference = new QrsDetector(250, () => undefined);
    const leadV = record.signals[1]?.values as Float32Array;
    const derived: number[] = [];
    const expected: number[] = [];
    for (let second = 1; second <= 240; second += 1) {
      bed.generate(second * 1000);
      for (let i = (second - 1) * 250; i < second * 250; i += 1) reference.push(leadV[i] as number);
      const rr = reference.meanRrSamples();
      derived.push(bed.numerics(second * 1000).HR?.value ?? Number.NaN);
      expected.push(rr === null ? Number.NaN : 15000 / rr);
    }
    // From 10 s on (after learning), through the four minutes before the artefact that raised the false alarm.
    const agreeing = derived
      .slice(10)
      .filter((rate, index) => Math.abs(rate - (expected[index + 10] as number)) <= 5).length;
    expect(agreeing / derived.slice(10).length).toBeGreaterThan(0.95);
  });
});
