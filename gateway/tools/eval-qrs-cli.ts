/**
 * `npm run eval:qrs -- <record path without extension>`: evaluates the gateway's QRS detector on an annotated
 * WFDB record, beat by beat against its reference annotations (`.atr`, 150 ms window, whole record), and prints
 * a table and, last, `BENCH {"record":…,"beats":…,"se":…,"ppv":…}`.
 */
import { describeError } from '../../common/logging/logger';
import { evaluateQrsDetector, MATCH_WINDOW_SECONDS } from '../numerics/qrs-evaluation';

async function main(): Promise<void> {
  const recordPath = process.argv[2];
  if (recordPath === undefined || recordPath.startsWith('-')) {
    console.error('usage: npm run eval:qrs -- <record path without extension>   e.g. ../shared/data/physionet/mitdb/100');
    process.exit(2);
  }
  const started = performance.now();
  const result = await evaluateQrsDetector(recordPath.replace(/\.(hea|dat|atr)$/, ''));
  const elapsed = performance.now() - started;
  const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)} %`;
  const rows: [string, string][] = [
    ['record', result.record],
    ['lead', `${result.signal} at ${result.sampleRate} Hz`],
    ['matching window', `${MATCH_WINDOW_SECONDS * 1000} ms`],
    ['reference beats', String(result.referenceBeats)],
    ['detected beats', String(result.detectedBeats)],
    ['true positives', String(result.truePositives)],
    ['false negatives (missed)', String(result.falseNegatives)],
    ['false positives (extra)', String(result.falsePositives)],
    ['sensitivity Se', percent(result.sensitivity)],
    ['positive predictivity +P', percent(result.positivePredictivity)],
    ['run time', `${elapsed.toFixed(0)} ms`],
  ];
  for (const [label, value] of rows) console.log(`${label.padEnd(28)} ${value}`);
  const round = (fraction: number): number => Math.round(fraction * 10000) / 10000;
  console.log(`BENCH ${JSON.stringify({ record: result.record, beats: result.referenceBeats, se: round(result.sensitivity), ppv: round(result.positivePredictivity) })}`);
}

main().catch((error: unknown) => {
  console.error(`eval:qrs: ${describeError(error)}`);
  process.exit(1);
});
