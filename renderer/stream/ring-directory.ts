/**
 * The page's index of channel rings, filled as the stream worker reports each new (bed, channel): shared rings
 * arrive as SharedArrayBuffers; without cross-origin isolation the page owns the rings and writes the samples
 * the worker transfers. Traces look their ring up every frame (a Map lookup), so a trace mounted before its
 * channel's first frame starts drawing as soon as data arrives.
 */
import { ChannelRing } from './channel-ring';

/** Rings by bed and channel id. */
export class RingDirectory {
  private readonly rings = new Map<number, ChannelRing>();

  /** The ring of a channel, or undefined before its first frame. */
  get(bed: number, channel: number): ChannelRing | undefined {
    return this.rings.get(bed * 256 + channel);
  }

  /** Adopts a ring the worker created over a SharedArrayBuffer. */
  adopt(bed: number, channel: number, buffer: SharedArrayBuffer): void {
    this.rings.set(bed * 256 + channel, new ChannelRing(buffer));
  }

  /** The page-owned ring of a channel (transfer mode), created on first use. */
  owned(bed: number, channel: number, sampleRate: number): ChannelRing {
    const key = bed * 256 + channel;
    let ring = this.rings.get(key);
    if (ring === undefined) {
      ring = ChannelRing.create(sampleRate, false);
      this.rings.set(key, ring);
    }
    return ring;
  }
}
