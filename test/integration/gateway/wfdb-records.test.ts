/**
 * Every real recording in ../shared/data/physionet reads (checksums verified on the way), maps to the right
 * channels at the right rates, and a damaged copy is named with its problem.
 */
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecordingWard } from '../../../gateway/sources/recording-ward';
import { isBeat, readMitAnnotations } from '../../../gateway/wfdb/wfdb-annotations';
import { readWfdbRecord } from '../../../gateway/wfdb/wfdb-record';
import { PHYSIONET } from '../../support/physionet';

describe('PhysioNet recordings', () => {
  it('loads every record of the shared folder as a bed, without a problem', async () => {
    const ward = await loadRecordingWard(PHYSIONET, 0);
    expect(ward.problems).toEqual([]);
    const beds = Object.fromEntries(
      ward.beds.map((bed) => [bed.label, bed.channels.map((channel) => `${channel.key}@${channel.sampleRate}`)]),
    );
    expect(beds).toEqual({
      '041s': ['ECG_III@500', 'ECG_I@500', 'ECG_V@500', 'ABP@125', 'PAP@125', 'PLETH@125', 'RESP@125'],
      '100': ['ECG_MLII@360', 'ECG_V5@360'],
      '208_excerpt': ['ECG_MLII@360'],
      s00001: [],
      s0010_re: [
        'ECG_I@1000',
        'ECG_II@1000',
        'ECG_III@1000',
        'ECG_AVR@1000',
        'ECG_AVL@1000',
        'ECG_AVF@1000',
        'ECG_V1@1000',
        'ECG_V2@1000',
        'ECG_V3@1000',
        'ECG_V4@1000',
        'ECG_V5@1000',
        'ECG_V6@1000',
      ],
      s25047: ['ECG_II@125', 'ECG_V@125', 'ABP@125'],
      v102s: ['ECG_II@250', 'ECG_V@250', 'PLETH@250', 'RESP@250'],
    });
    expect(ward.beds.find((bed) => bed.label === 's0010_re')?.unmappedSignals).toEqual(['vx', 'vy', 'vz']);
    expect(ward.beds.find((bed) => bed.label === '100')?.patient).toMatchObject({ ageYears: 69, sex: 'M' });
  });

  it('assembles a multi-segment record with its leading gap and per-segment gains', async () => {
    const record = await readWfdbRecord(join(PHYSIONET, 'mimic3wdb/s25047/s25047-2704-05-04-10-44.hea'));
    expect(record.signals.map((signal) => signal.values.length)).toEqual([543240, 543240, 543240]);
    const ecg = record.signals[0]?.values as Float32Array;
    expect(Number.isNaN(ecg[0] as number)).toBe(true);
    expect(Number.isNaN(ecg[25739] as number)).toBe(true);
    expect(Number.isFinite(ecg[25740] as number)).toBe(true);
    // ABP exists only in the last two segments.
    const abp = record.signals[2]?.values as Float32Array;
    expect(Number.isNaN(abp[400000] as number)).toBe(true);
    expect(Number.isFinite(abp[543239] as number)).toBe(true);
  });

  it('reads 212x4 (500 Hz ECG beside 125 Hz pressures) across two segments', async () => {
    const record = await readWfdbRecord(join(PHYSIONET, 'mimicdb/041s.hea'));
    expect(record.signals.map((signal) => [signal.name, signal.sampleRate, signal.values.length])).toEqual([
      ['III', 500, 8000],
      ['I', 500, 8000],
      ['V', 500, 8000],
      ['ABP', 125, 2000],
      ['PAP', 125, 2000],
      ['PLETH', 125, 2000],
      ['RESP', 125, 2000],
    ]);
    const abp = Array.from(record.signals[3]?.values ?? []);
    expect(Math.min(...abp)).toBeGreaterThan(30);
    expect(Math.max(...abp)).toBeLessThan(120);
  });

  it('reads the reference annotations of MIT-BIH 100: 2273 beats', async () => {
    const annotations = await readMitAnnotations(join(PHYSIONET, 'mitdb/100.atr'));
    expect(annotations.filter((annotation) => isBeat(annotation.code))).toHaveLength(2273);
  });

  it('names a truncated data file and a corrupt one', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'wardwatch-wfdb-'));
    await copyFile(join(PHYSIONET, 'mitdb/208_excerpt.hea'), join(folder, '208_excerpt.hea'));
    const data = await readFile(join(PHYSIONET, 'mitdb/208_excerpt.dat'));
    await writeFile(join(folder, '208_excerpt.dat'), data.subarray(0, 1000));
    await expect(readWfdbRecord(join(folder, '208_excerpt.hea'))).rejects.toThrow(
      /208_excerpt\.dat: the file is truncated: 108000 frames .* need 162000 bytes, it has 1000/,
    );
    const corrupt = Buffer.from(data);
    corrupt[5000] = (corrupt[5000] as number) ^ 0xff;
    await writeFile(join(folder, '208_excerpt.dat'), corrupt);
    await expect(readWfdbRecord(join(folder, '208_excerpt.hea'))).rejects.toThrow(
      /208_excerpt\.dat: checksum of signal MLII is .* the file is corrupt/,
    );
    await writeFile(join(folder, 'broken.hea'), 'broken 1 360\nbroken.dat 311 200 11 0 0 0 0 I\n');
    const ward = await loadRecordingWard(folder, 0);
    expect(ward.beds).toHaveLength(0);
    expect(ward.problems.join('\n')).toMatch(/broken\.hea: line 2: storage format 311 is not supported/);
    expect(ward.problems.join('\n')).toMatch(/208_excerpt\.dat: checksum/);
  });
});
