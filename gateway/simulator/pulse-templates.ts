/**
 * The shapes of one heartbeat in the pleth and the arterial pressure: a systolic peak, a dicrotic notch and a
 * dicrotic wave, as two Gaussians on a decaying tail, evaluated at a time after the R peak. Both follow the
 * same beats as the ECG; each is delayed by its pulse transit time (shorter to the radial artery than to the
 * finger) and compressed at high heart rates.
 */

/** Seconds from R peak to the start of the arterial pulse (radial line). */
export const ARTERIAL_TRANSIT_SECONDS = 0.09;
/** Seconds from R peak to the start of the finger pulse (pleth). */
export const PLETH_TRANSIT_SECONDS = 0.2;

function gaussian(t: number, centre: number, width: number): number {
  const d = (t - centre) / width;
  return Math.exp(-0.5 * d * d);
}

/** How much a beat of this RR compresses its pulse (1 at 60 bpm and slower). */
function compression(rrSeconds: number): number {
  return Math.min(1, Math.sqrt(rrSeconds / 0.9));
}

/** Arterial pulse of one beat, peak ≈ 1, at `tau` seconds after its onset. */
export function arterialPulse(tau: number, rrSeconds: number): number {
  if (tau < 0) return 0;
  const s = tau / compression(rrSeconds);
  if (s > 2.5) return 0;
  const systolic = gaussian(s, 0.12, 0.045);
  const dicrotic = 0.32 * gaussian(s, 0.34, 0.05);
  const runoff = s > 0.12 ? 0.42 * Math.exp(-(s - 0.12) / 0.5) : 0.42 * gaussian(s, 0.12, 0.045);
  return Math.max(systolic, runoff) + dicrotic;
}

/** Finger pleth pulse of one beat, peak ≈ 1, at `tau` seconds after its onset. */
export function plethPulse(tau: number, rrSeconds: number): number {
  if (tau < 0) return 0;
  const s = tau / compression(rrSeconds);
  if (s > 2.5) return 0;
  return gaussian(s, 0.16, 0.07) + 0.38 * gaussian(s, 0.43, 0.075);
}
