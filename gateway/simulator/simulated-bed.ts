/**
 * A simulated bedside monitor: ECG leads II and V at 250 Hz, SpO2 pleth at 125 Hz, impedance respiration at
 * 62.5 Hz and arterial pressure at 125 Hz, all driven by one beat sequence. Like a real monitor it sends its waves
 * and the numerics a monitor measures itself — SpO2 (its oximeter), NIBP (its cuff), temperature; what the waves
 * show (HR, rhythm, RR, ABP) the gateway's analysis must find in them (analysis/analysed-bed.ts), exactly as for a
 * recording. Reproducible from its seed; its scenario can change at run time or follow a script.
 */
import { FRAME_FLAGS } from '../../common/wire/waveform-frame';
import type { ChannelKey } from '../../common/wire/channel-catalog';
import type { BedDescription, NumericValue } from '../../common/wire/ward-messages';
import type { BedSource, ChannelChunk, NumericValues, ScenarioControl, SourceChannel } from '../sources/bed-source';
import { ChannelClock, toRaw } from '../sources/channel-clock';
import { drawDemoPatient } from './demo-patients';
import { NoiseClip } from './noise-clip';
import {
  AFIB_LEAD_II,
  AFIB_LEAD_V,
  CardiacPhase,
  LeadIntegrator,
  MILLIVOLTS_PER_MODEL_UNIT,
  SINUS_LEAD_II,
  SINUS_LEAD_V,
  VT_LEAD_II,
  VT_LEAD_V,
} from './ecg-model';
import { ARTERIAL_TRANSIT_SECONDS, PLETH_TRANSIT_SECONDS, arterialPulse, plethPulse } from './pulse-templates';
import { isScenarioName, SCENARIO_NAMES, scenarioTargets, type PatientBaseline, type ScenarioName, type ScenarioTargets } from './scenarios';
import { SeededRandom } from './seeded-random';
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

const ECG_RATE = 250;
const CHANNELS: readonly SourceChannel[] = [
  { key: 'ECG_II', sampleRate: ECG_RATE, unit: 'mV', scale: 0.001, offset: 0 },
  { key: 'ECG_V', sampleRate: ECG_RATE, unit: 'mV', scale: 0.001, offset: 0 },
  { key: 'PLETH', sampleRate: 125, unit: 'NU', scale: 0.0001, offset: 0 },
  { key: 'RESP', sampleRate: 62.5, unit: 'NU', scale: 0.0001, offset: 0 },
  { key: 'ABP', sampleRate: 125, unit: 'mmHg', scale: 0.01, offset: 0 },
];
/** Atrial fibrillation: RR varies at random by this share (irregularly irregular). */
const AFIB_IRREGULARITY = 0.3;
/** A premature beat comes at this share of the RR; a second one follows it this often (a pair). */
const PREMATURE_SHARE = 0.62;
const COUPLET_SHARE = 0.25;
/** RMS of the motion artifact at full strength, mV (12 dB below a 1.1 mV R wave is about 0.35 mV). */
const MOTION_NOISE_MV = 0.35;
/** Integration sub-steps per ECG sample (the QRS is only a few samples wide at 250 Hz). */
const SUBSTEPS = 4;
/** A non-invasive cuff measurement this often. */
const NIBP_INTERVAL_MS = 5 * 60_000;
/** Pressure the arteries fall to without beats (mean systemic filling pressure). */
const FILLING_PRESSURE = 16;

interface Beat {
  time: number;
  rr: number;
  /** Pulse strength reaching the finger: 1 for a sinus beat, weaker for VT. */
  strength: number;
}

/** A simulated bed. */
export class SimulatedBed implements BedSource {
  readonly label: string;
  readonly patient: BedDescription['patient'];
  readonly origin: BedDescription['source'];
  readonly channels = CHANNELS;

