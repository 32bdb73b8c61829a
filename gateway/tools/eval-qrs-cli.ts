/**
 * `npm run eval:qrs -- <record or folder>`: evaluates the gateway's QRS detector on annotated WFDB records, beat by
 * beat against their reference annotations (`.atr`, 150 ms window, whole record, no learning period excluded).
 * A folder evaluates every record in it that has a `.atr`, prints a row per record and the gross figures (all
 * beats of all records counted together, as ANSI/AAMI EC57 reports them), and, last,
 * `BENCH {"records":…,"beats":…,"se":…,"ppv":…}`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../../common/logging/logger';
import { evaluateQrsDetector, MATCH_WINDOW_SECONDS, type QrsEvaluation } from '../numerics/qrs-evaluation';

/** The records to evaluate: the one given, or every annotated record of a folder, by name. */
async function recordsOf(path: string): Promise<string[]> {
  const trimmed = path.replace(/\.(hea|dat|atr)$/, '');
  const isFolder = await stat(trimmed).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) return [trimmed];
  const names = (await readdir(trimmed)).filter((name) => name.endsWith('.atr')).map((name) => name.slice(0, -4));
  return names.sort().map((name) => join(trimmed, name));
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)} %`;
const round = (fraction: number): number => Math.round(fraction * 10000) / 10000;

async function main(): Promise<void> {
  const path = process.argv[2];
  if (path === undefined || path.startsWith('-')) {
    console.error(
      'usage: npm run eval:qrs -- <record path without extension, or a folder>   e.g. ../shared/data/eval/mitdb',
    );
    process.exit(2);
  }
  const records = await recordsOf(path);
  if (records.length === 0) throw new Error(`no annotated record (.atr) in ${path}`);
  const started = performance.now();
  const results: QrsEvaluation[] = [];
  console.log(
    `${'record'.padEnd(10)}${'lead'.padEnd(8)}${'beats'.padStart(7)}${'missed'.padStart(8)}${'extra'.padStart(8)}${'Se'.padStart(10)}${'+P'.padStart(10)}`,
  );
  for (const record of records) {
    const result = await evaluateQrsDetector(record);
    results.push(result);
    console.log(
      `${result.record.padEnd(10)}${result.signal.padEnd(8)}${String(result.referenceBeats).padStart(7)}${String(result.falseNegatives).padStart(8)}${String(result.falsePositives).padStart(8)}${percent(result.sensitivity).padStart(10)}${percent(result.positivePredictivity).padStart(10)}`,
    );
  }
  const sum = (pick: (result: QrsEvaluation) => number): number =>
    results.reduce((total, result) => total + pick(result), 0);
  const beats = sum((result) => result.referenceBeats);
  const truePositives = sum((result) => result.truePositives);
  const falsePositives = sum((result) => result.falsePositives);
  const se = beats === 0 ? 0 : truePositives / beats;
  const ppv = truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const elapsed = performance.now() - started;
  console.log(`\n${'records'.padEnd(28)} ${results.length}`);
  console.log(`${'matching window'.padEnd(28)} ${MATCH_WINDOW_SECONDS * 1000} ms`);
  console.log(`${'reference beats'.padEnd(28)} ${beats}`);
  console.log(`${'missed / extra'.padEnd(28)} ${beats - truePositives} / ${falsePositives}`);
  console.log(`${'gross Se'.padEnd(28)} ${percent(se)}`);
  console.log(`${'gross +P'.padEnd(28)} ${percent(ppv)}`);
  console.log(`${'run time'.padEnd(28)} ${elapsed.toFixed(0)} ms`);
  const single = results.length === 1 ? { record: results[0]?.record } : {};
  console.log(
    `BENCH ${JSON.stringify({ ...single, records: results.length, beats, se: round(se), ppv: round(ppv), missed: beats - truePositives, extra: falsePositives, ms: Math.round(elapsed) })}`,
  );
}

main().catch((error: unknown) => {
  console.error(`eval:qrs: ${describeError(error)}`);
  process.exit(1);
});
