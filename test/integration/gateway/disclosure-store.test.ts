/**
 * Full disclosure on disk: a strip that spans chunk boundaries, an hour boundary and a gap comes back exactly as
 * streamed (every int16 sample, every start time); retention prunes whole hours and nothing newer, by the gateway
 * clock even when the system clock steps; a torn chunk (the gateway stopped mid-write) hides neither the chunks
 * before it nor those appended after it, and never reads as samples.
 */
import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startDisclosurePruner } from '../../../gateway/disclosure/disclosure-pruner';
import { NO_SAMPLE } from '../../../common/wire/waveform-frame';
import { DisclosureStore, HOUR_MS } from '../../../gateway/disclosure/disclosure-store';
import type { ChannelChunk, SourceChannel } from '../../../gateway/sources/bed-source';
import { createRecordingLogger } from '../../support/recording-logger';

const ECG: SourceChannel = { key: 'ECG_II', sampleRate: 250, unit: 'mV', scale: 0.001, offset: 0 };
const RESP: SourceChannel = { key: 'RESP', sampleRate: 62.5, unit: 'Ω', scale: 0.01, offset: -1 };

/** A sample's value: varied, with big jumps (multi-byte deltas) and invalid samples now and then. */
function sampleAt(index: number): number {
  if (index % 997 === 0) return NO_SAMPLE;
  return Math.round(3000 * Math.sin(index / 17) + (index % 50 === 0 ? 20000 : 0)) % 32767;
}

/** Streams `seconds` of a channel in 40 ms ticks from sample `fromIndex`, as the stream hub would. */
function stream(
  store: DisclosureStore,
  channel: SourceChannel,
  zeroMs: number,
  fromIndex: number,
  seconds: number,
): void {
  const perTick = channel.sampleRate * 0.04;
  let index = fromIndex;
  let carried = 0;
  for (let tick = 0; tick < seconds * 25; tick += 1) {
    carried += perTick;
    const count = Math.floor(carried);
    carried -= count;
    const samples = Int16Array.from({ length: count }, (_, i) => sampleAt(index + i));
    const chunk: ChannelChunk = {
      key: channel.key,
      firstSampleIndex: index,
      firstSampleTimeMs: zeroMs + (index * 1000) / channel.sampleRate,
      flags: 0,
      samples,
    };
    store.record('bed-01', [chunk], [ECG, RESP]);
    index += count;
  }
}

