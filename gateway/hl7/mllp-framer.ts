/**
 * MLLP framing (HL7 v2 over TCP): a message travels as `VT message FS CR` (0x0B … 0x1C 0x0D). TCP delivers a byte
 * stream, not frames: two frames may arrive in one read and one frame in many, the end bytes split between reads.
 * This framer turns reads into whole frames whatever the split (decision 0019: the listeners of the HL7 libraries
 * we measured lost or never finished such frames), drops what lies outside a frame and counts it, and refuses a
 * frame longer than the limit instead of buffering without end.
 */

/** Start of a frame. */
export const MLLP_START = 0x0b;
/** End of a frame: FS then CR. */
export const MLLP_END = 0x1c;
export const MLLP_END_CR = 0x0d;

/** What the framer found in a read. */
export type MllpFrameEvent =
  | { readonly kind: 'frame'; readonly payload: Buffer }
  /** A frame passed `maxBytes`: its bytes until its end are dropped, and the sender is told once its end comes. */
  | { readonly kind: 'oversized'; readonly bytes: number }
  /** Bytes outside any frame (noise, a sender that does not frame), dropped. */
  | { readonly kind: 'outside-frame'; readonly bytes: number };

/** A stateful framer for one connection. */
export class MllpFramer {
  private chunks: Buffer[] = [];
  private length = 0;
  private inFrame = false;
  private oversized = false;
  private oversizedBytes = 0;
  /** The last byte of the previous read was FS inside a frame: a CR at the start of the next one ends it. */
  private pendingFs = false;

  constructor(private readonly maxBytes: number) {}

  /** Feeds one read; returns the frames (and drops) it completed, in order. */
  push(data: Buffer): MllpFrameEvent[] {
    const events: MllpFrameEvent[] = [];
    let outside = 0;
    let from = 0;
    for (let i = 0; i < data.length; i += 1) {
      const byte = data[i] as number;
      if (!this.inFrame) {
        if (byte === MLLP_START) {
          if (outside > 0) events.push({ kind: 'outside-frame', bytes: outside });
          outside = 0;
          this.startFrame();
          from = i + 1;
        } else outside += 1;
        continue;
      }
      if (this.pendingFs) {
        this.pendingFs = false;
        if (byte === MLLP_END_CR) {
          this.endFrame(events);
          from = i + 1;
          continue;
        }
        // An FS not followed by CR is content (never in valid HL7 text, but not ours to lose).
        this.append(Buffer.from([MLLP_END]));
      }
      if (byte === MLLP_END) {
        this.append(data.subarray(from, i));
        if (i + 1 < data.length) {
          if (data[i + 1] === MLLP_END_CR) {
            this.endFrame(events);
            i += 1;
            from = i + 1;
          } else {
            this.append(Buffer.from([MLLP_END]));
            from = i + 1;
          }
        } else {
          this.pendingFs = true;
          from = i + 1;
        }
      } else if (byte === MLLP_START) {
        // A new start inside a frame: the sender gave up on the frame before; it is dropped as outside bytes.
        events.push({ kind: 'outside-frame', bytes: this.length + (i - from) + 1 });
        this.startFrame();
        from = i + 1;
      }
    }
    if (this.inFrame && !this.pendingFs) this.append(data.subarray(from));
    if (outside > 0) events.push({ kind: 'outside-frame', bytes: outside });
    return events;
  }

  private startFrame(): void {
    this.inFrame = true;
    this.chunks = [];
    this.length = 0;
    this.oversized = false;
    this.oversizedBytes = 0;
    this.pendingFs = false;
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.oversized) {
      this.oversizedBytes += bytes.length;
      return;
    }
    if (this.length + bytes.length > this.maxBytes) {
      this.oversized = true;
      this.oversizedBytes = this.length + bytes.length;
      this.chunks = [];
      this.length = 0;
      return;
    }
    // Copied: the socket may reuse the read's buffer.
    this.chunks.push(Buffer.from(bytes));
    this.length += bytes.length;
  }

  private endFrame(events: MllpFrameEvent[]): void {
    events.push(
      this.oversized
        ? { kind: 'oversized', bytes: this.oversizedBytes }
        : { kind: 'frame', payload: Buffer.concat(this.chunks, this.length) },
    );
    this.inFrame = false;
    this.chunks = [];
    this.length = 0;
    this.oversized = false;
  }
}

/** Wraps a message for sending. */
export function mllpFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  const framed = Buffer.alloc(body.length + 3);
  framed[0] = MLLP_START;
  body.copy(framed, 1);
  framed[body.length + 1] = MLLP_END;
  framed[body.length + 2] = MLLP_END_CR;
  return framed;
}
