/**
 * Full disclosure: every bed's waveforms, stored continuously as hour files per bed and channel
 * (`<root>/<bedId>/<channel>/<hour start ms>.wfd`, chunks of about 4 s, chunk-codec.ts), kept for the retention
 * window (72 h by default) and pruned hour by hour without touching the stream. Appends are queued per file and
 * never awaited by the stream; a strip is read back from the files that cover it, split where samples are missing,
 * skipping torn chunks wherever they are (chunk-codec.ts). A channel whose writes fail is a {@link problem} — the
 * gateway raises it as FULL DISCLOSURE FAILURE at every station — until a write of it succeeds again. Hour files
 * are named by the gateway's clock (the samples' times), so they must be pruned by that clock too.
 */
import { appendFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, type Logger } from '../../common/logging/logger';
import type { ChannelChunk, SourceChannel } from '../sources/bed-source';
import { decodeSamples, encodeChunk, readChunkHeaders } from './chunk-codec';

/** One hour, in ms. */
export const HOUR_MS = 3_600_000;
/** About how much a chunk holds. */
const CHUNK_SECONDS = 4;

/** A stretch of consecutive samples in a strip, exactly as streamed. */
export interface StripSegment {
  readonly startMs: number;
  readonly sampleRate: number;
  /** Physical value = raw × scale + offset. */
  readonly scale: number;
  readonly valueOffset: number;
  /** Raw int16 samples; NO_SAMPLE where the monitor sent no valid sample. */
  readonly samples: Int16Array;
}

/** Counters. */
export interface DisclosureStats {
  chunksWritten: number;
  bytesWritten: number;
  filesPruned: number;
  writeErrors: number;
}

interface Pending {
  channel: SourceChannel;
  startMs: number;
  nextIndex: number;
  /** The ticks' sample arrays as they came (copied once each), joined when the chunk is written. */
  parts: Int16Array[];
  count: number;
}

/** Where a bed id or channel key may go on disk (they come from our census; checked all the same). */
const SAFE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The store. */
export class DisclosureStore {
  private readonly pending = new Map<string, Pending>();
  private readonly writes = new Map<string, Promise<void>>();
  /**
   * Channels (bed and channel folder) whose last write failed, with why. Keyed by channel, not by file: a write that
   * failed in one hour's file and succeeds in the next hour's is a recovered channel — keyed by file, the old hour's
   * entry was never written again and FULL DISCLOSURE FAILURE stood for good (seen in a disk-full fault run that
   * crossed an hour).
   */
  private readonly failing = new Map<string, string>();
  private readonly problemListeners = new Set<() => void>();
  readonly stats: DisclosureStats = { chunksWritten: 0, bytesWritten: 0, filesPruned: 0, writeErrors: 0 };

  constructor(
    private readonly root: string,
    private readonly logger: Logger,
  ) {}

  /** Takes one tick's new samples of a bed (called by the stream hub; never blocks it). */
  record(bedId: string, chunks: readonly ChannelChunk[], channels: readonly SourceChannel[]): void {
    if (!SAFE_NAME.test(bedId)) return;
    for (const chunk of chunks) {
      if (chunk.samples.length === 0) continue;
      const channel = channels.find((candidate) => candidate.key === chunk.key);
      if (channel === undefined) continue;
      const key = `${bedId}/${chunk.key}`;
      let open = this.pending.get(key);
      const hour = Math.floor(chunk.firstSampleTimeMs / HOUR_MS);
      // A gap (missed samples), a new hour or a full chunk closes the open chunk.
      if (
        open !== undefined &&
        (open.nextIndex !== chunk.firstSampleIndex ||
          Math.floor(open.startMs / HOUR_MS) !== hour ||
          open.count >= CHUNK_SECONDS * channel.sampleRate)
      ) {
        this.flush(bedId, open);
        open = undefined;
      }
      if (open === undefined) {
        open = { channel, startMs: chunk.firstSampleTimeMs, nextIndex: chunk.firstSampleIndex, parts: [], count: 0 };
        this.pending.set(key, open);
      }
      // A copy: a source may reuse its arrays from one tick to the next.
      open.parts.push(chunk.samples.slice());
      open.count += chunk.samples.length;
      open.nextIndex = chunk.firstSampleIndex + chunk.samples.length;
    }
  }

  /** Writes every open chunk (at shutdown, and before reading the present). */
  async flushAll(): Promise<void> {
    for (const [key, open] of this.pending) {
      this.flush(key.split('/')[0] as string, open);
    }
    this.pending.clear();
    await Promise.all(this.writes.values());
  }

