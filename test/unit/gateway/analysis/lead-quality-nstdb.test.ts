/**
 * The analysis on real noise (eval/nstdb): MIT-BIH 118 with electrode-motion noise added at 24 dB in 2-minute
 * stretches (118e24) is read as the sinus rhythm with PVCs it is — no asystole, VF or VT called from the noise —
 * over the whole 30 minutes, judged once a second as the engine does. (At 12 dB, 118e12, noise still fools the
 * VF detector for some seconds: eval:arrhythmia and the decision record report it.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BedWaveformAnalysis } from '../../../../gateway/analysis/bed-waveform-analysis';
import { readWfdbRecord } from '../../../../gateway/wfdb/wfdb-record';
import { EVAL } from '../../../support/physionet';

async function callsOn(record: string): Promise<{ calls: Record<string, number>; judged: number; sinus: number }> {
  const wfdb = await readWfdbRecord(join(EVAL, record));
  const [first, second] = wfdb.signals;
  if (first === undefined || second === undefined) throw new Error(`${record} needs two leads`);
  const analysis = new BedWaveformAnalysis([
    { key: 'ECG_MLII', sampleRate: first.sampleRate },
    { key: 'ECG_V1', sampleRate: second.sampleRate },
  ]);
  const calls: Record<string, number> = {};
  let judged = 0;
  let sinus = 0;
  const step = Math.round(first.sampleRate * 0.04);
  for (let i = 0; i + step <= first.values.length; i += step) {
    analysis.ingest('ECG_MLII', i, first.values.subarray(i, i + step), true);
    analysis.ingest('ECG_V1', i, second.values.subarray(i, i + step), true);
    if (i % Math.round(first.sampleRate) >= step) continue;
    const assessment = analysis.assess({ extremeLowBpm: 40, extremeHighBpm: 140 });
    judged += 1;
    if (assessment.label.startsWith('SINUS')) sinus += 1;
    for (const condition of assessment.findings.keys()) calls[condition] = (calls[condition] ?? 0) + 1;
  }
  return { calls, judged, sinus };
}

describe('the analysis on the noise stress test', () => {
  it('calls no asystole, VF or VT from electrode-motion noise at 24 dB, and reads the sinus rhythm most of the time', async () => {
    const { calls, judged, sinus } = await callsOn('nstdb/118e24.hea');
    expect(judged).toBeGreaterThan(1790);
    expect(calls.ASYSTOLE ?? 0).toBe(0);
    expect(calls.VF ?? 0).toBe(0);
    expect(calls.VT ?? 0).toBe(0);
    expect(sinus / judged).toBeGreaterThan(0.85);
  }, 60_000);
});
