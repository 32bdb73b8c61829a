/**
 * Runs the streaming QRS detector over a whole annotated WFDB record and compares it beat by beat with the
 * reference annotations (150 ms window). Shared by the `eval:qrs` command and the detector's test.
 */
import { ANNOTATION_CODES, readMitAnnotations, isBeat, type WfdbAnnotation } from '../wfdb/wfdb-annotations';
import { WfdbError } from '../wfdb/wfdb-error';
import { readWfdbRecord } from '../wfdb/wfdb-record';
import { compareBeats, type BeatComparison } from './beat-matching';
import { pickEcgSignal } from './ecg-signal-choice';
import { QrsDetector } from './qrs-detector';

/** The evaluation of one record. */
export interface QrsEvaluation extends BeatComparison {
  readonly record: string;
  readonly signal: string;
  readonly sampleRate: number;
}

/** Matching window of ANSI/AAMI EC57. */
export const MATCH_WINDOW_SECONDS = 0.15;

/**
 * Evaluates the detector on `recordPath` (path without extension; `.hea` and `.atr` beside it).
 * @throws WfdbError when the record or its annotations cannot be read or it has no ECG.
 */
export async function evaluateQrsDetector(recordPath: string): Promise<QrsEvaluation> {
  const record = await readWfdbRecord(`${recordPath}.hea`);
  const ecg = pickEcgSignal(record.signals);
  if (ecg === undefined) throw new WfdbError(`${recordPath}.hea`, 'the record has no ECG signal to detect beats on');
  const annotations = await readMitAnnotations(`${recordPath}.atr`);
  const flutter = flutterEpisodes(annotations);
  const outsideFlutter = (sample: number): boolean => !flutter.some(([from, to]) => sample >= from && sample <= to);
  const reference = annotations
    .filter((annotation) => isBeat(annotation.code) && outsideFlutter(annotation.sample))
    .map((annotation) => annotation.sample);
  const detected: number[] = [];
  const detector = new QrsDetector(ecg.sampleRate, (sample) => {
    if (outsideFlutter(sample)) detected.push(sample);
  });
  for (const value of ecg.values) detector.push(value);
  return {
    record: record.name,
    signal: ecg.name,
    sampleRate: ecg.sampleRate,
    ...compareBeats(reference, detected, Math.round(MATCH_WINDOW_SECONDS * ecg.sampleRate)),
  };
}

/**
 * Ventricular flutter/fibrillation episodes (`[` … `]`), as sample ranges: ANSI/AAMI EC57 (and WFDB's bxb) leave
 * them out of beat-by-beat QRS statistics, since flutter waves are not QRS complexes; VF detection is scored by
 * eval:arrhythmia instead.
 */
export function flutterEpisodes(annotations: readonly WfdbAnnotation[]): [number, number][] {
  const episodes: [number, number][] = [];
  let start = -1;
  for (const annotation of annotations) {
    if (annotation.code === ANNOTATION_CODES.flutterStart) start = annotation.sample;
    else if (annotation.code === ANNOTATION_CODES.flutterEnd && start >= 0) {
      episodes.push([start, annotation.sample]);
      start = -1;
    }
  }
  if (start >= 0) episodes.push([start, Number.MAX_SAFE_INTEGER]);
  return episodes;
}
