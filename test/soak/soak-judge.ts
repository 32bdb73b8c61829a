/**
 * Whether a soak's curves are flat after warm-up. Every figure is judged by what it would become in a day at the
 * rate the run saw (least-squares slope, projected to 24 h), so that a short run and a long one are judged alike;
 * memory and descriptors by the floor of each twelfth of the run (what survives garbage collection), so that a
 * collection's sawtooth or a burst of alarms is not taken for a trend. The heap is judged on its readings after a
 * forced full collection where the probe took them (the live set; without them the floor rises with old garbage
 * V8 has had no reason to collect yet). The rate is that of the later half of the judged span: a leak grows all
 * along, whereas a level that settles — a pool reaching its size, a cache filling, the hour's files opened —
 * grows early and stops, and projecting that early step over a day would call a settled process leaking.
 *
 * Allowances, and why: memory may drift by 20 % (heap) or 25 % (resident, which also holds the allocator's
 * retained pages) of its level, at least 20 / 40 MB — a leak of a few hundred bytes per waveform batch grows by
 * gigabytes a day and fails by far; file descriptors by 5 a day (a leaked socket per reconnect is dozens);
 * event-loop delay p99 at the end within 1.5 × + 5 ms of its start (a loop that slows as state piles up is how a
 * gateway ends up late with alarms). Disk legitimately grows — the journal, trends and full disclosure keep what
 * the ward did — so it is judged steady rather than flat: the second half's rate at most 1.5 × the first half's
 * (+ 1 MB/h), never accelerating, and reported as MB/h with its 24-h projection.
 */

/** One probe reading of the process under soak (test/soak/process-probe.mjs), plus the data folder's size. */
export interface SoakSample {
  readonly atMs: number;
  readonly heapUsedMb: number;
  /** Heap after a forced full collection (the probe takes one a minute when the process has `--expose-gc`). */
  readonly heapAfterGcMb?: number;
  readonly rssMb: number;
  readonly fds: number;
  readonly loopP99Ms: number;
  /** Size of the data folder when the sample was taken; NaN when not measured at that moment. */
  readonly diskMb: number;
}

/** One figure's judgement. */
export interface CurveVerdict {
  readonly figure: 'heap' | 'rss' | 'fds' | 'event-loop p99' | 'disk';
  readonly flat: boolean;
  /** Level after warm-up (median) and at the end (median of the last tenth). */
  readonly start: number;
  readonly end: number;
  /** Growth per hour after warm-up, in the figure's unit. */
  readonly perHour: number;
  /** What the figure would grow by in 24 h at that rate. */
  readonly projected24h: number;
  /** The allowance it was judged against, in words. */
  readonly rule: string;
}

const HOUR_MS = 3_600_000;

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Least-squares slope of value over time, per hour; 0 for fewer than two distinct times. */
export function slopePerHour(points: readonly { atMs: number; value: number }[]): number {
  if (points.length < 2) return 0;
  const meanT = points.reduce((sum, point) => sum + point.atMs, 0) / points.length;
  const meanV = points.reduce((sum, point) => sum + point.value, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (const point of points) {
    numerator += (point.atMs - meanT) * (point.value - meanV);
    denominator += (point.atMs - meanT) ** 2;
  }
  return denominator === 0 ? 0 : (numerator / denominator) * HOUR_MS;
}

const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * One point per window of `windowMs`: its middle and `reduce` of its values. The heap's floor per window (its lowest
 * reading) is what survives collections; its sawtooth between them would read as a trend over a short run.
 */
export function windowed(
  points: readonly { atMs: number; value: number }[],
  windowMs: number,
  reduce: (values: readonly number[]) => number,
): { atMs: number; value: number }[] {
  const first = points[0]?.atMs ?? 0;
  const buckets = new Map<number, number[]>();
  for (const point of points) {
    const bucket = Math.floor((point.atMs - first) / windowMs);
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), point.value]);
  }
  return [...buckets.entries()].map(([bucket, values]) => ({
    atMs: first + (bucket + 0.5) * windowMs,
    value: reduce(values),
  }));
}