describe('full disclosure store', () => {
  it('returns a strip across chunk, hour and gap boundaries exactly as streamed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wardwatch-fd-'));
    const store = new DisclosureStore(root, createRecordingLogger());
    // Sample 0 sits 6 s before an hour boundary; 12 s streamed, a 2 s gap, then 6 s more.
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const zeroMs = hour - 6000;
    stream(store, ECG, zeroMs, 0, 12);
    stream(store, ECG, zeroMs, 14 * 250, 6);
    stream(store, RESP, zeroMs, 0, 20);
    await store.flushAll();
    expect(await readdir(join(root, 'bed-01', 'ECG_II'))).toEqual([`${hour - HOUR_MS}.wfd`, `${hour}.wfd`].sort());

    const segments = await store.strip('bed-01', 'ECG_II', zeroMs + 1000, zeroMs + 18_000);
    expect(segments.map((segment) => [segment.startMs - zeroMs, segment.samples.length])).toEqual([
      [1000, 11 * 250],
      [14_000, 4 * 250],
    ]);
    const expected = (from: number, count: number): Int16Array =>
      Int16Array.from({ length: count }, (_, i) => sampleAt(from + i));
    expect(segments[0]?.samples).toEqual(expected(250, 11 * 250));
    expect(segments[1]?.samples).toEqual(expected(14 * 250, 4 * 250));
    expect(segments[0]).toMatchObject({ sampleRate: 250, scale: expect.closeTo(0.001, 9), valueOffset: 0 });

    const resp = await store.strip('bed-01', 'RESP', zeroMs + 5000, zeroMs + 7000);
    expect(resp).toHaveLength(1);
    expect(resp[0]?.samples).toEqual(expected(Math.ceil(5 * 62.5), Math.ceil(7 * 62.5) - Math.ceil(5 * 62.5)));
  });

  it('prunes whole hours older than the retention window and keeps the rest', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wardwatch-fd-'));
    const store = new DisclosureStore(root, createRecordingLogger());
    const now = Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 1000;
    for (let hoursAgo = 0; hoursAgo < 80; hoursAgo += 1) {
      const zeroMs = now - hoursAgo * HOUR_MS - 2000;
      stream(store, RESP, zeroMs, 0, 1);
    }
    await store.flushAll();
    expect(await readdir(join(root, 'bed-01', 'RESP'))).toHaveLength(80);
    const pruned = await store.prune(now, 72 * HOUR_MS);
    const kept = (await readdir(join(root, 'bed-01', 'RESP'))).map((name) => Number(name.replace('.wfd', '')));
    expect(pruned).toBe(80 - kept.length);
    expect(Math.min(...kept) + HOUR_MS).toBeGreaterThan(now - 72 * HOUR_MS);
    expect(kept.length).toBeGreaterThanOrEqual(72);
  });

  it('reads the chunks before a torn last chunk', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wardwatch-fd-'));
    const store = new DisclosureStore(root, createRecordingLogger());
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    stream(store, ECG, hour + 1000, 0, 8);
    await store.flushAll();
    await appendFile(
      join(root, 'bed-01', 'ECG_II', `${hour}.wfd`),
      Buffer.from([0x44, 0x57, 1, 0, 200, 0, 0, 0, 1, 2, 3]),
    );
    const segments = await store.strip('bed-01', 'ECG_II', hour + 1000, hour + 9000);
    expect(segments.reduce((total, segment) => total + segment.samples.length, 0)).toBe(8 * 250);
  });

  it('skips a torn chunk followed by more appends: every whole chunk reads, exactly, and no garbage', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wardwatch-fd-'));
    const logger = createRecordingLogger();
    const store = new DisclosureStore(root, logger);
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    stream(store, ECG, hour + 1000, 0, 8);
    await store.flushAll();
    // A chunk header whose payload never made it to disk (it claims 2000 bytes; 3 were written)…
    await appendFile(
      join(root, 'bed-01', 'ECG_II', `${hour}.wfd`),
      Buffer.from([0x44, 0x57, 2, 0, 0xd0, 0x07, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
    );
    // …and the gateway, restarted, goes on appending to the same hour file.
    const restarted = new DisclosureStore(root, logger);
    stream(restarted, ECG, hour + 1000, 8 * 250, 8);
    await restarted.flushAll();
    const segments = await restarted.strip('bed-01', 'ECG_II', hour + 1000, hour + 17_000);
    const samples = segments.flatMap((segment) => Array.from(segment.samples));
    expect(samples).toEqual(Array.from({ length: 16 * 250 }, (_, i) => sampleAt(i)));
    expect(logger.lines.some((line) => line.message.startsWith('skipped damaged full-disclosure bytes'))).toBe(true);
  });

  it('prunes by the gateway clock that names the files: a system clock stepped 30 days ahead deletes nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wardwatch-fd-'));
    const store = new DisclosureStore(root, createRecordingLogger());
    const gatewayNow = Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 1000;
    for (let hoursAgo = 0; hoursAgo < 5; hoursAgo += 1)
      stream(store, RESP, gatewayNow - hoursAgo * HOUR_MS - 2000, 0, 1);
    await store.flushAll();
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    try {
      vi.setSystemTime(Date.now() + 30 * 24 * HOUR_MS);
      const stop = startDisclosurePruner(
        store,
        () => 72,
        createRecordingLogger(),
        () => gatewayNow,
      );
      await vi.advanceTimersByTimeAsync(6000);
      stop();
    } finally {
      vi.useRealTimers();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readdir(join(root, 'bed-01', 'RESP'))).toHaveLength(5);
  });

  it('names a failing write as its problem until a write succeeds again', async () => {
    const base = await mkdtemp(join(tmpdir(), 'wardwatch-fd-'));
    // The store's folder cannot be made: a file stands where it should be.
    await writeFile(join(base, 'blocked'), 'not a folder');
    const logger = createRecordingLogger();
    const store = new DisclosureStore(join(base, 'blocked', 'disclosure'), logger);
    const changes: (string | null)[] = [];
    store.onProblemChange(() => changes.push(store.problem()));
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    stream(store, ECG, hour + 1000, 0, 8);
    await store.flushAll();
    expect(store.problem()).toMatch(/^1 channel not recorded: .*(ENOTDIR|EEXIST)/);
    expect(store.stats.writeErrors).toBeGreaterThan(1);
    // Logged once per failing file, not once per chunk.
    expect(logger.lines.filter((line) => line.message === 'full disclosure could not be written')).toHaveLength(1);
    await rm(join(base, 'blocked'));
    stream(store, ECG, hour + 1000, 8 * 250, 4);
    await store.flushAll();
    expect(store.problem()).toBeNull();
    expect(changes).toEqual([expect.stringMatching(/not recorded/), null]);
  });

  it('clears the problem when the channel writes again in the next hour’s file (a failure must not stand for good)', async () => {
    const base = await mkdtemp(join(tmpdir(), 'wardwatch-fd-'));
    await writeFile(join(base, 'blocked'), 'not a folder');
    const store = new DisclosureStore(join(base, 'blocked', 'disclosure'), createRecordingLogger());
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    // The last seconds of one hour fail; the disk is back once the next hour has begun.
    stream(store, ECG, hour - 6000, 0, 4);
    await store.flushAll();
    expect(store.problem()).toMatch(/^1 channel not recorded/);
    await rm(join(base, 'blocked'));
    stream(store, ECG, hour + 1000, 0, 4);
    await store.flushAll();
    expect(store.problem()).toBeNull();
  });

  it('refuses names that are not plain identifiers', async () => {
    const store = new DisclosureStore(await mkdtemp(join(tmpdir(), 'wardwatch-fd-')), createRecordingLogger());
    expect(await store.strip('../etc', 'ECG_II', 0, 1000)).toEqual([]);
    expect(await store.strip('bed-01', 'ECG_II', 1000, 0)).toEqual([]);
  });
});
