/**
 * The ring buffer the worker writes and the render loop reads: wrap-around, gaps, NaN samples, restarts, rate
 * changes and clock jumps.
 */
import { describe, expect, it } from 'vitest';
import { ChannelRing, ringCapacity } from '../../../../renderer/stream/channel-ring';

function frame(
  firstIndex: number,
  values: readonly number[],
  overrides: Partial<Parameters<ChannelRing['write']>[0]> = {},
) {
  return {
    firstIndex,
    firstTimeMs: 1_000_000 + (firstIndex * 1000) / 250,
    sampleRate: 250,
    flags: 0,
    arrivalMs: 1_000_000 + ((firstIndex + values.length) * 1000) / 250 + 5,
    sentAtMs: 1_000_000 + ((firstIndex + values.length) * 1000) / 250 + 1,
    count: values.length,
    valueAt: (i: number) => values[i] as number,
    ...overrides,
  };
}

describe('channel ring', () => {
  it('sizes to a power of two holding the requested seconds', () => {
    expect(ringCapacity(250)).toBe(8192);
    expect(ringCapacity(62.5)).toBe(2048);
    expect(ringCapacity(500)).toBe(16384);
  });

  it('keeps the newest samples across wrap-around and forgets the overwritten ones', () => {
    const ring = ChannelRing.create(250, false, 1);
    const capacity = ring.capacity;
    for (let start = 0; start < capacity * 3; start += 8)
      ring.write(
        frame(
          start,
          Array.from({ length: 8 }, (_, i) => start + i),
        ),
      );
    const write = ring.writeIndex();
    expect(write).toBe(capacity * 3);
    expect(ring.sample(write - 1)).toBe(write - 1);
    expect(ring.sample(write - capacity)).toBe(write - capacity);
    expect(ring.sample(write - capacity - 1)).toBeNaN();
    expect(ring.sample(write)).toBeNaN();
  });

  it('leaves a gap of NaN where a batch was lost, and keeps NaN samples as NaN', () => {
    const ring = ChannelRing.create(250, false);
    ring.write(frame(0, [1, 2, 3]));
    ring.write(frame(10, [4, Number.NaN, 6]));
    expect([0, 1, 2].map((i) => ring.sample(i))).toEqual([1, 2, 3]);
    for (let i = 3; i < 10; i += 1) expect(ring.sample(i)).toBeNaN();
    expect(ring.sample(10)).toBe(4);
    expect(ring.sample(11)).toBeNaN();
    expect(ring.sample(12)).toBe(6);
  });

  it('starts a new epoch when the stream restarts or changes rate, dropping the old samples', () => {
    const ring = ChannelRing.create(250, false);
    ring.write(frame(5000, [1, 2, 3]));
    const epoch = ring.epoch();
    ring.write(frame(0, [7, 8]));
    expect(ring.epoch()).toBe(epoch + 1);
    expect(ring.sample(5001)).toBeNaN();
    expect(ring.sample(1)).toBe(8);
    ring.write(frame(2, [9], { sampleRate: 500 }));
    expect(ring.epoch()).toBe(epoch + 2);
    expect(ring.sampleRate()).toBe(500);
  });

  it('places the playhead one jitter delay behind the newest sample, across a gateway clock jump', () => {
    const ring = ChannelRing.create(250, false);
    ring.write(frame(0, new Array(250).fill(0)));
    const arrival = 1_000_000 + 1000 + 5;
    // Newest sample is index 249 at gateway time 1_000_996; at arrival with a 200 ms delay the playhead is 50 samples back.
    expect(ring.playheadIndex(arrival, 200)).toBe(199);
    expect(ring.drawableIndex(arrival, 200)).toBe(199);
    // Data late beyond the delay: the trace waits at the newest sample instead of drawing ahead of the data.
    expect(ring.playheadIndex(arrival + 2000, 200)).toBe(699);
    expect(ring.drawableIndex(arrival + 2000, 200)).toBe(249);
    // The gateway's clock jumps ahead by an hour (a restart with a new anchor): the offset follows at once.
    const jump = 3_600_000;
    ring.write(frame(250, new Array(250).fill(0), { firstTimeMs: 1_000_000 + 1000 + jump, arrivalMs: arrival + 1000 }));
    expect(ring.playheadIndex(arrival + 1000, 200)).toBe(449);
    // And back again (a clock stepped back): also taken at once, not after minutes of stale display.
    ring.write(frame(500, new Array(250).fill(0), { firstTimeMs: 1_000_000 + 2000, arrivalMs: arrival + 2000 }));
    expect(ring.playheadIndex(arrival + 2000, 200)).toBe(699);
  });

  it('remembers which batch carried a sample, for latency', () => {
    const ring = ChannelRing.create(250, false);
    ring.write(frame(0, [1, 2, 3], { sentAtMs: 111 }));
    ring.write(frame(3, [4, 5], { sentAtMs: 222 }));
    expect(ring.sentAtOf(1)).toBe(111);
    expect(ring.sentAtOf(4)).toBe(222);
    expect(ring.sentAtOf(9)).toBeNaN();
  });

  it('is shared: a second view over the same SharedArrayBuffer reads what the first wrote', () => {
    const writer = ChannelRing.create(125, true);
    const reader = new ChannelRing(writer.buffer);
    writer.write(frame(0, [3, 1, 4], { sampleRate: 125 }));
    reader.acquire();
    expect(reader.writeIndex()).toBe(3);
    expect(reader.sample(2)).toBe(4);
  });
});

describe('announced discontinuities', () => {
  it('lifts the pen at a recording’s loop point although the indices run on', () => {
    const ring = ChannelRing.create(250, false);
    ring.write(frame(0, [1, 2, 3]));
    ring.write(frame(3, [4, 5], { flags: 1 }));
    expect([0, 1, 2, 3, 4].map((i) => ring.sample(i))).toEqual([1, 2, Number.NaN, 4, 5]);
  });
});
