/**
 * The simulator draws what its numerics say: HR equals the rate of the beats in the ECG (checked by running the
 * QRS detector on the drawn ECG), rates are exact, the same seed gives the same ward, and each scenario does
 * what its name promises.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelKey } from '../../../../common/wire/channel-catalog';
import { FRAME_FLAGS } from '../../../../common/wire/waveform-frame';
import { QrsDetector } from '../../../../gateway/numerics/qrs-detector';
import type { ScenarioName } from '../../../../gateway/simulator/scenarios';
import { SimulatedBed } from '../../../../gateway/simulator/simulated-bed';
import type { NumericValues } from '../../../../gateway/sources/bed-source';

/** Runs a bed for `seconds` in 40 ms ticks; returns each channel's samples (physical) and flags, and the last numerics. */
function run(scenario: ScenarioName, seconds: number, seed = 7) {
  const bed = new SimulatedBed({ seed, label: 'Bed', startMs: 0, scenario });
  const samples: Partial<Record<ChannelKey, number[]>> = {};
  const flags: Partial<Record<ChannelKey, number>> = {};
  let numerics: NumericValues = {};
  for (let ms = 40; ms <= seconds * 1000; ms += 40) {
    for (const chunk of bed.generate(ms)) {
      const channel = bed.channels.find((candidate) => candidate.key === chunk.key);
      const list = (samples[chunk.key] ??= []);
      for (const raw of chunk.samples) list.push(raw * (channel?.scale ?? 1));
      flags[chunk.key] = (flags[chunk.key] ?? 0) | chunk.flags;
    }
    if (ms % 1000 === 0) numerics = bed.numerics(ms);
  }
  return { bed, samples, flags, numerics };
}

const range = (values: readonly number[]): number => Math.max(...values) - Math.min(...values);

