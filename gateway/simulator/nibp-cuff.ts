/**
 * The monitor's non-invasive blood-pressure cuff: a measurement every few minutes, with the cuff's own error,
 * held until the next. Draws from its own random stream, so how often numerics are read changes nothing else.
 */
import type { SeededRandom } from './seeded-random';
import type { Vitals } from './vital-state';

/** One cuff measurement. */
export interface NibpReading {
  readonly sys: number;
  readonly dia: number;
  readonly atMs: number;
}

/** A cuff. */
export class NibpCuff {
  private last: NibpReading | null = null;

  constructor(
    private readonly random: SeededRandom,
    private readonly intervalMs: number,
  ) {}

  /** The latest measurement at `nowMs`, measuring again once the interval has passed. */
  reading(nowMs: number, vitals: Readonly<Vitals>): NibpReading {
    if (this.last === null || nowMs - this.last.atMs >= this.intervalMs) {
      this.last = {
        sys: Math.round(vitals.systolic + 3 * this.random.gaussian()),
        dia: Math.round(vitals.diastolic + 2 * this.random.gaussian()),
        atMs: nowMs,
      };
    }
    return this.last;
  }
}
