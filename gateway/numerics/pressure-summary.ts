/**
 * Systolic, diastolic and mean of an arterial pressure wave over a window, as a monitor derives them from the
 * wave: its maximum, minimum and average, missing samples skipped.
 */

/** The three pressures, rounded to whole mmHg. */
export interface PressureSummary {
  readonly max: number;
  readonly min: number;
  readonly mean: number;
}

/**
 * Summarizes `count` samples read through `valueAt`; null when fewer than `minimumValid` are valid (a gap, a
 * flushed line).
 */
export function summarizePressure(
  count: number,
  valueAt: (index: number) => number,
  minimumValid = 1,
): PressureSummary | null {
  let max = -Infinity;
  let min = Infinity;
  let sum = 0;
  let valid = 0;
  for (let i = 0; i < count; i += 1) {
    const value = valueAt(i);
    if (!Number.isFinite(value)) continue;
    if (value > max) max = value;
    if (value < min) min = value;
    sum += value;
    valid += 1;
  }
  if (valid < Math.max(1, minimumValid)) return null;
  return { max: Math.round(max), min: Math.round(min), mean: Math.round(sum / valid) };
}