  private readonly random: SeededRandom;
  /** The cuff's own measurement noise: how often numerics are read must not change the waves that follow. */
  private readonly nibpRandom: SeededRandom;
  private readonly baseline: PatientBaseline;
  private readonly startMs: number;
  private readonly clocks: Record<ChannelKey, ChannelClock>;
  private readonly script: ScenarioStep[];
  private scenario: ScenarioName;
  private targets: ScenarioTargets;
  private readonly vitals: Vitals;
  private readonly phase: CardiacPhase;
  private readonly leadII = new LeadIntegrator(SINUS_LEAD_II, MILLIVOLTS_PER_MODEL_UNIT);
  private readonly leadV = new LeadIntegrator(SINUS_LEAD_V, MILLIVOLTS_PER_MODEL_UNIT);
  private readonly beats: Beat[] = [];
  /** A monitor starts as if it had just seen a beat: until the first real one it is learning, not in asystole. */
  private lastBeatTime = 0;
  private modelTime = 0;
  private lastSettleTime = 0;
  private respPhase = 0;
  private respTime = 0;
  private vfPhase = 0;
  private vfFrequency = 5;
  private fPhase = 0;
  /** The beat being drawn is a premature ventricular one; the one before it was too (a pair). */
  private ventricularBeat = false;
  private pairedBefore = false;
  private readonly noise: NoiseClip;
  private vfFrequency2 = 6.2;
  private vfPhase2 = 0;
  private motionLevel = 0;
  private motionDrift = 0;
  private nibp: { sys: number; dia: number; atMs: number } | null = null;

  constructor(options: SimulatedBedOptions) {
    this.random = new SeededRandom(options.seed);
    this.nibpRandom = new SeededRandom(options.seed ^ 0x5eed);
    this.noise = new NoiseClip(new SeededRandom(options.seed ^ 0xa11).next() * 20);
    const patient = drawDemoPatient(this.random);
    this.patient = patient.identity;
    this.baseline = patient.baseline;
    this.label = options.label;
    this.startMs = options.startMs;
    this.scenario = options.scenario ?? 'normal';
    this.script = [...(options.script ?? [])].sort((a, b) => a.atMs - b.atMs);
    this.origin = { kind: 'simulator', detail: `seed ${options.seed}` };
    this.targets = scenarioTargets(this.scenario, this.baseline);
    this.vitals = { ...this.baseline };
    Object.assign(this.vitals, this.restingVitalsFor(this.targets));
    this.phase = new CardiacPhase(this.random, 60 / Math.max(this.vitals.heartRate, 20));
    this.clocks = Object.fromEntries(CHANNELS.map((channel) => [channel.key, new ChannelClock(channel.sampleRate, options.startMs)])) as Record<ChannelKey, ChannelClock>;
  }

