/**
 * The auditory alarm signals (IEC 60601-1-8 §6.3): HIGH a burst of 10 pulses (3 + 2, a pause, 3 + 2), MEDIUM 3
 * pulses, LOW 1 pulse, each burst repeated while the alarm sounds. Every pulse is a tone of a fundamental and three
 * harmonics (four spectral peaks between 150 Hz and 4 kHz) with short rise and fall, never a continuous tone.
 * Scheduling works on any BaseAudioContext, so a test renders the exact signal in an OfflineAudioContext.
 */
import type { AlarmPriority } from '../../common/alarms/alarm-model';

/** One priority's signal. */
export interface ToneSpec {
  /** Pulse start times within a burst, ms. */
  readonly pulseOffsetsMs: readonly number[];
  readonly pulseMs: number;
  /** From the start of one burst to the next, ms. */
  readonly repeatMs: number;
  readonly fundamentalHz: number;
}

/** Relative amplitudes of the fundamental and its harmonics 2, 3 and 4. */
export const HARMONIC_AMPLITUDES = [1, 0.7, 0.5, 0.35] as const;
/** Rise and fall of each pulse. */
export const PULSE_RAMP_MS = 15;

/** The signals, per priority. */
export const TONE_SPECS: Readonly<Record<AlarmPriority, ToneSpec>> = {
  HIGH: {
    pulseOffsetsMs: [0, 150, 300, 600, 750, 1400, 1550, 1700, 2000, 2150],
    pulseMs: 100,
    repeatMs: 6000,
    fundamentalHz: 523,
  },
  MEDIUM: { pulseOffsetsMs: [0, 250, 500], pulseMs: 150, repeatMs: 8000, fundamentalHz: 440 },
  LOW: { pulseOffsetsMs: [0], pulseMs: 200, repeatMs: 16000, fundamentalHz: 392 },
};

/** Schedules one burst at `startTime` (seconds, the context's clock); returns when it ends. */
export function scheduleBurst(
  context: BaseAudioContext,
  destination: AudioNode,
  priority: AlarmPriority,
  startTime: number,
  volume: number,
): number {
  const spec = TONE_SPECS[priority];
  const real = new Float32Array(HARMONIC_AMPLITUDES.length + 1);
  const imag = new Float32Array(HARMONIC_AMPLITUDES.length + 1);
  HARMONIC_AMPLITUDES.forEach((amplitude, index) => (imag[index + 1] = amplitude));
  const wave = context.createPeriodicWave(real, imag, { disableNormalization: false });
  const ramp = PULSE_RAMP_MS / 1000;
  let end = startTime;
  for (const offsetMs of spec.pulseOffsetsMs) {
    const start = startTime + offsetMs / 1000;
    const stop = start + spec.pulseMs / 1000;
    const oscillator = context.createOscillator();
    oscillator.setPeriodicWave(wave);
    oscillator.frequency.value = spec.fundamentalHz;
    const envelope = context.createGain();
    envelope.gain.setValueAtTime(0, start);
    envelope.gain.linearRampToValueAtTime(volume, start + ramp);
    envelope.gain.setValueAtTime(volume, stop - ramp);
    envelope.gain.linearRampToValueAtTime(0, stop);
    oscillator.connect(envelope).connect(destination);
    oscillator.start(start);
    oscillator.stop(stop + 0.01);
    end = stop;
  }
  return end;
}
