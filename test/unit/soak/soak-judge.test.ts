import { describe, expect, it } from 'vitest';
import { judgeSoak, slopePerHour, type SoakSample } from '../../soak/soak-judge';

const MINUTE = 60_000;

/** Two hours of samples every 10 s, each figure from `shape(minutes)`, with a garbage collector's sawtooth on heap. */
function run(shape: (minutes: number) => Partial<SoakSample>): SoakSample[] {
  return Array.from({ length: 720 }, (_, index) => {
    const minutes = index / 6;
    return {
      atMs: 1_800_000_000_000 + index * 10_000,
      heapUsedMb: 80 + (index % 30) * 1.5,
      rssMb: 400,
      fds: 160,
      loopP99Ms: 20 + (index % 7),
      diskMb: 40 + minutes * 4,
      ...shape(minutes),
    };
  });
}

describe('soak judgement', () => {
  it('measures a slope per hour', () => {
    expect(
      slopePerHour([
        { atMs: 0, value: 1 },
        { atMs: 1_800_000, value: 2 },
      ]),
    ).toBeCloseTo(2);
    expect(slopePerHour([{ atMs: 0, value: 1 }])).toBe(0);
  });

  it('judges a healthy ward flat: sawtooth heap, steady RSS and fds, disk growing at a steady rate', () => {
    const verdicts = judgeSoak(
      run(() => ({})),
      10 * MINUTE,
    );
    expect(verdicts.map((verdict) => [verdict.figure, verdict.flat])).toEqual([
      ['heap', true],
      ['rss', true],
      ['fds', true],
      ['event-loop p99', true],
      ['disk', true],
    ]);
  });

  it('catches a slow leak of each kind, a loop that slows down and disk use that accelerates', () => {
    const leaking = judgeSoak(
      run((minutes) => ({
        heapUsedMb: 80 + minutes * 0.1, // 6 MB/h: 144 MB a day
        rssMb: 400 + minutes * 0.2,
        fds: 160 + Math.floor(minutes / 20), // a socket every 20 min
        loopP99Ms: 20 + minutes * 0.5,
        diskMb: 40 + minutes * minutes * 0.05,
      })),
      10 * MINUTE,
    );
    expect(leaking.filter((verdict) => !verdict.flat).map((verdict) => verdict.figure)).toEqual([
      'heap',
      'rss',
      'fds',
      'event-loop p99',
      'disk',
    ]);
    expect(leaking.find((verdict) => verdict.figure === 'heap')?.perHour).toBeCloseTo(6, 0);
  });

  it('takes a level that settles early for what it is, not a leak: descriptors and RSS step up, then hold', () => {
    const settling = judgeSoak(
      run((minutes) => ({
        fds: 159 + Math.min(4, Math.floor(minutes / 12)), // 159 → 163 by minute 48, then flat to the end
        rssMb: 460 + Math.min(15, minutes / 4),
      })),
      10 * MINUTE,
    );
    expect(settling.filter((verdict) => !verdict.flat).map((verdict) => verdict.figure)).toEqual([]);
  });

  it('judges the heap by its live set where the probe forced collections: old garbage is not a leak, a growing live set is', () => {
    // Raw readings climb 10 MB/h with garbage a collection would free; the readings after a collection hold at 45.
    const garbage = (minutes: number, index: number): Partial<SoakSample> => ({
      heapUsedMb: 60 + minutes / 6 + (index % 30),
      ...(index % 6 === 0 ? { heapAfterGcMb: 45 } : {}),
    });
    const withIndex = (shape: (minutes: number, index: number) => Partial<SoakSample>): SoakSample[] => {
      let index = 0;
      return run((minutes) => shape(minutes, index++));
    };
    const heapOf = (samples: SoakSample[]) =>
      judgeSoak(samples, 10 * MINUTE).find((verdict) => verdict.figure === 'heap');
    expect(heapOf(withIndex(garbage))?.flat).toBe(true);
    const leaking = heapOf(
      withIndex((minutes, index) => ({
        ...garbage(minutes, index),
        ...(index % 6 === 0 ? { heapAfterGcMb: 45 + minutes * 0.05 } : {}), // 3 MB/h live: 72 MB a day
      })),
    );
    expect(leaking?.flat).toBe(false);
    expect(leaking?.perHour).toBeCloseTo(3, 0);
  });

  it('never calls a run too short to judge flat', () => {
    expect(judgeSoak(run(() => ({})).slice(0, 1), 0).every((verdict) => !verdict.flat)).toBe(true);
  });
});
