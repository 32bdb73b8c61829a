/**
 * No oracle (issue 12): the alarm engine's only inputs are a bed's waveforms and device numerics. A simulated bed
 * in VT is wrapped in a proxy that records every member the gateway touches; the gateway must raise VTACH from the
 * waves while touching nothing but the bed-source interface (label, patient, origin, channels, generate, numerics)
 * — not `currentScenario`, not the simulator's state. And the rules module imports nothing of the simulator.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AnalysedBed } from '../../../../gateway/analysis/analysed-bed';
import { BedAlarmTracker } from '../../../../gateway/alarms/bed-alarm-tracker';
import { SimulatedBed } from '../../../../gateway/simulator/simulated-bed';
import type { BedSource } from '../../../../gateway/sources/bed-source';
import { DEFAULT_WARD_SETTINGS } from '../../../../common/wire/ward-settings';

/** The bed-source interface: all a source may be asked. */
const INTERFACE = new Set(['label', 'patient', 'origin', 'channels', 'generate', 'numerics']);

function watched(source: BedSource): { source: BedSource; touched: Set<string> } {
  const touched = new Set<string>();
  const proxy = new Proxy(source, {
    get(target, property, receiver) {
      if (typeof property === 'string') touched.add(property);
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { source: proxy, touched };
}

describe('no oracle', () => {
  it('raises VTACH for a simulated bed in VT from its waves, reading only the bed-source interface', () => {
    const { source, touched } = watched(
      new SimulatedBed({
        seed: 5,
        label: 'Bed 5',
        startMs: 0,
        scenario: 'normal',
        script: [{ atMs: 20_000, scenario: 'vt' }],
      }),
    );
    const bed = new AnalysedBed(source);
    const tracker = new BedAlarmTracker('bed-05', 'Bed 5', () => 'a-1');
    const policy = DEFAULT_WARD_SETTINGS.alarmPolicy;
    let numerics = {};
    let raisedAtMs: number | null = null;
    for (let ms = 40; ms <= 40_000 && raisedAtMs === null; ms += 40) {
      bed.generate(ms);
      if (ms % 1000 === 0) numerics = bed.numerics(ms);
      const changes = tracker.observe({ numerics, rhythm: bed.rhythm() }, policy, ms);
      if (changes.some((change) => change.kind === 'raised' && change.alarm.condition === 'VT')) raisedAtMs = ms;
    }
    expect(raisedAtMs).not.toBeNull();
    // Five wide beats at 178/min take under 2 s; the switch was at 20 s.
    expect(raisedAtMs as number).toBeGreaterThan(20_000);
    expect(raisedAtMs as number).toBeLessThan(26_000);
    expect([...touched].filter((member) => !INTERFACE.has(member))).toEqual([]);
  });

  it('the alarm rules and the analysis import nothing of the simulator or a recording', async () => {
    for (const file of [
      'gateway/alarms/alarm-rules.ts',
      'gateway/alarms/bed-alarm-tracker.ts',
      'gateway/analysis/bed-waveform-analysis.ts',
      'gateway/analysis/analysed-bed.ts',
    ]) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/from '\.\.\/simulator\//);
      expect(text, file).not.toMatch(/from '\.\.\/sources\/recording/);
    }
  });
});
