/**
 * `npm run eval:arrhythmia -- <folder of MIT-BIH-style records>`: ventricular tachycardia and ventricular
 * flutter/fibrillation episode detection of the gateway's waveform analysis against the records' rhythm
 * annotations (`.atr`: `(VT` and `(VFL` rhythm changes, `[`…`]` flutter episodes). Each record's first two leads are
 * played through the same analysis a ward runs (bed-waveform-analysis.ts, 40 ms ticks, no data read ahead); a
 * detected episode is a stretch where the analysis calls VT (or VF). As ANSI/AAMI EC57 counts episodes: a reference
 * episode is found when a detected one overlaps it (episode sensitivity), a detected one is true when it overlaps a
 * reference one (episode positive predictivity). Prints a row per record and the gross figures; last,
 * `BENCH {"vt_episode_se":…,"vt_episode_ppv":…,"vfl_episode_se":…,"vfl_episode_ppv":…}`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../../common/logging/logger';
import { BedWaveformAnalysis } from '../analysis/bed-waveform-analysis';
import { channelKeyForSignal } from '../sources/signal-channel-mapping';
import { ANNOTATION_CODES, readMitAnnotations, type WfdbAnnotation } from '../wfdb/wfdb-annotations';
import { readWfdbRecord } from '../wfdb/wfdb-record';

type Episode = [number, number];
type Kind = 'VT' | 'VFL';

/** Reference episodes (seconds) of a kind from the rhythm annotations. */
function referenceEpisodes(annotations: readonly WfdbAnnotation[], fs: number, endS: number): Record<Kind, Episode[]> {
  const episodes: Record<Kind, Episode[]> = { VT: [], VFL: [] };
  let current: { kind: Kind; start: number } | null = null;
  const close = (atS: number): void => {
    if (current !== null) episodes[current.kind].push([current.start, atS]);
    current = null;
  };
  for (const annotation of annotations) {
    const atS = annotation.sample / fs;
    if (annotation.code === ANNOTATION_CODES.rhythmChange) {
      close(atS);
      const rhythm = (annotation.aux ?? '').replace(/\0/g, '');
      if (rhythm === '(VT') current = { kind: 'VT', start: atS };
      else if (rhythm === '(VFL' || rhythm === '(VF') current = { kind: 'VFL', start: atS };
    } else if (annotation.code === ANNOTATION_CODES.flutterStart) {
      close(atS);
      current = { kind: 'VFL', start: atS };
    } else if (annotation.code === ANNOTATION_CODES.flutterEnd && current?.kind === 'VFL') close(atS);
  }
  close(endS);
  // A flutter episode annotated both ways is one episode.
  episodes.VFL = merge(episodes.VFL);
  return episodes;
}

function merge(episodes: Episode[]): Episode[] {
  const sorted = [...episodes].sort((a, b) => a[0] - b[0]);
  const merged: Episode[] = [];
  for (const episode of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && episode[0] <= last[1] + 1) last[1] = Math.max(last[1], episode[1]);
    else merged.push([episode[0], episode[1]]);
  }
  return merged;
}

const overlaps = (a: Episode, b: Episode): boolean => a[0] <= b[1] && b[0] <= a[1];

interface RecordResult {
  readonly record: string;
  readonly reference: Record<Kind, Episode[]>;
  readonly detected: Record<Kind, Episode[]>;
}