/** Judges each figure of `samples` taken after `warmupMs` from the first sample. */
export function judgeSoak(samples: readonly SoakSample[], warmupMs: number): CurveVerdict[] {
  const firstAt = samples[0]?.atMs ?? 0;
  const steady = samples.filter((sample) => sample.atMs - firstAt >= warmupMs);
  const tail = steady.slice(Math.floor(steady.length * 0.9));

  const drift = (
    figure: 'heap' | 'rss' | 'fds',
    pick: (sample: SoakSample) => number | undefined,
    allowance: (level: number) => number,
    rule: string,
  ): CurveVerdict => {
    const points = steady.flatMap((sample) => {
      const value = pick(sample);
      return value === undefined || !Number.isFinite(value) ? [] : [{ atMs: sample.atMs, value }];
    });
    const start = median(points.map((point) => point.value));
    // Windows of a twelfth of the judged span (10 min of a 2-h run): the floor of each is the trend's point, and
    // the later half of them the trend.
    const span = (points.at(-1)?.atMs ?? 0) - (points[0]?.atMs ?? 0);
    const floors = windowed(points, Math.max(1, span / 12 + 1), (values) => Math.min(...values));
    const perHour = slopePerHour(floors.slice(Math.floor(floors.length / 2)));
    const projected24h = perHour * 24;
    return {
      figure,
      flat: points.length >= 2 && projected24h <= allowance(start),
      start: round(start),
      end: round(median(tail.flatMap((sample) => pick(sample) ?? []))),
      perHour: round(perHour),
      projected24h: round(projected24h),
      rule,
    };
  };

  const thirds = Math.max(1, Math.floor(steady.length / 3));
  const loopStart = median(steady.slice(0, thirds).map((sample) => sample.loopP99Ms));
  const loopEnd = median(steady.slice(-thirds).map((sample) => sample.loopP99Ms));
  const loopPoints = steady.map((sample) => ({ atMs: sample.atMs, value: sample.loopP99Ms }));
  const loopPerHour = slopePerHour(loopPoints);

  const measuredDisk = steady.filter((sample) => Number.isFinite(sample.diskMb));
  const half = Math.floor(measuredDisk.length / 2);
  const diskRate = (part: readonly SoakSample[]): number =>
    slopePerHour(part.map((sample) => ({ atMs: sample.atMs, value: sample.diskMb })));
  const firstRate = diskRate(measuredDisk.slice(0, half + 1));
  const secondRate = diskRate(measuredDisk.slice(half));
  const diskPerHour = diskRate(measuredDisk);

  return [
    drift(
      'heap',
      steady.some((sample) => sample.heapAfterGcMb !== undefined)
        ? (sample) => sample.heapAfterGcMb
        : (sample) => sample.heapUsedMb,
      (level) => Math.max(20, level * 0.2),
      '24-h growth ≤ max(20 MB, 20 %)',
    ),
    drift(
      'rss',
      (sample) => sample.rssMb,
      (level) => Math.max(40, level * 0.25),
      '24-h growth ≤ max(40 MB, 25 %)',
    ),
    drift(
      'fds',
      (sample) => sample.fds,
      () => 5,
      '24-h growth ≤ 5',
    ),
    {
      figure: 'event-loop p99',
      flat: steady.length >= 3 && loopEnd <= loopStart * 1.5 + 5,
      start: round(loopStart),
      end: round(loopEnd),
      perHour: round(loopPerHour),
      projected24h: round(loopPerHour * 24),
      rule: 'last third ≤ 1.5 × first third + 5 ms',
    },
    {
      figure: 'disk',
      flat: measuredDisk.length >= 3 && secondRate <= firstRate * 1.5 + 1,
      start: round(median(measuredDisk.slice(0, 1).map((sample) => sample.diskMb))),
      end: round(measuredDisk.at(-1)?.diskMb ?? Number.NaN),
      perHour: round(diskPerHour),
      projected24h: round(diskPerHour * 24),
      rule: 'steady: 2nd-half rate ≤ 1.5 × 1st-half + 1 MB/h',
    },
  ];
}
