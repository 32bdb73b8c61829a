/**
 * Reads a whole WFDB record into physical values: single-segment records (signals possibly spread over several
 * data files, at different samples-per-frame), and multi-segment records (a layout, segments, and `~` gaps,
 * each segment with its own gains). Missing samples become NaN. Checksums in the header are verified, so a
 * corrupt file is named rather than replayed as a wrong waveform.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WfdbError } from './wfdb-error';
import { parseWfdbHeader, type WfdbSignalSpec, type WfdbSingleHeader } from './wfdb-header';
import { BITS_PER_SAMPLE, decodeSignalFile, INVALID_RAW, wfdbChecksum } from './wfdb-signal-decoder';

/** One signal of a record, in physical units. */
export interface WfdbRecordSignal {
  /** Name as in the header (`MLII`, `PLETH`…). */
  readonly name: string;
  readonly units: string;
  /** Samples per second (frame rate × samples per frame). */
  readonly sampleRate: number;
  /** Physical values; NaN where the record has no sample (gaps, invalid samples). */
  readonly values: Float32Array;
}

/** A record ready to replay. */
export interface WfdbRecord {
  readonly name: string;
  readonly headerPath: string;
  readonly frameRate: number;
  readonly durationSeconds: number;
  readonly signals: readonly WfdbRecordSignal[];
  readonly comments: readonly string[];
}

/** Reads the record whose header is at `headerPath`. @throws WfdbError naming the file and the problem. */
export async function readWfdbRecord(headerPath: string): Promise<WfdbRecord> {
  const header = parseWfdbHeader(await readText(headerPath), headerPath);
  if (header.kind === 'single') {
    const signals = await readSingleSegment(header, headerPath);
    const frames = header.frames ?? framesOf(signals);
    return {
      name: header.name,
      headerPath,
      frameRate: header.frameRate,
      durationSeconds: frames / header.frameRate,
      signals,
      comments: header.comments,
    };
  }

  const directory = dirname(headerPath);
  const totalFrames = header.segments.reduce((sum, segment) => sum + segment.frames, 0);
  if (header.frames !== null && header.frames !== totalFrames) {
    throw new WfdbError(
      headerPath,
      `segment lengths add up to ${totalFrames} frames but the record line says ${header.frames}`,
    );
  }
  // The layout (a first segment of length 0) names the signals of the whole record; without one, the first
  // real segment does.
  const segmentHeaders = new Map<string, WfdbSingleHeader>();
  for (const segment of header.segments) {
    if (segment.name === '~' || segmentHeaders.has(segment.name)) continue;
    const path = join(directory, `${segment.name}.hea`);
    const parsed = parseWfdbHeader(await readText(path), path);
    if (parsed.kind !== 'single')
      throw new WfdbError(path, 'a segment of a multi-segment record must be single-segment');
    segmentHeaders.set(segment.name, parsed);
  }
  const layoutSegment = header.segments.find((segment) => segment.name !== '~');
  const layout = layoutSegment === undefined ? undefined : segmentHeaders.get(layoutSegment.name);
  if (layout === undefined) throw new WfdbError(headerPath, 'the record has no segment that names its signals');

  const outputs = layout.signals.map((signal) => ({
    name: signal.description,
    units: signal.units,
    samplesPerFrame: signal.samplesPerFrame,
    values: new Float32Array(totalFrames * signal.samplesPerFrame).fill(Number.NaN),
  }));
  let frameOffset = 0;
  for (const segment of header.segments) {
    const segmentHeader = segmentHeaders.get(segment.name);
    if (segment.name !== '~' && segmentHeader !== undefined && segment.frames > 0) {
      const segmentPath = join(directory, `${segment.name}.hea`);
      const signals = await readSingleSegment({ ...segmentHeader, frames: segment.frames }, segmentPath);
      for (const signal of signals) {
        const target = outputs.find((output) => output.name === signal.name);
        if (target === undefined) continue;
        if (signal.values.length !== segment.frames * target.samplesPerFrame) {
          throw new WfdbError(
            segmentPath,
            `signal ${signal.name} has another number of samples per frame than the layout`,
          );
        }
        target.values.set(signal.values, frameOffset * target.samplesPerFrame);
      }
    }
    frameOffset += segment.frames;
  }
  return {
    name: header.name,
    headerPath,
    frameRate: header.frameRate,
    durationSeconds: totalFrames / header.frameRate,
    signals: outputs.map((output) => ({
      name: output.name,
      units: output.units,
      sampleRate: header.frameRate * output.samplesPerFrame,
      values: output.values,
    })),
    comments: header.comments,
  };
}

async function readSingleSegment(header: WfdbSingleHeader, headerPath: string): Promise<WfdbRecordSignal[]> {
  const directory = dirname(headerPath);
  const byFile = new Map<string, WfdbSignalSpec[]>();
  for (const signal of header.signals) {
    if (signal.fileName === '~') continue;
    byFile.set(signal.fileName, [...(byFile.get(signal.fileName) ?? []), signal]);
  }
  const decoded = new Map<WfdbSignalSpec, Int32Array>();
  for (const [fileName, signals] of byFile) {
    const path = join(directory, basename(fileName));
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new WfdbError(
        path,
        `cannot read the data file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
      );
    }
    const frames = header.frames ?? inferFrames(bytes, signals);
    const raws = decodeSignalFile(bytes, signals, frames, path);
    signals.forEach((signal, index) => {
      const raw = raws[index] as Int32Array;
      if (signal.checksum !== null && header.frames !== null && wfdbChecksum(raw) !== signal.checksum) {
        throw new WfdbError(
          path,
          `checksum of signal ${signal.description} is ${wfdbChecksum(raw)}, the header says ${signal.checksum}: the file is corrupt`,
        );
      }
      decoded.set(signal, raw);
    });
  }
  return header.signals.map((signal) => {
    const raw = decoded.get(signal);
    const length = (header.frames ?? 0) * signal.samplesPerFrame;
    const values = new Float32Array(raw?.length ?? length).fill(Number.NaN);
    if (raw !== undefined) {
      const invalid = INVALID_RAW[signal.format];
      for (let i = 0; i < raw.length; i += 1) {
        const value = raw[i] as number;
        values[i] = value === invalid ? Number.NaN : (value - signal.baseline) / signal.gain;
      }
    }
    return {
      name: signal.description,
      units: signal.units,
      sampleRate: header.frameRate * signal.samplesPerFrame,
      values,
    };
  });
}

function inferFrames(bytes: Uint8Array, signals: readonly WfdbSignalSpec[]): number {
  const bits = BITS_PER_SAMPLE[(signals[0] as WfdbSignalSpec).format];
  const perFrame = signals.reduce((sum, signal) => sum + signal.samplesPerFrame, 0);
  return Math.floor(((bytes.byteLength - (signals[0] as WfdbSignalSpec).byteOffset) * 8) / bits / perFrame);
}

function framesOf(signals: readonly WfdbRecordSignal[]): number {
  const first = signals[0];
  return first === undefined ? 0 : first.values.length;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new WfdbError(path, `cannot read the header (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}