  /** The demo's control: any scenario name, refused with the list when unknown. */
  readonly scenarioControl: ScenarioControl = {
    scenarios: SCENARIO_NAMES,
    play: (name) => {
      if (!isScenarioName(name)) return { code: 'REFUSED', message: `"${name}" is not a scenario (${SCENARIO_NAMES.join(', ')})` };
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
    const arrested = this.targets.rhythm === 'vf' || this.targets.rhythm === 'asystole';
    this.scenario = scenario;
    this.targets = scenarioTargets(scenario, this.baseline);
    // Out of an arrest (defibrillated, paced) the heart beats at once at its own rate, not climbing up from 0/min.
    if (arrested && this.targets.rhythm !== 'vf' && this.targets.rhythm !== 'asystole') this.vitals.heartRate = Math.max(this.vitals.heartRate, this.targets.heartRate);
  }

  /** R-peak times (s since start) of the beats drawn in the last few seconds, for tests. */
  recentBeatTimes(): number[] {
    return this.beats.map((beat) => beat.time);
  }

  generate(untilMs: number): ChannelChunk[] {
    while (this.script.length > 0 && (this.script[0] as ScenarioStep).atMs <= untilMs) {
      this.setScenario((this.script.shift() as ScenarioStep).scenario);
    }
    if (this.targets.disconnected) {
      // Time passes but nothing is sent: when the monitor comes back its samples resume after a gap.
      for (const clock of Object.values(this.clocks)) clock.take(untilMs);
      return [];
    }
    const chunks: ChannelChunk[] = [];
    const ecg = this.generateEcg(untilMs);
    chunks.push(...ecg);
    chunks.push(this.generateChannel('PLETH', untilMs, (t) => this.plethAt(t), this.targets.spo2ProbeOff));
    chunks.push(this.generateChannel('RESP', untilMs, (t) => this.respAt(t), false));
    chunks.push(this.generateChannel('ABP', untilMs, (t) => this.abpAt(t), false));
    return chunks;
  }

  numerics(nowMs: number): NumericValues {
    if (this.targets.disconnected) return {};
    const at = nowMs;
    const value = (v: number | null, unit: string, note: string | null = null, measuredAtMs = at): NumericValue => ({
      value: v,
      unit,
      origin: 'device',
      measuredAtMs,
      note: v === null ? note : null,
    });
    const beating = this.modelTime - this.lastBeatTime < 3;
    const rhythm = this.targets.rhythm;
    // The oximeter finds no pulse without perfusing beats; it says so rather than sending a number.
    const perfused = beating && rhythm !== 'vf' && rhythm !== 'asystole';
    const spo2 = this.targets.spo2ProbeOff
      ? value(null, '%', 'PROBE OFF')
      : perfused
        ? value(Math.round(Math.min(100, this.vitals.spo2)), '%')
        : value(null, '%', 'NO PULSE');
    if (this.nibp === null || at - this.nibp.atMs >= NIBP_INTERVAL_MS) {
      this.nibp = {
        sys: Math.round(this.vitals.systolic + 3 * this.nibpRandom.gaussian()),
        dia: Math.round(this.vitals.diastolic + 2 * this.nibpRandom.gaussian()),
        atMs: at,
      };
    }
    const nibp = this.nibp;
    return {
      SPO2: spo2,
      NIBP_SYS: value(nibp.sys, 'mmHg', null, nibp.atMs),
      NIBP_DIA: value(nibp.dia, 'mmHg', null, nibp.atMs),
      NIBP_MEAN: value(Math.round((nibp.sys + 2 * nibp.dia) / 3), 'mmHg', null, nibp.atMs),
      TEMP: value(Math.round(this.vitals.temperature * 10) / 10, '°C'),
    };
  }

  private restingVitalsFor(targets: ScenarioTargets): Vitals {
    return { heartRate: targets.heartRate || 60, spo2: targets.spo2, respRate: targets.respRate, systolic: targets.systolic, diastolic: targets.diastolic, temperature: targets.temperature };
  }

  private generateEcg(untilMs: number): ChannelChunk[] {
    const clockII = this.clocks.ECG_II;
    const { first, count } = clockII.take(untilMs);
    this.clocks.ECG_V.take(untilMs);
    const leadII = new Int16Array(count);
    const leadV = new Int16Array(count);
    const dt = 1 / ECG_RATE / SUBSTEPS;
    const invalid = this.targets.ecgLeadsOff;
    for (let i = 0; i < count; i += 1) {
      const t = (first + i) / ECG_RATE;
      this.settle(t);
      let valueII = 0;
      let valueV = 0;
      for (let s = 0; s < SUBSTEPS; s += 1) {
        const sample = this.ecgSubstep(t - (SUBSTEPS - 1 - s) * dt, dt);
        valueII = sample.ii;
        valueV = sample.v;
      }
      const artefact = this.motionArtefact(t);
      leadII[i] = invalid ? 0 : toRaw(valueII + artefact, 0.001, 0);
      leadV[i] = invalid ? 0 : toRaw(valueV + 0.7 * artefact, 0.001, 0);
    }
    const flags = invalid ? FRAME_FLAGS.signalInvalid : 0;
    const time = clockII.timeOf(first);
    return [
      { key: 'ECG_II', firstSampleIndex: first, firstSampleTimeMs: time, flags, samples: leadII },
      { key: 'ECG_V', firstSampleIndex: first, firstSampleTimeMs: time, flags, samples: leadV },
    ];
  }

  private readonly substepResult = { ii: 0, v: 0 };

  /** One integration step of the heart; returns both leads in mV. */
  private ecgSubstep(t: number, dt: number): { ii: number; v: number } {
    this.modelTime = t;
    const rhythm = this.targets.rhythm;
    const wander = 0.06 * Math.sin(2 * Math.PI * (this.vitals.respRate / 60) * t) / MILLIVOLTS_PER_MODEL_UNIT;
    if (rhythm === 'vf') {
      // Coarse VF: chaotic 4–7 Hz activity — two oscillators whose frequencies wander independently and an
      // amplitude that swells and fades, so that no two waves are alike (a sinusoid would be flutter, and a
      // beat detector could lock on to it).
      this.vfFrequency = Math.min(7, Math.max(4, this.vfFrequency + 0.03 * this.random.gaussian()));
      this.vfFrequency2 = Math.min(7, Math.max(4, this.vfFrequency2 + 0.05 * this.random.gaussian()));
      this.vfPhase += 2 * Math.PI * this.vfFrequency * dt;
      this.vfPhase2 += 2 * Math.PI * this.vfFrequency2 * dt;
      const amplitude = 0.3 + 0.15 * Math.sin(2 * Math.PI * 0.3 * t) + 0.08 * Math.sin(2 * Math.PI * 0.83 * t + 1);
      this.substepResult.ii = amplitude * (Math.sin(this.vfPhase) + 0.7 * Math.sin(this.vfPhase2 + 0.5));
      this.substepResult.v = amplitude * (0.6 * Math.sin(this.vfPhase + 0.9) - 0.8 * Math.sin(this.vfPhase2 + 2.1));
      return this.substepResult;
    }
    if (rhythm === 'asystole') {
      this.substepResult.ii = this.leadII.step(0, 0, dt, wander) + 0.004 * this.random.gaussian();
      this.substepResult.v = this.leadV.step(0, 0, dt, wander) + 0.004 * this.random.gaussian();
      return this.substepResult;
    }
    const theta = this.phase.angle();
    const omega = this.phase.omega();
    this.substepResult.ii = this.leadII.step(theta, omega, dt, wander);
    this.substepResult.v = this.leadV.step(theta, omega, dt, wander);
    const before = this.phase.angle();
    this.phase.advance(dt, t + dt, rhythm === 'vt' ? 0.2 : rhythm === 'afib' ? 0 : 1, (time, rr) => this.onBeat(time, rr), rhythm === 'afib' ? AFIB_IRREGULARITY : 0);
    if (this.phase.angle() < before) this.onCycleWrap();
    if (rhythm === 'afib') {
      // Fibrillation waves of the atria, 5–7 Hz, small on II and larger on the chest lead.
      this.fPhase += 2 * Math.PI * (6 + 0.8 * Math.sin(2 * Math.PI * 0.17 * t)) * dt;
      this.substepResult.ii += 0.035 * Math.sin(this.fPhase);
      this.substepResult.v += 0.06 * Math.sin(this.fPhase + 1.1);
    }
    return this.substepResult;
  }

  private onBeat(time: number, rr: number): void {
    // A ventricular beat ejects less: a weaker pulse at the finger and in the artery.
    this.beats.push({ time, rr, strength: this.targets.rhythm === 'vt' ? 0.45 : this.ventricularBeat ? 0.5 : 1 });
    while (this.beats.length > 0 && time - (this.beats[0] as Beat).time > 4) this.beats.shift();
    this.lastBeatTime = time;
  }

  /**
   * At the end of each cycle the next beat takes the current rhythm's morphology and rate. With ectopy, a beat may
   * be a premature ventricular one (wide, early, sometimes a pair) followed by a compensatory pause.
   */
  private onCycleWrap(): void {
    const rhythm = this.targets.rhythm;
    const meanRr = 60 / Math.max(this.vitals.heartRate, 20);
    this.phase.setMeanRr(meanRr);
    const wasVentricular = this.ventricularBeat;
    this.ventricularBeat = false;
    if (rhythm === 'sinus' && this.targets.ectopy > 0) {
      const premature = wasVentricular ? this.random.next() < COUPLET_SHARE && !this.pairedBefore : this.random.next() < this.targets.ectopy;
      this.pairedBefore = premature && wasVentricular;
      if (premature) {
        this.ventricularBeat = true;
        this.phase.setCurrentRr(meanRr * PREMATURE_SHARE);
      } else if (wasVentricular) this.phase.setCurrentRr(meanRr * (2 - PREMATURE_SHARE));
    }
    const ventricular = rhythm === 'vt' || this.ventricularBeat;
    this.leadII.configure(ventricular ? VT_LEAD_II : rhythm === 'afib' ? AFIB_LEAD_II : SINUS_LEAD_II, this.vitals.heartRate);
    this.leadV.configure(ventricular ? VT_LEAD_V : rhythm === 'afib' ? AFIB_LEAD_V : SINUS_LEAD_V, this.vitals.heartRate);
  }

  private settle(t: number): void {
    const dt = t - this.lastSettleTime;
    if (dt < 0.1) return;
    this.lastSettleTime = t;
    settleVitals(this.vitals, this.targets, dt);
  }

  /** Motion artifact on the ECG: real electrode-motion and muscle noise (nstdb), fading in and out. */
  private motionArtefact(t: number): number {
    const target = this.targets.motionArtifact ? 1 : 0;
    this.motionLevel += (target - this.motionLevel) * 0.01;
    if (this.motionLevel < 0.001) return 0;
    this.motionDrift = 0.995 * this.motionDrift + 0.08 * this.random.gaussian();
    return this.motionLevel * MOTION_NOISE_MV * this.noise.at(t);
  }

  private generateChannel(key: ChannelKey, untilMs: number, valueAt: (t: number) => number, invalid: boolean): ChannelChunk {
    const channel = CHANNELS.find((candidate) => candidate.key === key) as SourceChannel;
    const clock = this.clocks[key];
    const { first, count } = clock.take(untilMs);
    const samples = new Int16Array(count);
    for (let i = 0; i < count; i += 1) {
      const value = valueAt((first + i) / channel.sampleRate);
      samples[i] = invalid ? 0 : toRaw(value, channel.scale, channel.offset);
    }
    return { key, firstSampleIndex: first, firstSampleTimeMs: clock.timeOf(first), flags: invalid ? FRAME_FLAGS.signalInvalid : 0, samples };
  }

  private plethAt(t: number): number {
    let value = 0;
    for (const beat of this.beats) value += beat.strength * plethPulse(t - beat.time - PLETH_TRANSIT_SECONDS, beat.rr);
    const respiratory = 1 + 0.05 * Math.sin(2 * Math.PI * (this.vitals.respRate / 60) * t);
    const perfusion = 0.55 + 0.45 * Math.min(1, Math.max(0, (this.vitals.spo2 - 70) / 25));
    return 0.1 + 0.8 * value * respiratory * perfusion + (this.targets.motionArtifact ? 0.3 * this.motionDrift * this.motionLevel : 0);
  }

  private respAt(t: number): number {
    const dt = t - this.respTime;
    this.respTime = t;
    const rate = this.vitals.respRate < 1 ? 0 : this.vitals.respRate;
    if (rate > 0 || this.respPhase > 0) {
      this.respPhase += (Math.max(rate, 8) / 60) * dt;
      // In apnoea the current breath ends and the trace stays at end-expiration.
      if (this.respPhase >= 1) this.respPhase = rate > 0 ? this.respPhase - 1 : 0;
    }
    const p = this.respPhase;
    const breath = p < 0.4 ? 0.5 * (1 - Math.cos((Math.PI * p) / 0.4)) : 0.5 * (1 + Math.cos((Math.PI * (p - 0.4)) / 0.6));
    const cardiac = this.targets.rhythm === 'asystole' ? 0 : 0.025 * Math.sin(2 * Math.PI * (this.vitals.heartRate / 60) * t);
    return 0.8 * breath + cardiac;
  }

  private abpAt(t: number): number {
    const systolic = this.vitals.systolic;
    const diastolic = this.vitals.diastolic;
    const sinceBeat = t - ARTERIAL_TRANSIT_SECONDS - this.lastBeatTime;
    const floor = this.targets.rhythm === 'vf' || this.targets.rhythm === 'asystole' || sinceBeat > 2
      ? FILLING_PRESSURE + (diastolic - FILLING_PRESSURE) * Math.exp(-Math.max(0, sinceBeat - 1) / 1.2)
      : diastolic;
    let pulse = 0;
    for (const beat of this.beats) pulse += arterialPulse(t - beat.time - ARTERIAL_TRANSIT_SECONDS, beat.rr);
    return floor + (systolic - diastolic) * pulse;
  }


}
