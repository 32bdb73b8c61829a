import { describe, expect, it } from 'vitest';
import type { NumericValue } from '../../../../common/wire/ward-messages';
import {
  formatNumeric,
  formatPressure,
  NUMERICS_STALE_AFTER_MS,
  staleReason,
} from '../../../../renderer/ward/numeric-display';
import { gridFor } from '../../../../renderer/ward/ward-grid';

const value = (v: number | null, note: string | null = null): NumericValue => ({
  value: v,
  unit: 'x',
  origin: 'device',
  measuredAtMs: 0,
  note,
});

describe('numeric display', () => {
  it('prints whole numbers, one decimal for temperature, and --- with the reason for none', () => {
    expect(formatNumeric('HR', value(72.4))).toEqual({ text: '72', note: null });
    expect(formatNumeric('TEMP', value(36.66))).toEqual({ text: '36.7', note: null });
    expect(formatNumeric('HR', value(null, 'LEADS OFF'))).toEqual({ text: '---', note: 'LEADS OFF' });
    expect(formatNumeric('SPO2', undefined)).toEqual({ text: '---', note: null });
  });

  it('prints pressures as sys/dia (mean)', () => {
    expect(formatPressure(value(121), value(79), value(93))).toEqual({ text: '121/79 (93)', note: null });
    expect(formatPressure(value(121), value(79), undefined).text).toBe('121/79');
    expect(formatPressure(value(null, 'NO SIGNAL'), value(null), value(null))).toEqual({
      text: '---/---',
      note: 'NO SIGNAL',
    });
  });

  it('calls numbers stale when they stop arriving or the stream is down — never shows them as live', () => {
    expect(staleReason(1000, 1000 + NUMERICS_STALE_AFTER_MS, true)).toBeNull();
    expect(staleReason(1000, 1001 + NUMERICS_STALE_AFTER_MS, true)).toBe('NO DATA');
    expect(staleReason(1000, 1000, false)).toBe('NO CONNECTION');
    expect(staleReason(undefined, 1000, true)).toBe('WAITING FOR DATA');
  });

  it('lays out beds in a grid that keeps tiles wide', () => {
    expect([1, 4, 5, 7, 16, 32, 64].map((beds) => gridFor(beds))).toEqual([
      { columns: 1, rows: 1 },
      { columns: 2, rows: 2 },
      { columns: 3, rows: 2 },
      { columns: 3, rows: 3 },
      { columns: 4, rows: 4 },
      { columns: 6, rows: 6 },
      { columns: 8, rows: 8 },
    ]);
  });
});
