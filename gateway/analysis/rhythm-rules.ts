/**
 * The rhythm rules, on one lead's classified beats: pure functions of beat times and classes, so each definition
 * is unit-tested at its boundaries. The lethal and extreme-rate definitions are the PhysioNet/CinC Challenge
 * 2015's (which follow the bedside monitors'): asystole — no QRS for at least 4 s; extreme bradycardia — HR below
 * 40/min for 5 consecutive beats; extreme tachycardia — HR above 140/min for 17 consecutive beats; ventricular
 * tachycardia — 5 or more consecutive ventricular beats above 100/min. The 40 and 140 are the ward policy's
 * extreme limits. The advisories (couplet, run, pause, irregular rhythm) are as bedside monitors have them.
 */

/** What a rule needs of a beat. */
export interface RuleBeat {
  readonly timeS: number;
  readonly ventricular: boolean;
}

/** Seconds without a QRS that is asystole. */
export const ASYSTOLE_SECONDS = 4;
/** Beats of extreme bradycardia and of extreme tachycardia. */
export const BRADY_BEATS = 5;
export const TACHY_BEATS = 17;
/** Consecutive ventricular beats, and their rate, that are ventricular tachycardia. */
export const VT_BEATS = 5;
export const VT_RATE = 100;
/** A run of ventricular beats counts as going on until this long after its last beat. */
export const RUN_HOLD_SECONDS = 2;
/** An RR interval this long is a pause (shorter than asystole). */
export const PAUSE_SECONDS = 2.5;
/** Normal-to-normal intervals the irregularity rule looks at, and the irregularity that is AFib. */
export const IRREGULAR_INTERVALS = 24;
export const IRREGULARITY_THRESHOLD = 0.13;

/** Seconds since the last beat (since the lead started when it has none). */
export function secondsWithoutBeat(beats: readonly RuleBeat[], nowS: number, leadStartS: number): number {
  const last = beats[beats.length - 1];
  return nowS - (last === undefined ? leadStartS : last.timeS);
}

/** Mean rate (/min) over the last `count` beats, or null with fewer. */
export function rateOverLast(beats: readonly RuleBeat[], count: number): number | null {
  if (beats.length < count || count < 2) return null;
  const first = beats[beats.length - count] as RuleBeat;
  const last = beats[beats.length - 1] as RuleBeat;
  const span = last.timeS - first.timeS;
  return span <= 0 ? null : (60 * (count - 1)) / span;
}

/**
 * Extreme bradycardia: the median rate over the last 5 beats below `limitBpm` — or over the last 4 beats and the
 * interval still running, when it is longer (a heart slowing further stays in the condition); the rate, or null.
 * Medians keep one long interval from calling it: a heart that stops is asystole at 4 s, not extreme bradycardia
 * on the way there.
 */
export function extremeBradyRate(beats: readonly RuleBeat[], nowS: number, limitBpm: number): number | null {
  const last = beats[beats.length - 1];
  if (last === undefined || nowS - last.timeS > ASYSTOLE_SECONDS) return null;
  const completed = medianRateOverLast(beats, BRADY_BEATS);
  const previous = beats.length >= 2 ? last.timeS - (beats[beats.length - 2] as RuleBeat).timeS : Infinity;
  const slowing = beats.length >= BRADY_BEATS && nowS - last.timeS > previous;
  const running = slowing
    ? medianRateOverLast([...beats.slice(-(BRADY_BEATS - 1)), { timeS: nowS, ventricular: false }], BRADY_BEATS)
    : null;
  const rates = [completed, running].filter((rate): rate is number => rate !== null);
  if (rates.length === 0) return null;
  const rate = Math.min(...rates);
  return rate < limitBpm ? Math.round(rate) : null;
}

/**
 * The rate (/min) of the median RR interval over the last `count` beats, or null with fewer: one missed or one
 * extra beat moves a mean (and would call or miss an extreme rate) but not the median.
 */
export function medianRateOverLast(beats: readonly RuleBeat[], count: number): number | null {
  if (beats.length < count || count < 2) return null;
  const intervals: number[] = [];
  for (let i = beats.length - count + 1; i < beats.length; i += 1)
    intervals.push((beats[i] as RuleBeat).timeS - (beats[i - 1] as RuleBeat).timeS);
  intervals.sort((a, b) => a - b);
  const middle = Math.floor(intervals.length / 2);
  const median =
    intervals.length % 2 === 1
      ? (intervals[middle] as number)
      : ((intervals[middle - 1] as number) + (intervals[middle] as number)) / 2;
  return median <= 0 ? null : 60 / median;
}

