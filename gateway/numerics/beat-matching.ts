/**
 * Beat-by-beat comparison of detected beats against reference annotations, as in the WFDB `bxb` tool and
 * ANSI/AAMI EC57: a detection matches the nearest reference beat within the matching window (150 ms).
 */

/** Counts and the two standard figures. */
export interface BeatComparison {
  readonly referenceBeats: number;
  readonly detectedBeats: number;
  readonly truePositives: number;
  readonly falseNegatives: number;
  readonly falsePositives: number;
  /** Sensitivity TP / (TP + FN). */
  readonly sensitivity: number;
  /** Positive predictivity TP / (TP + FP). */
  readonly positivePredictivity: number;
}

/** Compares sorted sample indices; `window` is the matching window in samples (0.15 s × rate). */
export function compareBeats(
  reference: readonly number[],
  detected: readonly number[],
  window: number,
): BeatComparison {
  let truePositives = 0;
  let r = 0;
  let d = 0;
  while (r < reference.length && d < detected.length) {
    const ref = reference[r] as number;
    const det = detected[d] as number;
    if (Math.abs(det - ref) <= window) {
      // Take the closer of this detection and the next one for this reference beat.
      const next = detected[d + 1];
      if (next !== undefined && Math.abs(next - ref) < Math.abs(det - ref)) {
        d += 1;
        continue;
      }
      truePositives += 1;
      r += 1;
      d += 1;
    } else if (det < ref) d += 1;
    else r += 1;
  }
  const falseNegatives = reference.length - truePositives;
  const falsePositives = detected.length - truePositives;
  return {
    referenceBeats: reference.length,
    detectedBeats: detected.length,
    truePositives,
    falseNegatives,
    falsePositives,
    sensitivity: reference.length === 0 ? 1 : truePositives / reference.length,
    positivePredictivity: detected.length === 0 ? 1 : truePositives / detected.length,
  };
}
