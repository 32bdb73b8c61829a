/**
 * The simulated heart: the beat sequence every wave follows, and the two ECG leads it draws — sinus (ECGSYN),
 * atrial fibrillation (no P, f waves, irregular RR), PVCs (premature, wide, sometimes paired, with a compensatory
 * pause), monomorphic VT, chaotic VF, asystole. Draws from its own random stream.
 */
import type { BedPhysiology } from './bed-physiology';
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
import type { SeededRandom } from './seeded-random';
import {
  AFIB_IRREGULARITY,
  BEAT_MEMORY_SECONDS,
  COUPLET_SHARE,
  ECG_RATE,
  ECG_SUBSTEPS,
  PREMATURE_SHARE,
} from './simulator-defaults';

/** One beat, as the pulse waves follow it. */
export interface Beat {
  readonly time: number;
  readonly rr: number;
  /** Pulse strength reaching the finger: 1 for a sinus beat, weaker for a ventricular one. */
  readonly strength: number;
}

/** Both leads at one instant, mV. */
export interface EcgSample {
  ii: number;
  v: number;
}

/** The heart of one simulated bed. */
export class SimulatedHeart {
  private readonly phase: CardiacPhase;
  private readonly leadII = new LeadIntegrator(SINUS_LEAD_II, MILLIVOLTS_PER_MODEL_UNIT);
  private readonly leadV = new LeadIntegrator(SINUS_LEAD_V, MILLIVOLTS_PER_MODEL_UNIT);
  private readonly recent: Beat[] = [];
  /** A monitor starts as if it had just seen a beat: until the first real one it is learning, not in asystole. */
  private lastBeat = 0;
  /** Made once: the phase reports beats through it at every sub-step (1,000 a second per bed). */
  private readonly beatReported = (time: number, rr: number): void => this.onBeat(time, rr);
  private modelTime = 0;
  private vfPhase = 0;
  private vfFrequency = 5;
  private vfPhase2 = 0;
  private vfFrequency2 = 6.2;
  private fPhase = 0;
  /** The beat being drawn is a premature ventricular one; the one before it was too (a pair). */
  private ventricularBeat = false;
  private pairedBefore = false;
  private readonly sample: EcgSample = { ii: 0, v: 0 };

  constructor(
    private readonly random: SeededRandom,
    private readonly physiology: BedPhysiology,
  ) {
    this.phase = new CardiacPhase(random, 60 / Math.max(physiology.vitals.heartRate, 20));
  }

  /** Beats of the last few seconds. */
  beats(): readonly Beat[] {
    return this.recent;
  }

  /** Time of the last beat, s. */
  lastBeatTime(): number {
    return this.lastBeat;
  }

  /** Seconds since the last beat, at the heart's own time. */
  secondsSinceBeat(): number {
    return this.modelTime - this.lastBeat;
  }

  /** Both leads at sample time `t` (s), integrated over the sample's sub-steps. The result is reused: copy it. */
  ecgAt(t: number): EcgSample {
    const dt = 1 / ECG_RATE / ECG_SUBSTEPS;
    for (let s = 0; s < ECG_SUBSTEPS; s += 1) this.substep(t - (ECG_SUBSTEPS - 1 - s) * dt, dt);
    return this.sample;
  }