/** Extreme tachycardia: the median rate over the last 17 beats above `limitBpm` (the last beat recent); the rate, or null. */
export function extremeTachyRate(beats: readonly RuleBeat[], nowS: number, limitBpm: number): number | null {
  const rate = medianRateOverLast(beats, TACHY_BEATS);
  if (rate === null || nowS - (beats[beats.length - 1] as RuleBeat).timeS > RUN_HOLD_SECONDS) return null;
  return rate > limitBpm ? Math.round(rate) : null;
}

/** The run of consecutive ventricular beats that ends with the last beat: its length and rate (/min, null under 2). */
export function ventricularRun(beats: readonly RuleBeat[], nowS: number): { beats: number; rate: number | null } {
  let count = 0;
  for (let i = beats.length - 1; i >= 0 && (beats[i] as RuleBeat).ventricular; i -= 1) count += 1;
  const last = beats[beats.length - 1];
  if (count === 0 || last === undefined || nowS - last.timeS > RUN_HOLD_SECONDS) return { beats: 0, rate: null };
  return { beats: count, rate: count < 2 ? null : rateOverLast(beats, count) };
}

/**
 * The longest run of consecutive ventricular beats whose last beat lies in the last `withinS` seconds, ended or
 * not: a couplet is over with the next normal beat, but it happened, and an advisory must be able to say so.
 */
export function recentVentricularRun(
  beats: readonly RuleBeat[],
  nowS: number,
  withinS: number,
): { beats: number; rate: number | null } {
  let best = { beats: 0, rate: null as number | null };
  let count = 0;
  for (let i = 0; i < beats.length; i += 1) {
    const beat = beats[i] as RuleBeat;
    count = beat.ventricular ? count + 1 : 0;
    if (count === 0 || beat.timeS < nowS - withinS || count <= best.beats) continue;
    const run = beats.slice(i - count + 1, i + 1);
    best = { beats: count, rate: count < 2 ? null : rateOverLast(run, count) };
  }
  return best;
}

/** Ventricular tachycardia: the run's rate, or null. */
export function ventricularTachycardiaRate(beats: readonly RuleBeat[], nowS: number): number | null {
  const run = ventricularRun(beats, nowS);
  return run.beats >= VT_BEATS && run.rate !== null && run.rate > VT_RATE ? Math.round(run.rate) : null;
}

/**
 * The longest completed RR interval ending in the last `withinS` seconds. The running interval does not count: a
 * pause is over when the next beat comes; if it never does, that is asystole at 4 s, not a pause alarm before it.
 */
export function longestRecentInterval(beats: readonly RuleBeat[], nowS: number, withinS: number): number {
  let longest = 0;
  for (let i = beats.length - 1; i > 0; i -= 1) {
    const beat = beats[i] as RuleBeat;
    if (beat.timeS < nowS - withinS) break;
    longest = Math.max(longest, beat.timeS - (beats[i - 1] as RuleBeat).timeS);
  }
  return longest;
}

/**
 * Irregularity of the normal-to-normal intervals: their mean absolute successive difference over their mean
 * (sinus arrhythmia stays under ~0.05; atrial fibrillation's irregularly irregular rhythm is well over 0.1).
 * Null with too few normal intervals.
 */
export function rhythmIrregularity(beats: readonly RuleBeat[]): number | null {
  const intervals: number[] = [];
  for (let i = beats.length - 1; i > 0 && intervals.length < IRREGULAR_INTERVALS; i -= 1) {
    const beat = beats[i] as RuleBeat;
    const before = beats[i - 1] as RuleBeat;
    if (!beat.ventricular && !before.ventricular) intervals.push(beat.timeS - before.timeS);
  }
  if (intervals.length < IRREGULAR_INTERVALS / 2) return null;
  const mean = intervals.reduce((sum, interval) => sum + interval, 0) / intervals.length;
  let successive = 0;
  for (let i = 1; i < intervals.length; i += 1)
    successive += Math.abs((intervals[i] as number) - (intervals[i - 1] as number));
  return successive / (intervals.length - 1) / mean;
}
