/**
 * A device's wave bursts played out on the gateway's clock (device-wave-feed.ts): a steady stream at the channel's
 * rate across bursts, resampled when the device's rate differs, a gap (and a new timeline) after the device paused,
 * and a sender faster than real time dropped and counted instead of buffered without bound.
 */
import { describe, expect, it } from 'vitest';
import { FRAME_FLAGS } from '../../../../common/wire/waveform-frame';
import { DeviceWaveFeed, MAX_BUFFER_MS, resample } from '../../../../gateway/devices/device-wave-feed';

const ECG = { key: 'ECG_II', sampleRate: 250, unit: 'mV', scale: 0.001, offset: 0 } as const;
const second = (value = 0.5, length = 250): Float64Array => new Float64Array(length).fill(value);

describe('DeviceWaveFeed', () => {
  it('plays a one-second burst over one second from its arrival, then the next burst right after it', () => {
    const feed = new DeviceWaveFeed(ECG);
    feed.feed(second(0.5), 250, 10_000);
    const first = feed.take(10_000);
    expect(first).toMatchObject({ firstSampleIndex: 0, firstSampleTimeMs: 10_000, flags: 0 });
    expect(first?.samples.length).toBe(1);
    expect(first?.samples[0]).toBe(500);
    expect(feed.take(10_499)?.samples.length).toBe(124);
    // The next burst arrives a little early: it continues the timeline, no gap.
    feed.feed(second(0.25), 250, 10_990);
    const rest = feed.take(11_999);
    expect(rest).toMatchObject({ firstSampleIndex: 125, firstSampleTimeMs: 10_500, flags: 0 });
    expect(rest?.samples.length).toBe(375);
    expect(rest?.samples[125]).toBe(250);
    expect(feed.take(12_500)).toBeNull();
  });

  it('starts a new timeline, marked as a gap, after the device paused', () => {
    const feed = new DeviceWaveFeed(ECG);
    feed.feed(second(), 250, 0);
    feed.take(1000);
    feed.feed(second(), 250, 5000);
    const resumed = feed.take(5000);
    expect(resumed).toMatchObject({ firstSampleIndex: 250, firstSampleTimeMs: 5000, flags: FRAME_FLAGS.gapBefore });
    expect(feed.take(5100)?.flags).toBe(0);
    expect(feed.counts.gaps).toBe(1);
  });

  it('drops what a sender faster than real time sends beyond the buffer, and counts it', () => {
    const feed = new DeviceWaveFeed(ECG);
    let accepted = 0;
    for (let burst = 0; burst < 10; burst += 1) if (feed.feed(second(), 250, 0)) accepted += 1;
    expect(accepted).toBe(MAX_BUFFER_MS / 1000);
    expect(feed.counts.samplesDropped).toBe(250 * (10 - accepted));
  });

  it('resamples a 500 Hz wave to the channel’s 250 Hz over the same time', () => {
    const feed = new DeviceWaveFeed(ECG);
    const ramp = Float64Array.from({ length: 500 }, (_, i) => i / 500);
    feed.feed(ramp, 500, 0);
    const chunk = feed.take(1000);
    expect(chunk?.samples.length).toBe(250);
    expect(chunk?.samples[100]).toBe(400);
  });

  it('brings a unitless wave in a device’s own range (0–4095) to 0–1, without clipping or steps', () => {
    const pleth = new DeviceWaveFeed({ key: 'PLETH', sampleRate: 125, unit: 'NU', scale: 0.0001, offset: 0 }, true);
    const wave = Float64Array.from({ length: 125 }, (_, i) => 2048 + 2000 * Math.sin((i / 125) * 2 * Math.PI));
    pleth.feed(wave, 125, 0);
    const raw = Array.from(pleth.take(1000)?.samples ?? []);
    expect(Math.max(...raw)).toBe(10_000);
    expect(Math.min(...raw)).toBe(0);
    expect(new Set(raw).size).toBeGreaterThan(100);
  });

  it('keeps a missing sample missing', () => {
    expect(Array.from(resample(Float64Array.from([1, Number.NaN, 3]), 3, 3))).toEqual([1, Number.NaN, 3]);
    const feed = new DeviceWaveFeed(ECG);
    feed.feed(Float64Array.from([0.1, Number.NaN, 0.3]), 250, 0);
    expect(Array.from(feed.take(100)?.samples ?? [])).toEqual([100, -32768, 300]);
  });
});