async function evaluateRecord(path: string): Promise<RecordResult> {
  const record = await readWfdbRecord(`${path}.hea`);
  const leads = record.signals.slice(0, 2);
  const channels = leads.map((signal, index) => ({
    key: channelKeyForSignal(signal.name) ?? (index === 0 ? 'ECG_MLII' : 'ECG_V1'),
    sampleRate: signal.sampleRate,
  }));
  const analysis = new BedWaveformAnalysis(channels);
  const fs = leads[0]?.sampleRate ?? 360;
  const endS = record.durationSeconds;
  const detected: Record<Kind, Episode[]> = { VT: [], VFL: [] };
  const open: Partial<Record<Kind, number>> = {};
  const step = Math.round(fs * 0.04);
  for (let i = 0; i + step <= (leads[0]?.values.length ?? 0); i += step) {
    leads.forEach((signal, index) =>
      analysis.ingest(channels[index]?.key ?? 'ECG_MLII', i, signal.values.subarray(i, i + step), true),
    );
    const nowS = (i + step) / fs;
    const findings = analysis.assess({ extremeLowBpm: 40, extremeHighBpm: 140 }).findings;
    for (const [kind, condition] of [
      ['VT', 'VT'],
      ['VFL', 'VF'],
    ] as const) {
      const holds = findings.has(condition);
      if (holds && open[kind] === undefined) open[kind] = nowS;
      if (!holds && open[kind] !== undefined) {
        detected[kind].push([open[kind] as number, nowS]);
        delete open[kind];
      }
    }
  }
  for (const kind of ['VT', 'VFL'] as const)
    if (open[kind] !== undefined) detected[kind].push([open[kind] as number, endS]);
  const annotations = await readMitAnnotations(`${path}.atr`);
  return {
    record: record.name,
    reference: referenceEpisodes(annotations, fs, endS),
    detected: { VT: merge(detected.VT), VFL: merge(detected.VFL) },
  };
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (folder === undefined || folder.startsWith('-')) {
    console.error('usage: npm run eval:arrhythmia -- <folder of records with .atr>   e.g. ../shared/data/eval/mitdb');
    process.exit(2);
  }
  const names = (await readdir(folder))
    .filter((name) => name.endsWith('.atr'))
    .map((name) => name.slice(0, -4))
    .sort();
  if (names.length === 0) throw new Error(`no annotated record (.atr) in ${folder}`);
  const started = performance.now();
  const totals = { VT: { ref: 0, found: 0, det: 0, true: 0 }, VFL: { ref: 0, found: 0, det: 0, true: 0 } };
  console.log(
    `${'record'.padEnd(8)}${'VT ref'.padStart(8)}${'found'.padStart(7)}${'det'.padStart(6)}${'true'.padStart(6)}${'VFL ref'.padStart(9)}${'found'.padStart(7)}${'det'.padStart(6)}${'true'.padStart(6)}`,
  );
  for (const name of names) {
    const result = await evaluateRecord(join(folder, name));
    const cells: string[] = [];
    for (const kind of ['VT', 'VFL'] as const) {
      const reference = result.reference[kind];
      const detected = result.detected[kind];
      const found = reference.filter((episode) => detected.some((d) => overlaps(d, episode))).length;
      const truly = detected.filter((episode) => reference.some((r) => overlaps(r, episode))).length;
      totals[kind].ref += reference.length;
      totals[kind].found += found;
      totals[kind].det += detected.length;
      totals[kind].true += truly;
      cells.push(
        `${String(reference.length).padStart(kind === 'VT' ? 8 : 9)}${String(found).padStart(7)}${String(detected.length).padStart(6)}${String(truly).padStart(6)}`,
      );
    }
    console.log(`${name.padEnd(8)}${cells.join('')}`);
  }
  const share = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);
  const figures = {
    vt_episode_se: share(totals.VT.found, totals.VT.ref),
    vt_episode_ppv: share(totals.VT.true, totals.VT.det),
    vfl_episode_se: share(totals.VFL.found, totals.VFL.ref),
    vfl_episode_ppv: share(totals.VFL.true, totals.VFL.det),
  };
  console.log(
    `\nVT: ${totals.VT.found}/${totals.VT.ref} reference episodes found (Se ${(figures.vt_episode_se * 100).toFixed(1)} %), ${totals.VT.true}/${totals.VT.det} detected episodes true (+P ${(figures.vt_episode_ppv * 100).toFixed(1)} %)`,
  );
  console.log(
    `VFL: ${totals.VFL.found}/${totals.VFL.ref} found (Se ${(figures.vfl_episode_se * 100).toFixed(1)} %), ${totals.VFL.true}/${totals.VFL.det} true (+P ${(figures.vfl_episode_ppv * 100).toFixed(1)} %)`,
  );
  console.log(`${names.length} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `BENCH ${JSON.stringify({ records: names.length, ...figures, vt_reference: totals.VT.ref, vfl_reference: totals.VFL.ref })}`,
  );
}

main().catch((error: unknown) => {
  console.error(`eval:arrhythmia: ${describeError(error)}`);
  process.exit(1);
});
