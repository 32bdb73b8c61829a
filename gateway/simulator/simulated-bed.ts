/**
 * A simulated bedside monitor: ECG leads II and V at 250 Hz, SpO2 pleth at 125 Hz, impedance respiration at
 * 62.5 Hz and arterial pressure at 125 Hz, all following one heart (simulated-heart.ts). Like a real monitor it
 * sends its waves and the numerics a monitor measures itself — SpO2 (its oximeter), NIBP (its cuff),
 * temperature; what the waves show (HR, rhythm, RR, ABP) the gateway's analysis must find in them
 * (analysis/analysed-bed.ts), exactly as for a recording. This class composes the generators (one per channel,
 * each with its own seeded random stream: simulator-defaults.ts) and is the one writer of the physiology they
 * read. Reproducible from its seed; its scenario can change at run time or follow a script.
 */
import { FRAME_FLAGS } from '../../common/wire/waveform-frame';
import type { ChannelKey } from '../../common/wire/channel-catalog';
import type { BedDescription, NumericValue } from '../../common/wire/ward-messages';
import type { BedSource, ChannelChunk, NumericValues, ScenarioControl } from '../sources/bed-source';
import { ChannelClock, toRaw } from '../sources/channel-clock';
import type { BedPhysiology } from './bed-physiology';
import { drawDemoPatient } from './demo-patients';
import { MotionArtifact } from './motion-artifact';
import { NibpCuff } from './nibp-cuff';
import { NoiseClip } from './noise-clip';
import {
  isScenarioName,
  SCENARIO_NAMES,
  scenarioTargets,
  type PatientBaseline,
  type ScenarioName,
  type ScenarioTargets,
} from './scenarios';
import { SeededRandom } from './seeded-random';
import { SimulatedHeart } from './simulated-heart';
import { ArterialWave, PlethWave, RespirationWave, type WaveGenerator } from './simulated-waves';
import {
  NIBP_INTERVAL_MS,
  PULSE_LOST_SECONDS,
  SIMULATED_CHANNELS,
  simulatedChannel,
  streamSeed,
} from './simulator-defaults';
import { settleVitals, type Vitals } from './vital-state';

/** A scripted scenario change. */
export interface ScenarioStep {
  readonly atMs: number;
  readonly scenario: ScenarioName;
}

/** How to create a simulated bed. */
export interface SimulatedBedOptions {
  readonly seed: number;
  readonly label: string;
  readonly startMs: number;
  readonly scenario?: ScenarioName;
  /** Scenario changes to apply when the simulation reaches their time. */
  readonly script?: readonly ScenarioStep[];
}

/** A simulated bed. */
export class SimulatedBed implements BedSource {
  readonly label: string;
  readonly patient: BedDescription['patient'];
  readonly origin: BedDescription['source'];
  readonly channels = SIMULATED_CHANNELS;

  private readonly baseline: PatientBaseline;
  private readonly clocks: Record<ChannelKey, ChannelClock>;
  private readonly script: ScenarioStep[];
  private scenario: ScenarioName;
  /** What the generators read; this bed is its one writer. */
  private readonly physiology: { targets: ScenarioTargets; vitals: Vitals };
  private readonly heart: SimulatedHeart;
  private readonly motion: MotionArtifact;
  private readonly cuff: NibpCuff;
  private readonly waves: readonly (readonly [ChannelKey, WaveGenerator])[];
  private lastSettleTime = 0;

  constructor(options: SimulatedBedOptions) {
    const patient = drawDemoPatient(new SeededRandom(streamSeed(options.seed, 'patient')));
    this.patient = patient.identity;
    this.baseline = patient.baseline;
    this.label = options.label;
    this.scenario = options.scenario ?? 'normal';
    this.script = [...(options.script ?? [])].sort((a, b) => a.atMs - b.atMs);
    this.origin = { kind: 'simulator', detail: `seed ${options.seed}` };
    const targets = scenarioTargets(this.scenario, this.baseline);
    this.physiology = { targets, vitals: { ...this.baseline, ...restingVitalsFor(targets) } };
    const physiology: BedPhysiology = this.physiology;
    this.heart = new SimulatedHeart(new SeededRandom(streamSeed(options.seed, 'heart')), physiology);
    this.motion = new MotionArtifact(
      new SeededRandom(streamSeed(options.seed, 'motion')),
      new NoiseClip(new SeededRandom(streamSeed(options.seed, 'noiseOffset')).next() * 20),
    );
    this.cuff = new NibpCuff(new SeededRandom(streamSeed(options.seed, 'cuff')), NIBP_INTERVAL_MS);
    this.waves = [
      ['PLETH', new PlethWave(this.heart, physiology, this.motion)],
      ['RESP', new RespirationWave(physiology)],
      ['ABP', new ArterialWave(this.heart, physiology)],
    ];
    this.clocks = Object.fromEntries(
      SIMULATED_CHANNELS.map((channel) => [channel.key, new ChannelClock(channel.sampleRate, options.startMs)]),
    ) as Record<ChannelKey, ChannelClock>;
  }

  /** The demo's control: any scenario name, refused with the list when unknown. */
  readonly scenarioControl: ScenarioControl = {
    scenarios: SCENARIO_NAMES,
    play: (name) => {
      if (!isScenarioName(name))
        return { code: 'REFUSED', message: `"${name}" is not a scenario (${SCENARIO_NAMES.join(', ')})` };
      this.setScenario(name);
      return null;
    },
  };

  /** The scenario playing now. */
  currentScenario(): ScenarioName {
    return this.scenario;
  }

