/**
 * The simulator is a device that sends waves (and SpO2, NIBP, temperature): what its scenario plays must be found
 * in those waves by the gateway's analysis — HR from the beats drawn in the ECG, VT and VF from their waveforms —
 * exactly as for a recording. Rates are exact, the same seed gives the same ward.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelKey } from '../../../../common/wire/channel-catalog';
import { FRAME_FLAGS } from '../../../../common/wire/waveform-frame';
import { QrsDetector } from '../../../../gateway/numerics/qrs-detector';
import type { ScenarioName } from '../../../../gateway/simulator/scenarios';
import { SimulatedBed } from '../../../../gateway/simulator/simulated-bed';
import type { NumericValues } from '../../../../gateway/sources/bed-source';
import { AnalysedBed } from '../../../../gateway/analysis/analysed-bed';
import type { RhythmAssessment } from '../../../../gateway/analysis/bed-waveform-analysis';

/** Runs a bed for `seconds` in 40 ms ticks; returns each channel's samples (physical) and flags, and the last numerics. */
function run(scenario: ScenarioName, seconds: number, seed = 7) {
  const device = new SimulatedBed({ seed, label: 'Bed', startMs: 0, scenario });
  const bed = new AnalysedBed(device);
  const samples: Partial<Record<ChannelKey, number[]>> = {};
  const flags: Partial<Record<ChannelKey, number>> = {};
  let numerics: NumericValues = {};
  /** Every condition the analysis found at any second after the first 10. */
  const seen = new Set<string>();
  for (let ms = 40; ms <= seconds * 1000; ms += 40) {
    for (const chunk of bed.generate(ms)) {
      const channel = bed.channels.find((candidate) => candidate.key === chunk.key);
      const list = (samples[chunk.key] ??= []);
      for (const raw of chunk.samples) list.push(raw * (channel?.scale ?? 1));
      flags[chunk.key] = (flags[chunk.key] ?? 0) | chunk.flags;
    }
    if (ms % 1000 === 0) numerics = bed.numerics(ms);
    if (ms % 1000 === 0 && ms > 10_000)
      for (const condition of bed.rhythm()?.findings.keys() ?? []) seen.add(condition);
  }
  return { bed: device, samples, flags, numerics, rhythm: bed.rhythm() as RhythmAssessment, seen };
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
    expect(Math.abs((numerics.PULSE?.value as number) - (numerics.HR?.value as number))).toBeLessThanOrEqual(3);
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
    [
      'bradycardia',
      (n: NumericValues, r: RhythmAssessment) => (n.HR?.value as number) < 50 && r.findings.has('EXTREME_BRADY'),
    ],
    [
      'tachycardia',
      (n: NumericValues, r: RhythmAssessment) => (n.HR?.value as number) > 125 && r.findings.has('EXTREME_TACHY'),
    ],
    [
      'vt',
      (n: NumericValues, r: RhythmAssessment) =>
        r.findings.has('VT') &&
        // The tile's rate and the HR are the run's, as the alarm's message says it.
        r.label === `VTACH ${/at (\d+)\/min/.exec(r.findings.get('VT')?.message ?? '')?.[1]}` &&
        n.HR?.value === r.findings.get('VT')?.rateBpm &&
        (n.ABP_SYS?.value as number) < 100,
    ],
    [
      'vf',
      (n: NumericValues, r: RhythmAssessment) =>
        r.findings.has('VF') && r.label === 'VFIB' && n.SPO2?.note === 'NO PULSE',
    ],
    [
      'asystole',
      (n: NumericValues, r: RhythmAssessment) =>
        r.findings.has('ASYSTOLE') && n.HR?.value === 0 && n.PULSE?.value === 0,
    ],
    ['desaturation', (n: NumericValues) => (n.SPO2?.value as number) <= 86],
    ['apnea', (n: NumericValues) => n.RR?.value === 0],
    [
      'leads-off',
      (n: NumericValues, r: RhythmAssessment) =>
        r.findings.has('LEADS_OFF') && n.HR?.note === 'LEADS OFF' && (n.PULSE?.value as number) > 40,
    ],
    ['probe-off', (n: NumericValues) => n.SPO2?.note === 'PROBE OFF' && (n.HR?.value as number) > 40],
    [
      'normal',
      (n: NumericValues, r: RhythmAssessment) =>
        r.label.startsWith('SINUS') && r.findings.size === 0 && (n.HR?.value as number) > 50,
    ],
  ] as const)('plays %s, and the analysis finds it in the waves', (scenario, check) => {
    const { numerics, rhythm } = run(scenario, scenario === 'desaturation' || scenario === 'apnea' ? 90 : 30);
    expect(
      check(numerics, rhythm),
      `${rhythm.label} ${[...rhythm.findings.keys()].join(',')} ${JSON.stringify(numerics.HR)}`,
    ).toBe(true);
  });

  it('plays PVCs, AFib and motion artifact, and the analysis reads them as such — the artifact (real nstdb noise) as no lethal rhythm', () => {
    expect([...run('pvcs', 60).seen].some((condition) => condition === 'PVC_COUPLET' || condition === 'V_RUN')).toBe(
      true,
    );
    const afib = run('afib', 60);
    expect(afib.rhythm.label).toMatch(/^AFIB \d+$/);
    expect(afib.seen.has('AFIB')).toBe(true);
    const motion = run('motion-artifact', 60);
    expect([...motion.seen].filter((condition) => ['ASYSTOLE', 'VF', 'VT'].includes(condition))).toEqual([]);
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
    expect(range((motion.samples.ECG_II ?? []).slice(-2500))).toBeGreaterThan(
      range((normal.samples.ECG_II ?? []).slice(-2500)),
    );
  });

  it('switches scenario at run time and by script', () => {
    const device = new SimulatedBed({
      seed: 3,
      label: 'Bed',
      startMs: 0,
      script: [{ atMs: 5000, scenario: 'asystole' }],
    });
    const bed = new AnalysedBed(device);
    for (let ms = 40; ms <= 4000; ms += 40) bed.generate(ms);
    expect(device.currentScenario()).toBe('normal');
    for (let ms = 4040; ms <= 12000; ms += 40) bed.generate(ms);
    expect(device.currentScenario()).toBe('asystole');
    expect(bed.numerics(12000).HR?.value).toBe(0);
    device.setScenario('normal');
    for (let ms = 12040; ms <= 30000; ms += 40) bed.generate(ms);
    expect(bed.numerics(30000).HR?.value).toBeGreaterThan(50);
  });
});

