/**
 * A waveform frame: a run of consecutive samples of one channel of one bed, as the gateway streams it.
 * Samples are int16; the physical value is `raw * scale + offset` in the channel's unit. The raw value
 * {@link NO_SAMPLE} marks a sample that does not exist (a gap inside the frame, a NaN from the source).
 */

/** Raw value of a missing sample (WFDB uses the same convention). */
export const NO_SAMPLE = -32768;

/** Frame flags (bit field). */
export const FRAME_FLAGS = {
  /** Samples are missing between the previous frame of this channel and this one (do not draw across). */
  gapBefore: 1,
  /** The source says the signal is not valid now (leads off, probe off); samples are a flat placeholder. */
  signalInvalid: 2,
} as const;

/** One decoded frame. */
export interface WaveformFrame {
  /** Bed number from the census (u16 on the wire). */
  readonly bed: number;
  /** Channel wire id (see channel-catalog.ts). */
  readonly channel: number;
  readonly flags: number;
  /** Samples per second; may be fractional (62.5 Hz). */
  readonly sampleRate: number;
  /** Index of the first sample in the channel's stream since the source started (monotonic, wraps never). */
  readonly firstSampleIndex: number;
  /** Gateway time of the first sample, epoch milliseconds. */
  readonly firstSampleTimeMs: number;
  readonly scale: number;
  readonly offset: number;
  readonly samples: Int16Array;
}
