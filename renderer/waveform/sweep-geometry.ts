/**
 * Geometry of a sweeping trace, as a bedside monitor draws it: sample index i of a channel at `rate` Hz sits at
 * the fraction ((i / rate) mod window) / window of the plot's width; the write head wraps at the right edge and
 * an erase gap runs ahead of it. Pure functions, so the render loop allocates nothing and tests need no canvas.
 */

/** Horizontal position (0…width) of a stream index in a sweep of `windowSeconds`. */
export function sweepX(index: number, rate: number, windowSeconds: number, width: number): number {
  const seconds = index / rate;
  const phase = seconds - windowSeconds * Math.floor(seconds / windowSeconds);
  return (phase / windowSeconds) * width;
}

/**
 * Calls `run(from, to)` for each run of indices from `lastDrawn` to `head` that stays within one sweep: a run
 * starts with a move to `from` and draws lines to each index up to `to`. Where the sweep wraps, the next run
 * starts at the new sweep's first index, so no line is drawn from the right edge back to the left.
 * Returns the number of runs.
 */
export function forEachSweepRun(
  lastDrawn: number,
  head: number,
  rate: number,
  windowSeconds: number,
  run: (from: number, to: number) => void,
): number {
  const perSweep = rate * windowSeconds;
  let runs = 0;
  let from = lastDrawn;
  while (from < head) {
    const last = Math.ceil((Math.floor(from / perSweep) + 1) * perSweep) - 1;
    if (last > from) {
      const to = Math.min(head, last);
      run(from, to);
      runs += 1;
      from = to;
    }
    if (from === last) from = last + 1;
  }
  return runs;
}

/**
 * The horizontal spans to clear when the head moves from x0 to x1 (0…width), with an erase gap of `gap` pixels
 * ahead of it, wrapping at the right edge. Writes up to two spans into `out` as [start, end, start, end] and
 * returns how many spans it wrote.
 */
export function eraseSpans(
  x0: number,
  x1: number,
  gap: number,
  width: number,
  wrapped: boolean,
  out: Float64Array,
): number {
  const start = x0;
  let end = x1 + gap;
  if (wrapped) end += width;
  if (end - start >= width) {
    out[0] = 0;
    out[1] = width;
    return 1;
  }
  if (end <= width) {
    out[0] = start;
    out[1] = end;
    return 1;
  }
  out[0] = start;
  out[1] = width;
  out[2] = 0;
  out[3] = end - width;
  return 2;
}
