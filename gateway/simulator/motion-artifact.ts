/**
 * Motion artifact on a simulated bed: real electrode-motion and muscle noise from nstdb (noise-clip.ts) on the
 * ECG, and a slow drift on the pleth, fading in and out as the scenario turns it on and off. Draws from its own
 * random stream.
 */
import type { NoiseClip } from './noise-clip';
import type { SeededRandom } from './seeded-random';
import { MOTION_NOISE_MV } from './simulator-defaults';

/** The artifact of one bed. */
export class MotionArtifact {
  private level = 0;
  private drift = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly noise: NoiseClip,
  ) {}

  /** The artifact on lead II at ECG sample time `t` (s), mV; advances the fade once per ECG sample. */
  ecgAt(t: number, active: boolean): number {
    this.level += ((active ? 1 : 0) - this.level) * 0.01;
    if (this.level < 0.001) return 0;
    this.drift = 0.995 * this.drift + 0.08 * this.random.gaussian();
    return this.level * MOTION_NOISE_MV * this.noise.at(t);
  }

  /** The drift the pleth shows now (normalized units). */
  plethDrift(): number {
    return 0.3 * this.drift * this.level;
  }
}