  private flush(bedId: string, open: Pending): void {
    if (open.count === 0) return;
    const samples = new Int16Array(open.count);
    let at = 0;
    for (const part of open.parts) {
      samples.set(part, at);
      at += part.length;
    }
    open.parts = [];
    open.count = 0;
    const hourStart = Math.floor(open.startMs / HOUR_MS) * HOUR_MS;
    const bytes = encodeChunk({
      offsetMs: open.startMs - hourStart,
      sampleRate: open.channel.sampleRate,
      scale: open.channel.scale,
      valueOffset: open.channel.offset,
      samples,
    });
    const folder = join(this.root, bedId, open.channel.key);
    const file = join(folder, `${hourStart}.wfd`);
    const previous = this.writes.get(file) ?? Promise.resolve();
    const next = previous
      .then(() => mkdir(folder, { recursive: true }))
      .then(() => appendFile(file, bytes))
      .then(() => {
        this.stats.chunksWritten += 1;
        this.stats.bytesWritten += bytes.byteLength;
        if (this.failing.delete(folder)) this.problemChanged();
      })
      .catch((error: unknown) => {
        this.stats.writeErrors += 1;
        const reason = describeError(error);
        if (!this.failing.has(folder))
          this.logger.error('full disclosure could not be written', { file, reason: describeError(error) });
        const fresh = this.failing.size === 0;
        this.failing.set(folder, reason);
        if (fresh) this.problemChanged();
      });
    this.writes.set(file, next);
    void next.then(() => {
      if (this.writes.get(file) === next) this.writes.delete(file);
    });
  }

  /** Why waveforms are not being kept now (some channel's last write failed), or null. */
  problem(): string | null {
    if (this.failing.size === 0) return null;
    const [first] = this.failing.values();
    return `${this.failing.size} channel${this.failing.size === 1 ? '' : 's'} not recorded: ${first ?? ''}`;
  }

  /** Calls `listener` whenever {@link problem} appears or clears; returns the unsubscribe. */
  onProblemChange(listener: () => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  private problemChanged(): void {
    for (const listener of this.problemListeners) listener();
  }

  /** The samples of one bed's channel between two times (ms), as segments split at gaps. */
  async strip(bedId: string, channelKey: string, fromMs: number, toMs: number): Promise<StripSegment[]> {
    if (!SAFE_NAME.test(bedId) || !SAFE_NAME.test(channelKey) || !(toMs > fromMs)) return [];
    const open = this.pending.get(`${bedId}/${channelKey}`);
    if (open !== undefined && open.startMs < toMs) await this.flushAll();
    const segments: StripSegment[] = [];
    for (let hour = Math.floor(fromMs / HOUR_MS) * HOUR_MS; hour < toMs; hour += HOUR_MS) {
      let file: Uint8Array;
      try {
        file = await readFile(join(this.root, bedId, channelKey, `${hour}.wfd`));
      } catch {
        continue;
      }
      const { headers, damagedAt, skippedBytes } = readChunkHeaders(file);
      if (damagedAt !== null)
        this.logger.warn('skipped damaged full-disclosure bytes (a torn write)', {
          file: `${bedId}/${channelKey}/${hour}.wfd`,
          damagedAt,
          skippedBytes,
        });
      for (const header of headers) {
        const startMs = hour + header.offsetMs;
        const endMs = startMs + (header.count * 1000) / header.sampleRate;
        if (endMs <= fromMs || startMs >= toMs) continue;
        const first = Math.max(0, Math.ceil(((fromMs - startMs) * header.sampleRate) / 1000 - 1e-9));
        const last = Math.min(header.count, Math.ceil(((toMs - startMs) * header.sampleRate) / 1000 - 1e-9));
        if (last <= first) continue;
        const samples = decodeSamples(file, header).slice(first, last);
        const segmentStart = startMs + (first * 1000) / header.sampleRate;
        const previous = segments.at(-1);
        // Chunks that follow each other without a gap are one segment.
        if (
          previous !== undefined &&
          previous.sampleRate === header.sampleRate &&
          Math.abs(previous.startMs + (previous.samples.length * 1000) / previous.sampleRate - segmentStart) <
            500 / header.sampleRate
        ) {
          const joined = new Int16Array(previous.samples.length + samples.length);
          joined.set(previous.samples);
          joined.set(samples, previous.samples.length);
          segments[segments.length - 1] = { ...previous, samples: joined };
        } else {
          segments.push({
            startMs: segmentStart,
            sampleRate: header.sampleRate,
            scale: header.scale,
            valueOffset: header.valueOffset,
            samples,
          });
        }
      }
    }
    return segments;
  }

  /** Deletes hour files that ended before `nowMs - retentionMs` (`nowMs` on the gateway clock); returns how many. */
  async prune(nowMs: number, retentionMs: number): Promise<number> {
    const cutoff = nowMs - retentionMs;
    let pruned = 0;
    const beds = await readdir(this.root).catch(() => [] as string[]);
    for (const bed of beds) {
      const channels = await readdir(join(this.root, bed)).catch(() => [] as string[]);
      for (const channel of channels) {
        for (const name of await readdir(join(this.root, bed, channel)).catch(() => [] as string[])) {
          const hour = Number(name.replace(/\.wfd$/, ''));
          if (!Number.isFinite(hour) || hour + HOUR_MS > cutoff) continue;
          await rm(join(this.root, bed, channel, name), { force: true });
          pruned += 1;
        }
      }
    }
    this.stats.filesPruned += pruned;
    return pruned;
  }

  /** Bytes on disk, by walking the folder (for the benchmark and the README's footprint). */
  async diskBytes(): Promise<number> {
    let total = 0;
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else total += (await stat(path)).size;
      }
    };
    await walk(this.root);
    return total;
  }
}
