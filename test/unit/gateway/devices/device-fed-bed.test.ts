/**
 * A bed fed by devices (device-fed-bed.ts): in standby without a device; a value shown only while fresh (15 s for
 * a continuous one, an hour for a cuff pressure), its age taken from the device's own times and its time from the
 * gateway's; lead II to II, the first chest lead to V, a lead the bed does not show reported as not shown.
 */
import { describe, expect, it } from 'vitest';
import { CONTINUOUS_FRESH_MS, DeviceFedBed } from '../../../../gateway/devices/device-fed-bed';
import { AnalysedBed } from '../../../../gateway/analysis/analysed-bed';

const numeric = (key: 'HR' | 'NIBP_SYS', value: number, measuredAtMs: number) => ({
  key,
  value,
  unit: key === 'HR' ? 'bpm' : 'mmHg',
  measuredAtMs,
  limits: null,
});
const wave = (key: 'ECG_II' | 'ECG_V1' | 'ECG_V2' | 'ECG_III') => ({
  key,
  sampleRate: 250,
  startMs: 0,
  samples: new Float64Array(250).fill(0.1),
});

describe('DeviceFedBed', () => {
  it('stands by until a device sends observations, and forgets what it was sent when its last device goes', () => {
    const bed = new DeviceFedBed('Bed 9');
    expect(bed.standby()).toBe(true);
    expect(bed.origin).toEqual({ kind: 'device', detail: 'no device' });
    bed.attach('0123456789ABCDEF', 'AcmeMonitor');
    // Attached, but not monitored until it sends observations (a pump that only reports alarms never is).
    expect(bed.standby()).toBe(true);
    expect(bed.origin.detail).toBe('AcmeMonitor 0123456789ABCDEF');
    bed.feedNumerics('0123456789ABCDEF', [numeric('HR', 72, 0)], 0, 1000);
    expect(bed.standby()).toBe(false);
    bed.detach('0123456789ABCDEF');
    expect(bed.standby()).toBe(true);
    expect(bed.numerics(1000)).toEqual({});
  });

  it('shows a value while fresh, dated on the gateway’s clock by the age the device gave it', () => {
    const bed = new DeviceFedBed('Bed 9');
    bed.attach('M', '');
    // The device's clock is an hour off; the cuff reading is 2 minutes older than its message.
    const deviceNow = 5_000_000;
    bed.feedNumerics(
      'M',
      [numeric('HR', 72, deviceNow), numeric('NIBP_SYS', 118, deviceNow - 120_000)],
      deviceNow,
      10_000_000,
    );
    const now = bed.numerics(10_000_000);
    expect(now.HR).toMatchObject({ value: 72, origin: 'device', measuredAtMs: 10_000_000 });
    expect(now.NIBP_SYS).toMatchObject({ value: 118, measuredAtMs: 10_000_000 - 120_000 });
    const later = bed.numerics(10_000_000 + CONTINUOUS_FRESH_MS + 1);
    expect(later.HR).toBeUndefined();
    expect(later.NIBP_SYS?.value).toBe(118);
    expect(bed.numerics(10_000_000 + 60 * 60_000).NIBP_SYS).toBeUndefined();
  });

  it('puts lead II on II and the first chest lead on V; other leads are not shown', () => {
    const bed = new DeviceFedBed('Bed 9');
    bed.attach('M', '');
    expect(bed.feedWaves('M', [wave('ECG_II'), wave('ECG_V2'), wave('ECG_V1'), wave('ECG_III')], 0)).toEqual({
      played: 2,
      dropped: 0,
      notShown: ['ECG_V1', 'ECG_III'],
    });
    expect(
      bed
        .generate(1000)
        .map((chunk) => [chunk.key, chunk.samples.length])
        .sort(),
    ).toEqual([
      ['ECG_II', 250],
      ['ECG_V', 250],
    ]);
  });

  it('under the analysis, shows the device’s RR and no ABP when the device sends neither wave', () => {
    const bed = new DeviceFedBed('Bed 9');
    bed.attach('M', '');
    const analysed = new AnalysedBed(bed);
    for (let second = 0; second < 5; second += 1) {
      bed.feedNumerics(
        'M',
        [{ key: 'RR', value: 16, unit: 'rpm', measuredAtMs: 0, limits: null }],
        null,
        second * 1000,
      );
      bed.feedWaves('M', [wave('ECG_II')], second * 1000);
      analysed.generate(second * 1000 + 999);
    }
    const numerics = analysed.numerics(4999);
    expect(numerics.RR?.value).toBe(16);
    expect(numerics.ABP_SYS).toBeUndefined();
    expect(numerics.PULSE).toBeUndefined();
    expect(numerics.HR).toBeDefined();
  });
});