  /** One integration step of the heart. */
  private substep(t: number, dt: number): void {
    this.modelTime = t;
    const { targets, vitals } = this.physiology;
    const rhythm = targets.rhythm;
    const wander = (0.06 * Math.sin(2 * Math.PI * (vitals.respRate / 60) * t)) / MILLIVOLTS_PER_MODEL_UNIT;
    if (rhythm === 'vf') {
      // Coarse VF: chaotic 4–7 Hz activity — two oscillators whose frequencies wander independently and an
      // amplitude that swells and fades, so that no two waves are alike (a sinusoid would be flutter, and a
      // beat detector could lock on to it).
      this.vfFrequency = Math.min(7, Math.max(4, this.vfFrequency + 0.03 * this.random.gaussian()));
      this.vfFrequency2 = Math.min(7, Math.max(4, this.vfFrequency2 + 0.05 * this.random.gaussian()));
      this.vfPhase += 2 * Math.PI * this.vfFrequency * dt;
      this.vfPhase2 += 2 * Math.PI * this.vfFrequency2 * dt;
      const amplitude = 0.3 + 0.15 * Math.sin(2 * Math.PI * 0.3 * t) + 0.08 * Math.sin(2 * Math.PI * 0.83 * t + 1);
      this.sample.ii = amplitude * (Math.sin(this.vfPhase) + 0.7 * Math.sin(this.vfPhase2 + 0.5));
      this.sample.v = amplitude * (0.6 * Math.sin(this.vfPhase + 0.9) - 0.8 * Math.sin(this.vfPhase2 + 2.1));
      return;
    }
    if (rhythm === 'asystole') {
      this.sample.ii = this.leadII.step(0, 0, dt, wander) + 0.004 * this.random.gaussian();
      this.sample.v = this.leadV.step(0, 0, dt, wander) + 0.004 * this.random.gaussian();
      return;
    }
    const theta = this.phase.angle();
    const omega = this.phase.omega();
    this.sample.ii = this.leadII.step(theta, omega, dt, wander);
    this.sample.v = this.leadV.step(theta, omega, dt, wander);
    const before = this.phase.angle();
    this.phase.advance(
      dt,
      t + dt,
      rhythm === 'vt' ? 0.2 : rhythm === 'afib' ? 0 : 1,
      this.beatReported,
      rhythm === 'afib' ? AFIB_IRREGULARITY : 0,
    );
    if (this.phase.angle() < before) this.onCycleWrap();
    if (rhythm === 'afib') {
      // Fibrillation waves of the atria, 5–7 Hz, small on II and larger on the chest lead.
      this.fPhase += 2 * Math.PI * (6 + 0.8 * Math.sin(2 * Math.PI * 0.17 * t)) * dt;
      this.sample.ii += 0.035 * Math.sin(this.fPhase);
      this.sample.v += 0.06 * Math.sin(this.fPhase + 1.1);
    }
  }

  private onBeat(time: number, rr: number): void {
    // A ventricular beat ejects less: a weaker pulse at the finger and in the artery.
    this.recent.push({
      time,
      rr,
      strength: this.physiology.targets.rhythm === 'vt' ? 0.45 : this.ventricularBeat ? 0.5 : 1,
    });
    while (this.recent.length > 0 && time - (this.recent[0] as Beat).time > BEAT_MEMORY_SECONDS) this.recent.shift();
    this.lastBeat = time;
  }

  /**
   * At the end of each cycle the next beat takes the current rhythm's morphology and rate. With ectopy, a beat may
   * be a premature ventricular one (wide, early, sometimes a pair) followed by a compensatory pause.
   */
  private onCycleWrap(): void {
    const { targets, vitals } = this.physiology;
    const rhythm = targets.rhythm;
    const meanRr = 60 / Math.max(vitals.heartRate, 20);
    this.phase.setMeanRr(meanRr);
    const wasVentricular = this.ventricularBeat;
    this.ventricularBeat = false;
    if (rhythm === 'sinus' && targets.ectopy > 0) {
      const premature = wasVentricular
        ? this.random.next() < COUPLET_SHARE && !this.pairedBefore
        : this.random.next() < targets.ectopy;
      this.pairedBefore = premature && wasVentricular;
      if (premature) {
        this.ventricularBeat = true;
        this.phase.setCurrentRr(meanRr * PREMATURE_SHARE);
      } else if (wasVentricular) this.phase.setCurrentRr(meanRr * (2 - PREMATURE_SHARE));
    }
    const ventricular = rhythm === 'vt' || this.ventricularBeat;
    this.leadII.configure(
      ventricular ? VT_LEAD_II : rhythm === 'afib' ? AFIB_LEAD_II : SINUS_LEAD_II,
      vitals.heartRate,
    );
    this.leadV.configure(ventricular ? VT_LEAD_V : rhythm === 'afib' ? AFIB_LEAD_V : SINUS_LEAD_V, vitals.heartRate);
  }
}
