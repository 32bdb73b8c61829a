/**
 * Signal analysis for the alarm tone test: the pulses of a rendered signal (where its envelope is above a
 * threshold) and the peaks of a segment's magnitude spectrum (radix-2 FFT).
 */

/** A pulse: start and end, ms. */
export interface Pulse {
  readonly startMs: number;
  readonly endMs: number;
}

/** Finds pulses: runs of 1 ms windows whose peak exceeds `threshold` × the signal's peak; gaps under 5 ms are bridged. */
export function findPulses(samples: Float32Array, sampleRate: number, threshold = 0.1): Pulse[] {
  const window = Math.round(sampleRate / 1000);
  let peak = 0;
  for (const value of samples) peak = Math.max(peak, Math.abs(value));
  const pulses: { startMs: number; endMs: number }[] = [];
  for (let start = 0; start < samples.length; start += window) {
    let local = 0;
    for (let i = start; i < Math.min(samples.length, start + window); i += 1)
      local = Math.max(local, Math.abs(samples[i] as number));
    if (local < threshold * peak) continue;
    const ms = start / window;
    const last = pulses.at(-1);
    if (last !== undefined && ms - last.endMs <= 5) last.endMs = ms + 1;
    else pulses.push({ startMs: ms, endMs: ms + 1 });
  }
  return pulses;
}

function fft(real: Float64Array, imag: Float64Array): void {
  const n = real.length;
  for (let i = 1, j = 0; i < n; i += 1) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [real[i], real[j]] = [real[j] as number, real[i] as number];
      [imag[i], imag[j]] = [imag[j] as number, imag[i] as number];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = (-2 * Math.PI) / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < size / 2; k += 1) {
        const cos = Math.cos(angle * k);
        const sin = Math.sin(angle * k);
        const a = start + k;
        const b = a + size / 2;
        const tr = (real[b] as number) * cos - (imag[b] as number) * sin;
        const ti = (real[b] as number) * sin + (imag[b] as number) * cos;
        real[b] = (real[a] as number) - tr;
        imag[b] = (imag[a] as number) - ti;
        real[a] = (real[a] as number) + tr;
        imag[a] = (imag[a] as number) + ti;
      }
    }
  }
}

/** Frequencies (Hz) of the spectral peaks of a segment above `relative` × the highest, within [fromHz, toHz]. */
export function spectralPeaks(
  segment: Float32Array,
  sampleRate: number,
  fromHz: number,
  toHz: number,
  relative = 0.05,
): number[] {
  const size = 1 << Math.ceil(Math.log2(Math.max(segment.length, 2)) + 1);
  const real = new Float64Array(size);
  const imag = new Float64Array(size);
  // A Hann window keeps each harmonic's peak narrow.
  segment.forEach((value, i) => (real[i] = value * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (segment.length - 1)))));
  fft(real, imag);
  const magnitude = Array.from({ length: size / 2 }, (_, i) => Math.hypot(real[i] as number, imag[i] as number));
  const binHz = sampleRate / size;
  const highest = Math.max(...magnitude);
  const peaks: number[] = [];
  for (let i = 1; i < magnitude.length - 1; i += 1) {
    const hz = i * binHz;
    const value = magnitude[i] as number;
    if (hz < fromHz || hz > toHz || value < relative * highest) continue;
    if (value >= (magnitude[i - 1] as number) && value > (magnitude[i + 1] as number)) peaks.push(Math.round(hz));
  }
  return peaks;
}
