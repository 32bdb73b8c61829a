import type { WaveformFrame } from '../../common/wire/waveform-frame';

/** A valid frame with the given samples (ECG II, 250 Hz, 1 µV steps). */
export function sampleFrame(samples: readonly number[], overrides: Partial<WaveformFrame> = {}): WaveformFrame {
  return {
    bed: 3,
    channel: 2,
    flags: 0,
    sampleRate: 250,
    firstSampleIndex: 1000,
    firstSampleTimeMs: 1_700_000_000_000,
    scale: 0.001,
    offset: 0,
    samples: Int16Array.from(samples),
    ...overrides,
  };
}
