/**
 * Synthetic ECG after the dynamical model of McSharry, Clifford, Tarassenko & Smith (IEEE TBME 50(3), 2003,
 * "ECGSYN"): the phase θ goes round a limit cycle once per beat, and each of P, Q, R, S, T is a Gaussian event
 * at a fixed angle that pushes z:
 *
 *   dz/dt = −(ω/2π) Σᵢ aᵢ Δθᵢ exp(−Δθᵢ² / 2bᵢ²) − (z − z₀(t))
 *
 * The (ω/2π) factor keeps wave amplitudes independent of heart rate; widths and P/T angles scale with
 * √(HR/60) as in ECGSYN. The x–y limit cycle is integrated exactly as a phase (its radius is 1 on the attractor)
 * and z by fourth-order Runge–Kutta. Each RR interval is drawn at the beat boundary with Mayer-wave (0.1 Hz) and
 * respiratory (0.25 Hz) modulation plus noise: beat-to-beat variability as in a real tachogram.
 */
import type { SeededRandom } from './seeded-random';

/** The waves of one lead: angles (degrees), amplitudes and widths (radians) of P, Q, R, S, T. */
export interface LeadMorphology {
  readonly anglesDeg: readonly [number, number, number, number, number];
  readonly amplitudes: readonly [number, number, number, number, number];
  readonly widths: readonly [number, number, number, number, number];
}

/** Lead II, sinus rhythm (ECGSYN's default parameters). */
export const SINUS_LEAD_II: LeadMorphology = {
  anglesDeg: [-70, -15, 0, 15, 100],
  amplitudes: [1.2, -5, 30, -7.5, 0.75],
  widths: [0.25, 0.1, 0.1, 0.1, 0.4],
};

/** A V1-like chest lead, sinus rhythm: small r, deep S, upright T. */
export const SINUS_LEAD_V: LeadMorphology = {
  anglesDeg: [-70, -12, -2, 14, 100],
  amplitudes: [0.6, 0, 9, -24, 0.9],
  widths: [0.25, 0.1, 0.08, 0.12, 0.4],
};

/** Lead II in atrial fibrillation: the sinus QRS-T without a P wave (the atria fibrillate; see the f waves). */
export const AFIB_LEAD_II: LeadMorphology = {
  ...SINUS_LEAD_II,
  amplitudes: [0, ...SINUS_LEAD_II.amplitudes.slice(1)] as unknown as LeadMorphology['amplitudes'],
};

/** The V lead in atrial fibrillation. */
export const AFIB_LEAD_V: LeadMorphology = {
  ...SINUS_LEAD_V,
  amplitudes: [0, ...SINUS_LEAD_V.amplitudes.slice(1)] as unknown as LeadMorphology['amplitudes'],
};

/** Monomorphic ventricular tachycardia: no P wave, wide bizarre QRS, discordant T. */
export const VT_LEAD_II: LeadMorphology = {
  anglesDeg: [-90, -40, 0, 45, 130],
  // Wide events integrate to large deflections (∝ a·b²), so VT amplitudes are small numbers.
  amplitudes: [0, -0.55, 2.5, -1.5, -0.55],
  widths: [0.2, 0.3, 0.28, 0.32, 0.55],
};

/** VT as seen in the V lead. */
export const VT_LEAD_V: LeadMorphology = {
  anglesDeg: [-90, -40, 0, 45, 130],
  amplitudes: [0, 0.9, -2.1, 1.1, 0.45],
  widths: [0.2, 0.3, 0.3, 0.32, 0.55],
};

/** A lead's integrator: its own z state, driven by the shared phase. */
export class LeadIntegrator {
  private z = 0;
  private angles = new Float64Array(5);
  private amplitudes = new Float64Array(5);
  private widths = new Float64Array(5);

  constructor(
    private morphology: LeadMorphology,
    private readonly millivoltsPerUnit: number,
  ) {
    this.configure(morphology, 60);
  }

  /** Adopts a morphology at a heart rate (ECGSYN's √(HR/60) scaling of angles and widths). */
  configure(morphology: LeadMorphology, heartRate: number): void {
    this.morphology = morphology;
    const factor = Math.sqrt(Math.max(heartRate, 20) / 60);
    const angleScale = [Math.sqrt(factor), factor, 1, factor, Math.sqrt(factor)];
    for (let i = 0; i < 5; i += 1) {
      this.angles[i] = ((morphology.anglesDeg[i] as number) * Math.PI * (angleScale[i] as number)) / 180;
      this.amplitudes[i] = morphology.amplitudes[i] as number;
      this.widths[i] = (morphology.widths[i] as number) * factor;
    }
  }

