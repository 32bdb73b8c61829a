/**
 * Reads MIT-format annotation files (.atr): 16-bit little-endian words, 6 bits of annotation code and 10 bits
 * of sample increment, with SKIP/NUM/SUB/CHN/AUX escape words. Used to evaluate the QRS detector beat by beat.
 */
import { readFile } from 'node:fs/promises';
import { WfdbError } from './wfdb-error';

/** One annotation: its sample number and WFDB code, and its auxiliary text (a rhythm change's "(VT"). */
export interface WfdbAnnotation {
  readonly sample: number;
  readonly code: number;
  readonly aux?: string;
}

/** WFDB codes of the annotations that are not beats but that evaluations read. */
export const ANNOTATION_CODES = { rhythmChange: 28, flutterWave: 31, flutterStart: 32, flutterEnd: 33 } as const;

const SKIP = 59;
const NUM = 60;
const SUB = 61;
const CHN = 62;
const AUX = 63;

/** WFDB codes that are beats (the `isqrs` table): N L R a V F J A S E j / Q e n f ? and friends. */
const BEAT_CODES = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 37, 38, 41]);

/** True when the code marks a beat (QRS complex). */
export function isBeat(code: number): boolean {
  return BEAT_CODES.has(code);
}

/** Parses annotation bytes. @throws WfdbError when the file ends inside an escape sequence. */
export function parseMitAnnotations(bytes: Uint8Array, file: string): WfdbAnnotation[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const annotations: { sample: number; code: number; aux?: string }[] = [];
  let sample = 0;
  let offset = 0;
  const need = (count: number): void => {
    if (offset + count > bytes.byteLength)
      throw new WfdbError(file, `the annotation file ends inside a record at byte ${offset}`);
  };
  while (offset + 2 <= bytes.byteLength) {
    const word = view.getUint16(offset, true);
    offset += 2;
    const code = word >> 10;
    const value = word & 0x3ff;
    if (code === 0 && value === 0) break;
    if (code === SKIP) {
      need(4);
      // PDP-11 order: the high 16 bits first.
      const skip = (view.getInt16(offset, true) << 16) | view.getUint16(offset + 2, true);
      offset += 4;
      sample += skip;
    } else if (code === AUX) {
      need(value + (value % 2));
      const previous = annotations[annotations.length - 1];
      if (previous !== undefined)
        previous.aux = new TextDecoder('latin1').decode(bytes.subarray(offset, offset + value)).replace(/\0+$/, '');
      offset += value + (value % 2);
    } else if (code === NUM || code === SUB || code === CHN) {
      // Modifiers of the previous annotation; nothing to keep for beat evaluation.
    } else {
      sample += value;
      annotations.push({ sample, code });
    }
  }
  return annotations;
}

/** Reads an annotation file. */
export async function readMitAnnotations(path: string): Promise<WfdbAnnotation[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new WfdbError(
      path,
      `cannot read the annotation file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
  return parseMitAnnotations(bytes, path);
}
