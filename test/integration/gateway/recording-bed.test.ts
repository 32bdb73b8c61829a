/**
 * A replayed recording as a bed: the MIT-BIH 100 bed's derived heart rate tracks the rhythm of the reference
 * annotations, numerics records feed their values, and the loop point is marked as a gap.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAME_FLAGS } from '../../../common/wire/waveform-frame';
import { RecordingBed } from '../../../gateway/sources/recording-bed';
import { loadRecordingWard } from '../../../gateway/sources/recording-ward';
import { isBeat, readMitAnnotations } from '../../../gateway/wfdb/wfdb-annotations';
import { readWfdbRecord } from '../../../gateway/wfdb/wfdb-record';
import { PHYSIONET } from '../../support/physionet';
import { AnalysedBed } from '../../../gateway/analysis/analysed-bed';

describe('recording beds', () => {
  it('derives a heart rate on MIT-BIH 100 that tracks the reference rhythm', async () => {
    const record = await readWfdbRecord(join(PHYSIONET, 'mitdb/100.hea'));
    const beats = (await readMitAnnotations(join(PHYSIONET, 'mitdb/100.atr')))
      .filter((a) => isBeat(a.code))
      .map((a) => a.sample);
    // The gateway's analysis derives the rate from the replayed waves, as for every bed.
    const bed = new AnalysedBed(new RecordingBed({ waveforms: record, numerics: null, label: '100', startMs: 0 }));
    let close = 0;
    let compared = 0;
    for (let second = 1; second <= 300; second += 1) {
      bed.generate(second * 1000);
      const heartRate = bed.numerics(second * 1000).HR?.value;
      if (second < 10 || heartRate === null || heartRate === undefined) continue;
      // Reference: the mean of the eight RR intervals that ended by this second (minus the detector's delay).
      const known = beats.filter((sample) => sample <= (second - 0.6) * 360).slice(-9);
      const referenceRate = (60 * 360 * 8) / ((known.at(-1) as number) - (known[0] as number));
      compared += 1;
      if (Math.abs(heartRate - referenceRate) <= 3) close += 1;
    }
    expect(compared).toBeGreaterThan(280);
    expect(close / compared).toBeGreaterThan(0.95);
  });

  it('takes SpO2 and NIBP from the numerics record and marks values that were not monitored', async () => {
    const ward = await loadRecordingWard(join(PHYSIONET, 'mimic3wdb/s25047'), 0);
    const bed = ward.beds[0] as RecordingBed;
    const recorded = await readWfdbRecord(join(PHYSIONET, 'mimic3wdb/s25047/s25047-2704-05-04-10-44n.hea'));
    const spo2 = recorded.signals.find((signal) => signal.name === 'SpO2')?.values as Float32Array;
    // 40.5 minutes into the record: the value of minute 40, as recorded.
    const numerics = bed.numerics(40.5 * 60_000);
    expect(numerics.SPO2).toMatchObject({ origin: 'recording', unit: '%' });
    expect(numerics.SPO2?.value).toBeCloseTo(spo2[40] as number, 1);
    expect(numerics.SPO2?.value).toBeGreaterThan(30);
    expect(bed.numerics(30_000).SPO2).toMatchObject({ value: null, note: 'NOT MONITORED' });
  });

  it('marks the loop point of a recording as a gap', async () => {
    const record = await readWfdbRecord(join(PHYSIONET, 'mimicdb/041s.hea'));
    const bed = new RecordingBed({ waveforms: record, numerics: null, label: '041s', startMs: 0 });
    const chunks = [];
    for (let ms = 40; ms <= 17_000; ms += 40) chunks.push(...bed.generate(ms).filter((chunk) => chunk.key === 'ABP'));
    const gaps = chunks.filter((chunk) => chunk.flags & FRAME_FLAGS.gapBefore);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.firstSampleIndex).toBe(2000);
  });
});
