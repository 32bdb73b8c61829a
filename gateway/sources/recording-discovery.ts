/**
 * Finds the recordings under a path: every WFDB header that is a record of its own (not a segment or layout of a
 * multi-segment record), with 1-per-minute numerics records (`<record>n.hea`) paired to their waveform record.
 * A file that cannot be read is reported with its name and problem and left out; the others still play.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { describeError } from '../../common/logging/logger';
import { WfdbError } from '../wfdb/wfdb-error';
import { parseWfdbHeader, type WfdbHeader } from '../wfdb/wfdb-header';
import { numericKeyForSignal } from './signal-channel-mapping';

/** A recording to play as one bed. */
export interface DiscoveredRecording {
  /** Short name for the bed label. */
  readonly name: string;
  readonly waveformHeader: string | null;
  readonly numericsHeader: string | null;
}

/** What discovery found: recordings, and files it could not use with the reason. */
export interface DiscoveryResult {
  readonly recordings: readonly DiscoveredRecording[];
  readonly problems: readonly string[];
}

/** Discovers recordings at `path`: a folder (searched recursively), a `.hea` file, or a record path without extension. */
export async function discoverRecordings(path: string): Promise<DiscoveryResult> {
  const headers = await collectHeaders(path);
  const parsed = new Map<string, WfdbHeader>();
  const problems: string[] = [];
  for (const file of headers) {
    try {
      parsed.set(file, parseWfdbHeader(await readFile(file, 'utf8'), file));
    } catch (error) {
      problems.push(error instanceof WfdbError ? error.message : `${file}: ${describeError(error)}`);
    }
  }
  // Segments and layouts of multi-segment records are parts, not records.
  const parts = new Set<string>();
  for (const [file, header] of parsed) {
    if (header.kind === 'multi')
      for (const segment of header.segments) parts.add(join(dirname(file), `${segment.name}.hea`));
  }
  const records = [...parsed].filter(([file]) => !parts.has(file));
  const isNumerics = (header: WfdbHeader): boolean =>
    header.kind === 'single' &&
    header.frameRate < 1 &&
    header.signals.length > 0 &&
    header.signals.every((signal) => numericKeyForSignal(signal.description) !== undefined);

  const recordings: DiscoveredRecording[] = [];
  const pairedNumerics = new Set<string>();
  for (const [file, header] of records) {
    if (isNumerics(header)) continue;
    const numericsFile = join(dirname(file), `${header.name}n.hea`);
    const numerics = parsed.get(numericsFile);
    const paired = numerics !== undefined && isNumerics(numerics) ? numericsFile : null;
    if (paired !== null) pairedNumerics.add(paired);
    recordings.push({ name: shortName(header.name), waveformHeader: file, numericsHeader: paired });
  }
  for (const [file, header] of records) {
    if (isNumerics(header) && !pairedNumerics.has(file))
      recordings.push({ name: shortName(header.name.replace(/n$/, '')), waveformHeader: null, numericsHeader: file });
  }
  recordings.sort((a, b) => a.name.localeCompare(b.name));
  return { recordings, problems };
}

/** `s25047-2704-05-04-10-44` → `s25047`: the part before the date, which is the patient. */
function shortName(recordName: string): string {
  return recordName.split('-')[0]?.slice(0, 24) || recordName.slice(0, 24);
}

async function collectHeaders(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    const withExtension = `${path}.hea`;
    try {
      await stat(withExtension);
      return [withExtension];
    } catch {
      throw new WfdbError(path, 'no such file, folder or record');
    }
  }
  if (info.isFile())
    return extname(path) === '.hea' ? [path] : [`${join(dirname(path), basename(path, extname(path)))}.hea`];
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.hea')) found.push(full);
    }
  };
  await walk(path);
  return found.sort();
}