  /** Current morphology. */
  current(): LeadMorphology {
    return this.morphology;
  }

  /** Advances z over one step of `dt` seconds while θ moves from θ0 at angular speed ω; returns millivolts. */
  step(theta0: number, omega: number, dt: number, baseline: number): number {
    const half = dt / 2;
    const k1 = this.slope(theta0, this.z, omega, baseline);
    const k2 = this.slope(theta0 + omega * half, this.z + half * k1, omega, baseline);
    const k3 = this.slope(theta0 + omega * half, this.z + half * k2, omega, baseline);
    const k4 = this.slope(theta0 + omega * dt, this.z + dt * k3, omega, baseline);
    this.z += (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    return this.z * this.millivoltsPerUnit;
  }

  /**
   * dz/dt at phase θ and state z. A method, not a closure made in each step: a bed's two leads step 2,000 times a
   * second, and a closure per step (named at each creation where the gateway runs under tsx) cost the
   * leader a third of its CPU at 256 beds.
   */
  private slope(theta: number, z: number, omega: number, baseline: number): number {
    let drive = 0;
    for (let i = 0; i < 5; i += 1) {
      let delta = theta - (this.angles[i] as number);
      delta -= 2 * Math.PI * Math.round(delta / (2 * Math.PI));
      const width = this.widths[i] as number;
      const spread = 2 * width * width;
      // Beyond six widths an event's push is below exp(−18) of its peak (< 0.01 µV on the trace): not computed,
      // which spares most of the exponentials — the simulator's largest cost at a ward of hundreds of beds.
      if (delta * delta > 18 * spread) continue;
      drive += (this.amplitudes[i] as number) * delta * Math.exp((-delta * delta) / spread);
    }
    return (-omega / (2 * Math.PI)) * drive - (z - baseline);
  }
}

/**
 * Scale from model units to millivolts: with ECGSYN's lead II parameters the model's R wave stands about
 * 0.0527 units above the baseline, and a monitor lead II R wave is about 1.1 mV
 * (test/unit/gateway/simulator/simulated-bed.test.ts measures it).
 */
export const MILLIVOLTS_PER_MODEL_UNIT = 1.1 / 0.0527;

/** Called at every R peak with its time (s) and the RR interval that ended there (s). */
export type BeatCallback = (timeSeconds: number, rrSeconds: number) => void;

/** The shared phase of the heart: beats, their timing and variability. */
export class CardiacPhase {
  private theta = -Math.PI;
  private rr: number;
  private lastBeatTime = Number.NaN;

  constructor(
    private readonly random: SeededRandom,
    private meanRr: number,
  ) {
    this.rr = meanRr;
  }

  /** Sets the mean RR the next beats are drawn around. */
  setMeanRr(seconds: number): void {
    this.meanRr = seconds;
  }

  /** The mean RR the beats are drawn around. */
  meanRrSeconds(): number {
    return this.meanRr;
  }

  /** Replaces the RR of the cycle just begun (a premature beat, its compensatory pause). */
  setCurrentRr(seconds: number): void {
    this.rr = Math.max(0.25, seconds);
  }

  /** Angular speed now, rad/s. */
  omega(): number {
    return (2 * Math.PI) / this.rr;
  }

  /** Phase now. */
  angle(): number {
    return this.theta;
  }

  /**
   * Advances by `dt` seconds ending at time `t`; reports an R peak when θ crosses 0 and draws the next RR when
   * the cycle wraps. `variability` scales the beat-to-beat modulation (1 sinus, small for VT); `irregularity` adds
   * independent random variation (atrial fibrillation's irregularly irregular ventricular response).
   */
  advance(dt: number, t: number, variability: number, onBeat: BeatCallback, irregularity = 0): void {
    const before = this.theta;
    this.theta += this.omega() * dt;
    if (before < 0 && this.theta >= 0) {
      const beatTime = t - this.theta / this.omega();
      if (!Number.isNaN(this.lastBeatTime)) onBeat(beatTime, beatTime - this.lastBeatTime);
      this.lastBeatTime = beatTime;
    }
    if (this.theta >= Math.PI) {
      this.theta -= 2 * Math.PI;
      const modulation =
        0.025 * Math.sin(2 * Math.PI * 0.1 * t) +
        0.015 * Math.sin(2 * Math.PI * 0.25 * t + 1.3) +
        0.008 * this.random.gaussian();
      const irregular = irregularity === 0 ? 0 : irregularity * Math.max(-1.8, Math.min(1.8, this.random.gaussian()));
      this.rr = Math.max(0.25, this.meanRr * (1 + variability * modulation + irregular));
    }
  }
}