  /** Switches scenario from now on. */
  setScenario(scenario: ScenarioName): void {
    const before = this.physiology.targets.rhythm;
    const arrested = before === 'vf' || before === 'asystole';
    this.scenario = scenario;
    const targets = scenarioTargets(scenario, this.baseline);
    this.physiology.targets = targets;
    // Out of an arrest (defibrillated, paced) the heart beats at once at its own rate, not climbing up from 0/min.
    if (arrested && targets.rhythm !== 'vf' && targets.rhythm !== 'asystole')
      this.physiology.vitals.heartRate = Math.max(this.physiology.vitals.heartRate, targets.heartRate);
  }

  /** R-peak times (s since start) of the beats drawn in the last few seconds, for tests. */
  recentBeatTimes(): number[] {
    return this.heart.beats().map((beat) => beat.time);
  }

  generate(untilMs: number): ChannelChunk[] {
    while (this.script.length > 0 && (this.script[0] as ScenarioStep).atMs <= untilMs) {
      this.setScenario((this.script.shift() as ScenarioStep).scenario);
    }
    const { targets } = this.physiology;
    if (targets.disconnected) {
      // Time passes but nothing is sent: when the monitor comes back its samples resume after a gap.
      for (const clock of Object.values(this.clocks)) clock.take(untilMs);
      return [];
    }
    const chunks = this.generateEcg(untilMs);
    for (const [key, wave] of this.waves)
      chunks.push(this.generateChannel(key, untilMs, wave, key === 'PLETH' && targets.spo2ProbeOff));
    return chunks;
  }

  numerics(nowMs: number): NumericValues {
    const { targets, vitals } = this.physiology;
    if (targets.disconnected) return {};
    const value = (v: number | null, unit: string, note: string | null = null, measuredAtMs = nowMs): NumericValue => ({
      value: v,
      unit,
      origin: 'device',
      measuredAtMs,
      note: v === null ? note : null,
    });
    // The oximeter finds no pulse without perfusing beats; it says so rather than sending a number.
    const perfused =
      this.heart.secondsSinceBeat() < PULSE_LOST_SECONDS && targets.rhythm !== 'vf' && targets.rhythm !== 'asystole';
    const spo2 = targets.spo2ProbeOff
      ? value(null, '%', 'PROBE OFF')
      : perfused
        ? value(Math.round(Math.min(100, vitals.spo2)), '%')
        : value(null, '%', 'NO PULSE');
    const nibp = this.cuff.reading(nowMs, vitals);
    return {
      SPO2: spo2,
      NIBP_SYS: value(nibp.sys, 'mmHg', null, nibp.atMs),
      NIBP_DIA: value(nibp.dia, 'mmHg', null, nibp.atMs),
      NIBP_MEAN: value(Math.round((nibp.sys + 2 * nibp.dia) / 3), 'mmHg', null, nibp.atMs),
      TEMP: value(Math.round(vitals.temperature * 10) / 10, '°C'),
    };
  }

  private generateEcg(untilMs: number): ChannelChunk[] {
    const leadIIChannel = simulatedChannel('ECG_II');
    const leadVChannel = simulatedChannel('ECG_V');
    const clockII = this.clocks.ECG_II;
    const { first, count } = clockII.take(untilMs);
    this.clocks.ECG_V.take(untilMs);
    const leadII = new Int16Array(count);
    const leadV = new Int16Array(count);
    const { targets } = this.physiology;
    const invalid = targets.ecgLeadsOff;
    for (let i = 0; i < count; i += 1) {
      const t = (first + i) / leadIIChannel.sampleRate;
      this.settle(t);
      const sample = this.heart.ecgAt(t);
      const artefact = this.motion.ecgAt(t, targets.motionArtifact);
      leadII[i] = invalid ? 0 : toRaw(sample.ii + artefact, leadIIChannel.scale, leadIIChannel.offset);
      leadV[i] = invalid ? 0 : toRaw(sample.v + 0.7 * artefact, leadVChannel.scale, leadVChannel.offset);
    }
    const flags = invalid ? FRAME_FLAGS.signalInvalid : 0;
    const time = clockII.timeOf(first);
    return [
      { key: 'ECG_II', firstSampleIndex: first, firstSampleTimeMs: time, flags, samples: leadII },
      { key: 'ECG_V', firstSampleIndex: first, firstSampleTimeMs: time, flags, samples: leadV },
    ];
  }

  private settle(t: number): void {
    const dt = t - this.lastSettleTime;
    if (dt < 0.1) return;
    this.lastSettleTime = t;
    settleVitals(this.physiology.vitals, this.physiology.targets, dt);
  }

  private generateChannel(key: ChannelKey, untilMs: number, wave: WaveGenerator, invalid: boolean): ChannelChunk {
    const channel = simulatedChannel(key);
    const clock = this.clocks[key];
    const { first, count } = clock.take(untilMs);
    const samples = new Int16Array(count);
    for (let i = 0; i < count; i += 1) {
      const value = wave.valueAt((first + i) / channel.sampleRate);
      samples[i] = invalid ? 0 : toRaw(value, channel.scale, channel.offset);
    }
    return {
      key,
      firstSampleIndex: first,
      firstSampleTimeMs: clock.timeOf(first),
      flags: invalid ? FRAME_FLAGS.signalInvalid : 0,
      samples,
    };
  }
}

/** The vital signs a scenario starts from (a monitor switched on mid-scenario). */
function restingVitalsFor(targets: ScenarioTargets): Partial<Vitals> {
  return {
    heartRate: targets.heartRate || 60,
    spo2: targets.spo2,
    respRate: targets.respRate,
    systolic: targets.systolic,
    diastolic: targets.diastolic,
    temperature: targets.temperature,
  };
}
