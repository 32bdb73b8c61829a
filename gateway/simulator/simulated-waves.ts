/**
 * The non-ECG waves of a simulated bed, one generator per channel, each following the heart's beats and the
 * patient's physiology: the pleth (pulse at the finger, respiratory variation, perfusion), impedance respiration
 * (breaths, apnoea, cardiac artifact) and the arterial pressure (each beat's pulse on the diastolic floor, which
 * falls towards the filling pressure without beats).
 */
import type { BedPhysiology } from './bed-physiology';
import type { MotionArtifact } from './motion-artifact';
import { ARTERIAL_TRANSIT_SECONDS, PLETH_TRANSIT_SECONDS, arterialPulse, plethPulse } from './pulse-templates';
import type { SimulatedHeart } from './simulated-heart';
import { FILLING_PRESSURE } from './simulator-defaults';

/** A wave sampled at increasing times (s). */
export interface WaveGenerator {
  valueAt(t: number): number;
}

/** The SpO2 pleth, normalized units. */
export class PlethWave implements WaveGenerator {
  constructor(
    private readonly heart: SimulatedHeart,
    private readonly physiology: BedPhysiology,
    private readonly motion: MotionArtifact,
  ) {}

  valueAt(t: number): number {
    const { vitals, targets } = this.physiology;
    let value = 0;
    for (const beat of this.heart.beats())
      value += beat.strength * plethPulse(t - beat.time - PLETH_TRANSIT_SECONDS, beat.rr);
    const respiratory = 1 + 0.05 * Math.sin(2 * Math.PI * (vitals.respRate / 60) * t);
    const perfusion = 0.55 + 0.45 * Math.min(1, Math.max(0, (vitals.spo2 - 70) / 25));
    return 0.1 + 0.8 * value * respiratory * perfusion + (targets.motionArtifact ? this.motion.plethDrift() : 0);
  }
}

/** Impedance respiration, normalized units. */
export class RespirationWave implements WaveGenerator {
  private phase = 0;
  private time = 0;

  constructor(private readonly physiology: BedPhysiology) {}

  valueAt(t: number): number {
    const { vitals, targets } = this.physiology;
    const dt = t - this.time;
    this.time = t;
    const rate = vitals.respRate < 1 ? 0 : vitals.respRate;
    if (rate > 0 || this.phase > 0) {
      this.phase += (Math.max(rate, 8) / 60) * dt;
      // In apnoea the current breath ends and the trace stays at end-expiration.
      if (this.phase >= 1) this.phase = rate > 0 ? this.phase - 1 : 0;
    }
    const p = this.phase;
    const breath =
      p < 0.4 ? 0.5 * (1 - Math.cos((Math.PI * p) / 0.4)) : 0.5 * (1 + Math.cos((Math.PI * (p - 0.4)) / 0.6));
    const cardiac = targets.rhythm === 'asystole' ? 0 : 0.025 * Math.sin(2 * Math.PI * (vitals.heartRate / 60) * t);
    return 0.8 * breath + cardiac;
  }
}

/** Arterial pressure, mmHg. */
export class ArterialWave implements WaveGenerator {
  constructor(
    private readonly heart: SimulatedHeart,
    private readonly physiology: BedPhysiology,
  ) {}

  valueAt(t: number): number {
    const { vitals, targets } = this.physiology;
    const { systolic, diastolic } = vitals;
    const sinceBeat = t - ARTERIAL_TRANSIT_SECONDS - this.heart.lastBeatTime();
    const floor =
      targets.rhythm === 'vf' || targets.rhythm === 'asystole' || sinceBeat > 2
        ? FILLING_PRESSURE + (diastolic - FILLING_PRESSURE) * Math.exp(-Math.max(0, sinceBeat - 1) / 1.2)
        : diastolic;
    let pulse = 0;
    for (const beat of this.heart.beats()) pulse += arterialPulse(t - beat.time - ARTERIAL_TRANSIT_SECONDS, beat.rr);
    return floor + (systolic - diastolic) * pulse;
  }
}