describe('the simulator’s generators', () => {
  /** Every raw sample of a bed over `seconds`, reading numerics every `numericsEveryMs`. */
  const samplesOf = (bed: SimulatedBed, seconds: number, numericsEveryMs: number): Record<string, number[]> => {
    const samples: Record<string, number[]> = {};
    for (let ms = 40; ms <= seconds * 1000; ms += 40) {
      for (const chunk of bed.generate(ms)) (samples[chunk.key] ??= []).push(...chunk.samples);
      if (ms % numericsEveryMs === 0) bed.numerics(ms);
    }
    return samples;
  };

  it('each draw from their own random stream: how often numerics are read never changes the waves', () => {
    const often = samplesOf(new SimulatedBed({ seed: 9, label: 'Bed', startMs: 0 }), 20, 40);
    const seldom = samplesOf(new SimulatedBed({ seed: 9, label: 'Bed', startMs: 0 }), 20, 10_000);
    expect(seldom).toEqual(often);
  });

  it('each draw from their own random stream: motion artifact moves no beat of the heart', () => {
    const calm = new SimulatedBed({ seed: 9, label: 'Bed', startMs: 0 });
    const moving = new SimulatedBed({
      seed: 9,
      label: 'Bed',
      startMs: 0,
      script: [{ atMs: 2000, scenario: 'motion-artifact' }],
    });
    samplesOf(calm, 20, 1000);
    samplesOf(moving, 20, 1000);
    expect(moving.recentBeatTimes()).toEqual(calm.recentBeatTimes());
  });

  it('send the channels of the one table, units as the channel catalog names them', () => {
    const bed = new SimulatedBed({ seed: 9, label: 'Bed', startMs: 0 });
    expect(bed.channels.map((channel) => `${channel.key} ${channel.unit} ${channel.sampleRate}`)).toEqual([
      'ECG_II mV 250',
      'ECG_V mV 250',
      'PLETH NU 125',
      'RESP NU 62.5',
      'ABP mmHg 125',
    ]);
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
