/**
 * Plays the real electrode noise of the MIT-BIH Noise Stress Test Database (nstdb-noise-clip.ts) as a simulated
 * bed's motion artifact: electrode motion and muscle artifact, looping, each bed starting at its own offset, so that
 * an artifact fools a naive detector exactly as real ones do (baseline jumps and spikes inside the ECG's band).
 */
import { ELECTRODE_MOTION_BASE64, MUSCLE_ARTIFACT_BASE64, NOISE_CLIP_RATE } from './nstdb-noise-clip';

function decode(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  const raw = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  const values = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) values[i] = (raw[i] as number) / 4096;
  return values;
}

let clips: { electrode: Float32Array; muscle: Float32Array } | null = null;

/** The decoded clips (decoded once per process). */
function loadClips(): { electrode: Float32Array; muscle: Float32Array } {
  clips ??= { electrode: decode(ELECTRODE_MOTION_BASE64), muscle: decode(MUSCLE_ARTIFACT_BASE64) };
  return clips;
}

/** One bed's noise: unit-RMS electrode motion plus a third as much muscle artifact, at any time (s). */
export class NoiseClip {
  private readonly electrode: Float32Array;
  private readonly muscle: Float32Array;

  constructor(private readonly offsetSeconds: number) {
    const loaded = loadClips();
    this.electrode = loaded.electrode;
    this.muscle = loaded.muscle;
  }

  /** The noise at time `t` (s), unit RMS order. */
  at(t: number): number {
    const position = (t + this.offsetSeconds) * NOISE_CLIP_RATE;
    const index = Math.floor(position);
    const length = this.electrode.length;
    const i = ((index % length) + length) % length;
    const j = (i + 1) % length;
    const f = position - index;
    const electrode = (this.electrode[i] as number) * (1 - f) + (this.electrode[j] as number) * f;
    const muscle = (this.muscle[i] as number) * (1 - f) + (this.muscle[j] as number) * f;
    return electrode + 0.35 * muscle;
  }
}
