/**
 * PCD-01 waveforms (issue 15): NA arrays become the wire's channels with their rate from the MDC_ATTR_SAMP_RATE row
 * under each wave, their unit converted, a missing sample kept as missing — and a wave without a rate, with an
 * unknown unit, or with a sample that is not a number is skipped with its reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../../../gateway/hl7/hl7-message';
import { readPcd01Waveforms } from '../../../../gateway/hl7/pcd01-waveforms';

function read(text: string): ReturnType<typeof readPcd01Waveforms> {
  const parsed = parseHl7(text);
  if (!parsed.ok) throw new Error(parsed.problem.text);
  return readPcd01Waveforms(parsed.message);
}

const fixture = readFileSync(join('test', 'fixtures', 'hl7', 'pcd01-waveforms.hl7'), 'utf8').trim();

describe('PCD-01 waveforms', () => {
  it('reads each NA row as a channel with its rate, unit and start time', () => {
    const { waves, skipped } = read(fixture);
    expect(waves.map((wave) => `${wave.key} ${wave.sampleRate} Hz ×${wave.samples.length}`)).toEqual([
      'ECG_II 250 Hz ×10',
      'ECG_V1 250 Hz ×5',
      'PLETH 125 Hz ×5',
    ]);
    const [ii, v1, pleth] = waves;
    expect(ii?.startMs).toBe(Date.parse('2026-12-01T14:02:10Z'));
    expect(ii?.samples[4]).toBeCloseTo(1.2);
    expect([...(v1?.samples ?? [])].map((value) => Math.round(value * 1000) / 1000)).toEqual([
      0.05, 0.06, 0.1, -0.7, -0.9,
    ]);
    expect(Number.isNaN(pleth?.samples[2])).toBe(true);
    expect(skipped).toEqual([
      {
        code: '101',
        location: 'OBX^8^4',
        text: 'wave 150032 has no usable sample rate (an MDC_ATTR_SAMP_RATE row under 1.3.1.1)',
      },
    ]);
  });

  it('skips a wave with a unit it cannot convert or a sample that is not a number', () => {
    const broken = fixture
      .replace('266434^MDC_DIM_MICRO_VOLT^MDC', '262688^MDC_DIM_PERCENT^MDC')
      .replace('10^14^^30^41', '10^14^x^30^41');
    const { waves, skipped } = read(broken);
    expect(waves.map((wave) => wave.key)).toEqual(['ECG_II']);
    expect(skipped.map((problem) => problem.text)).toEqual([
      'unit "262688" is not a unit of wave 131331',
      'wave 150452 has 1 sample(s) that are not numbers',
      'wave 150032 has no usable sample rate (an MDC_ATTR_SAMP_RATE row under 1.3.1.1)',
    ]);
  });
});
