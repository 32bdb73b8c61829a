/**
 * Turns a source's channel chunks into wire frames for one bed, splitting chunks longer than a frame may be
 * (after a stall of the event loop a source returns seconds of samples at once).
 */
import { channelByKey } from '../../common/wire/channel-catalog';
import { MAX_SAMPLES_PER_FRAME } from '../../common/wire/frame-codec';
import { FRAME_FLAGS, type WaveformFrame } from '../../common/wire/waveform-frame';
import type { ChannelChunk, SourceChannel } from '../sources/bed-source';

/** Frames of one bed's chunks. */
export function framesOfChunks(
  bed: number,
  chunks: readonly ChannelChunk[],
  channels: readonly SourceChannel[],
): WaveformFrame[] {
  const frames: WaveformFrame[] = [];
  for (const chunk of chunks) {
    const channel = channels.find((candidate) => candidate.key === chunk.key);
    if (channel === undefined || chunk.samples.length === 0) continue;
    const id = channelByKey(chunk.key).id;
    for (let start = 0; start < chunk.samples.length; start += MAX_SAMPLES_PER_FRAME) {
      const samples = chunk.samples.subarray(start, Math.min(chunk.samples.length, start + MAX_SAMPLES_PER_FRAME));
      frames.push({
        bed,
        channel: id,
        // Only the first piece of a chunk starts after a gap.
        flags: start === 0 ? chunk.flags : chunk.flags & ~FRAME_FLAGS.gapBefore,
        sampleRate: channel.sampleRate,
        firstSampleIndex: chunk.firstSampleIndex + start,
        firstSampleTimeMs: chunk.firstSampleTimeMs + (start * 1000) / channel.sampleRate,
        scale: channel.scale,
        offset: channel.offset,
        samples,
      });
    }
  }
  return frames;
}