describe('simulated bed', () => {
  it('reports the heart rate of the beats it draws in the ECG', () => {
    const { samples, numerics } = run('normal', 40);
    const detected: number[] = [];
    const detector = new QrsDetector(250, (sample) => detected.push(sample));
    for (const value of samples.ECG_II ?? []) detector.push(value);
    const last8 = detected.slice(-9);
    const drawnRate = (60 * 250 * 8) / ((last8.at(-1) as number) - (last8[0] as number));
    expect(numerics.HR?.value).toBeGreaterThan(55);
    expect(Math.abs((numerics.HR?.value as number) - drawnRate)).toBeLessThanOrEqual(2);
    expect(numerics.PULSE?.value).toBe(numerics.HR?.value);
  });

  it('draws an R wave about 1.1 mV tall and keeps the arterial numerics equal to the wave’s extremes', () => {
    const { samples, numerics } = run('normal', 12);
    const ecg = (samples.ECG_II ?? []).slice(-1250);
    expect(Math.max(...ecg)).toBeGreaterThan(0.9);
    expect(Math.max(...ecg)).toBeLessThan(1.4);
    const abp = (samples.ABP ?? []).slice(-375);
    expect(Math.abs((numerics.ABP_SYS?.value as number) - Math.max(...abp))).toBeLessThanOrEqual(1);
    expect(Math.abs((numerics.ABP_DIA?.value as number) - Math.min(...abp))).toBeLessThanOrEqual(1);
  });

  it('produces each channel at its exact rate, 62.5 Hz included', () => {
    const { samples } = run('normal', 10);
    expect(samples.ECG_II).toHaveLength(2501);
    expect(samples.PLETH).toHaveLength(1251);
    expect(samples.RESP).toHaveLength(626);
    expect(samples.ABP).toHaveLength(1251);
  });

  it('is reproducible from its seed, and different for another seed', () => {
    const first = run('normal', 3, 11);
    const again = run('normal', 3, 11);
    const other = run('normal', 3, 12);
    expect(again.samples.ECG_II).toEqual(first.samples.ECG_II);
    expect(again.bed.patient).toEqual(first.bed.patient);
    expect(other.samples.ECG_II).not.toEqual(first.samples.ECG_II);
  });

  it.each([
    ['bradycardia', (n: NumericValues) => (n.HR?.value as number) < 50],
    ['tachycardia', (n: NumericValues) => (n.HR?.value as number) > 125],
    ['vt', (n: NumericValues) => (n.HR?.value as number) > 150 && (n.ABP_SYS?.value as number) < 100],
    ['vf', (n: NumericValues) => n.HR?.value === null && n.HR?.note === 'VF' && n.SPO2?.note === 'NO PULSE'],
    ['asystole', (n: NumericValues) => n.HR?.value === 0 && n.PULSE?.value === 0],
    ['desaturation', (n: NumericValues) => (n.SPO2?.value as number) <= 86],
    ['apnea', (n: NumericValues) => n.RR?.value === 0],
    ['leads-off', (n: NumericValues) => n.HR?.value === null && n.HR?.note === 'LEADS OFF' && (n.PULSE?.value as number) > 40],
    ['probe-off', (n: NumericValues) => n.SPO2?.note === 'PROBE OFF' && (n.HR?.value as number) > 40],
  ] as const)('plays %s', (scenario, check) => {
    const { numerics } = run(scenario, scenario === 'desaturation' || scenario === 'apnea' ? 90 : 30);
    expect(check(numerics)).toBe(true);
  });

  it('flat-lines and flags what is not measured, and shows no QRS in asystole', () => {
    const leadsOff = run('leads-off', 4);
    expect(range(leadsOff.samples.ECG_II ?? [])).toBe(0);
    expect((leadsOff.flags.ECG_II ?? 0) & FRAME_FLAGS.signalInvalid).toBeTruthy();
    const probeOff = run('probe-off', 4);
    expect((probeOff.flags.PLETH ?? 0) & FRAME_FLAGS.signalInvalid).toBeTruthy();
    const asystole = run('asystole', 10);
    expect(range((asystole.samples.ECG_II ?? []).slice(-1000))).toBeLessThan(0.15);
    const motion = run('motion-artifact', 20);
    const normal = run('normal', 20);
    expect(range((motion.samples.ECG_II ?? []).slice(-2500))).toBeGreaterThan(range((normal.samples.ECG_II ?? []).slice(-2500)));
  });

  it('switches scenario at run time and by script', () => {
    const bed = new SimulatedBed({ seed: 3, label: 'Bed', startMs: 0, script: [{ atMs: 5000, scenario: 'asystole' }] });
    for (let ms = 40; ms <= 4000; ms += 40) bed.generate(ms);
    expect(bed.currentScenario()).toBe('normal');
    for (let ms = 4040; ms <= 12000; ms += 40) bed.generate(ms);
    expect(bed.currentScenario()).toBe('asystole');
    expect(bed.numerics(12000).HR?.value).toBe(0);
    bed.setScenario('normal');
    for (let ms = 12040; ms <= 30000; ms += 40) bed.generate(ms);
    expect(bed.numerics(30000).HR?.value).toBeGreaterThan(50);
  });
});

describe('a disconnected bedside monitor', () => {
  it('sends nothing while unplugged and resumes after a gap in the sample indices', () => {
    const bed = new SimulatedBed({ seed: 4, label: 'Bed', startMs: 0 });
    const before = bed.generate(1000).find((chunk) => chunk.key === 'ECG_II');
    bed.setScenario('disconnected');
    expect(bed.generate(3000)).toEqual([]);
    expect(bed.numerics(3000)).toEqual({});
    bed.setScenario('normal');
    const after = bed.generate(3100).find((chunk) => chunk.key === 'ECG_II');
    expect(after?.firstSampleIndex).toBe(751);
    expect((before?.firstSampleIndex ?? 0) + (before?.samples.length ?? 0)).toBe(251);
  });
});
