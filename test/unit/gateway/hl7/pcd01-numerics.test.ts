/**
 * PCD-01 numerics of the fixtures (issue 15): codes matched by number whatever their name or coding system, MDC or
 * UCUM units, times from OBX-14 over OBR-7 with their offsets, limits from OBX-7, the device from OBX-18, the bed
 * from PV1-3 — and every row that cannot be used skipped with its own reason, the others kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHl7 } from '../../../../gateway/hl7/hl7-message';
import { parseHl7Time, readPcd01Numerics } from '../../../../gateway/hl7/pcd01-numerics';

function fixture(name: string): ReturnType<typeof readPcd01Numerics> {
  const parsed = parseHl7(readFileSync(join('test', 'fixtures', 'hl7', name), 'utf8').trim());
  if (!parsed.ok) throw new Error(parsed.problem.text);
  return readPcd01Numerics(parsed.message);
}

describe('PCD-01 numerics', () => {
  it('reads the IHE layout with MDC units: values, units, limits, times, device and bed', () => {
    const read = fixture('pcd01-monitor-mdc-units.hl7');
    expect(read.deviceId).toBe('0123456789ABCDEF');
    expect(read.location).toBe('4B/R04/BED04');
    expect(read.skipped).toEqual([]);
    const byKey = Object.fromEntries(read.numerics.map((numeric) => [numeric.key, numeric]));
    expect(Object.keys(byKey).sort()).toEqual(
      ['HR', 'NIBP_DIA', 'NIBP_MEAN', 'NIBP_SYS', 'PULSE', 'RR', 'SPO2', 'TEMP'].sort(),
    );
    expect(byKey.HR).toEqual({
      key: 'HR',
      value: 78,
      unit: 'bpm',
      measuredAtMs: Date.parse('2026-12-01T13:02:09Z'),
      limits: { low: 50, high: 120 },
    });
    // A NIBP is minutes old: its own OBX-14, not the message's time.
    expect(byKey.NIBP_SYS?.measuredAtMs).toBe(Date.parse('2026-12-01T12:58:00Z'));
    // No OBX-14: the observation time of OBR-7.
    expect(byKey.SPO2?.measuredAtMs).toBe(Date.parse('2026-12-01T13:02:10Z'));
    expect(byKey.TEMP).toMatchObject({ value: 37.2, unit: '°C' });
    // The ABP row has status X (cannot be obtained now): no value, and not an error.
    expect(byKey.ABP_SYS).toBeUndefined();
  });

  it('reads UCUM units, codes without their coding system, CUFF pressures and °F', () => {
    const read = fixture('pcd01-monitor-ucum-units.hl7');
    expect(read.deviceId).toBe('00A0371234567890');
    expect(read.location).toBe('7/12');
    expect(read.skipped).toEqual([]);
    const byKey = Object.fromEntries(read.numerics.map((numeric) => [numeric.key, numeric]));
    expect(byKey.HR).toMatchObject({ value: 112, measuredAtMs: Date.parse('2026-12-01T19:02:11Z') });
    expect([byKey.NIBP_SYS?.value, byKey.NIBP_DIA?.value, byKey.NIBP_MEAN?.value]).toEqual([142, 88, 106]);
    expect(byKey.RR).toMatchObject({ value: 22, limits: { low: null, high: 30 } });
    expect(byKey.TEMP).toMatchObject({ value: 38, unit: '°C' });
  });

  it('skips each unusable row with its own reason and keeps the rest', () => {
    const read = fixture('pcd01-bad-values.hl7');
    expect(read.numerics.map((numeric) => `${numeric.key} ${numeric.value}`)).toEqual(['RR 18']);
    expect(read.skipped).toEqual([
      { code: '102', location: 'OBX^1^5', text: 'OBX-5 "NaN" of 147842 is not a number' },
      { code: '103', location: 'OBX^2^6', text: 'unit "266016" is not a unit of 150456 (SPO2)' },
      { code: '102', location: 'OBX^3^2', text: 'OBX-2 value type "XYZ" unknown' },
    ]);
  });

  it('reads HL7 times with and without offsets and fractions, and refuses what is not one', () => {
    expect(parseHl7Time('20261201140211+0100')).toBe(Date.parse('2026-12-01T13:02:11Z'));
    expect(parseHl7Time('20261201140211.250-0500')).toBe(Date.parse('2026-12-01T19:02:11.250Z'));
    expect(parseHl7Time('202612011402')).toBe(Date.parse('2026-12-01T14:02:00Z'));
    expect(parseHl7Time('')).toBeNull();
    expect(parseHl7Time('yesterday')).toBeNull();
  });
});
