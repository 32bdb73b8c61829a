/**
 * The auditory alarm signals, rendered by Chromium's own WebAudio in an OfflineAudioContext from the station's
 * tone module: pulse count and timing per priority (HIGH 10, MEDIUM 3, LOW 1) and at least four spectral peaks
 * between 150 Hz and 4 kHz in every pulse.
 */
import { expect, test } from '@playwright/test';
import { buildSync } from 'esbuild';
import { TONE_SPECS, type scheduleBurst } from '../../renderer/alarms/alarm-tones';
import { findPulses, spectralPeaks } from '../support/spectrum';

const SAMPLE_RATE = 48_000;
const bundle =
  buildSync({
    entryPoints: ['renderer/alarms/alarm-tones.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'alarmTones',
    write: false,
    target: 'es2022',
  }).outputFiles[0]?.text ?? '';

for (const priority of ['HIGH', 'MEDIUM', 'LOW'] as const) {
  test(`${priority}: pulses and spectrum as IEC 60601-1-8 asks`, async ({ page }) => {
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle });
    const rendered = await page.evaluate(
      async ({ priority, sampleRate }) => {
        const tones = (globalThis as unknown as { alarmTones: { scheduleBurst: typeof scheduleBurst } }).alarmTones;
        const context = new OfflineAudioContext(1, sampleRate * 3, sampleRate);
        tones.scheduleBurst(context, context.destination, priority, 0.1, 0.8);
        const buffer = await context.startRendering();
        return Array.from(buffer.getChannelData(0));
      },
      { priority, sampleRate: SAMPLE_RATE },
    );
    const samples = Float32Array.from(rendered);
    const spec = TONE_SPECS[priority];
    const pulses = findPulses(samples, SAMPLE_RATE);
    expect(pulses).toHaveLength(spec.pulseOffsetsMs.length);
    pulses.forEach((pulse, index) => {
      expect(Math.abs(pulse.startMs - (100 + (spec.pulseOffsetsMs[index] as number)))).toBeLessThanOrEqual(5);
      expect(Math.abs(pulse.endMs - pulse.startMs - spec.pulseMs)).toBeLessThanOrEqual(12);
    });
    for (const pulse of pulses) {
      // The steady middle of the pulse, away from its ramps.
      const from = Math.round(((pulse.startMs + 20) * SAMPLE_RATE) / 1000);
      const to = Math.round(((pulse.endMs - 20) * SAMPLE_RATE) / 1000);
      const peaks = spectralPeaks(samples.subarray(from, to), SAMPLE_RATE, 150, 4000);
      expect(peaks.length).toBeGreaterThanOrEqual(4);
      for (const harmonic of [1, 2, 3, 4])
        expect(peaks.some((hz) => Math.abs(hz - harmonic * spec.fundamentalHz) < 15)).toBe(true);
    }
    // Never a continuous tone: silence between bursts.
    expect(pulses.at(-1)?.endMs ?? 0).toBeLessThan(100 + spec.repeatMs);
  });
}
