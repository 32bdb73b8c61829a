/**
 * Parses PhysioNet WFDB header (.hea) files: single-segment records (one line per signal) and multi-segment
 * records (one line per segment, `~` for a gap). Comment lines (`#`, anywhere) and blank lines are skipped;
 * comments are kept because recordings put the clinical context there.
 * Reference: the WFDB "header(5)" manual page.
 */
import { WfdbError } from './wfdb-error';

/** A record name as PhysioNet writes them: letters, digits, `_`, `-`, `.` — never a path, never starting with a dot. */
const SEGMENT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Storage formats this reader decodes; 0 is a signal without data (multi-segment layouts). */
export const SUPPORTED_FORMATS = [212, 16, 80, 0] as const;
/** One of {@link SUPPORTED_FORMATS}. */
export type WfdbFormat = (typeof SUPPORTED_FORMATS)[number];

/** One signal line of a single-segment header. */
export interface WfdbSignalSpec {
  /** Data file name relative to the header, or `~` for a signal with no data (layout headers). */
  readonly fileName: string;
  readonly format: WfdbFormat;
  /** Samples of this signal per frame (`212x4` → 4). */
  readonly samplesPerFrame: number;
  /** Bytes to skip at the start of the data file. */
  readonly byteOffset: number;
  /** ADC units per physical unit (0 in the file means the default, 200). */
  readonly gain: number;
  /** ADC value of physical zero. */
  readonly baseline: number;
  readonly units: string;
  readonly adcZero: number;
  readonly initialValue: number | null;
  /** 16-bit checksum of all the signal's samples, when the header gives one. */
  readonly checksum: number | null;
  /** The signal's name as written (e.g. `MLII`, `PLETH`, `ABP`). */
  readonly description: string;
}

/** A single-segment record's header. */
export interface WfdbSingleHeader {
  readonly kind: 'single';
  readonly name: string;
  /** Frames per second. */
  readonly frameRate: number;
  /** Frames in the record, or null when the header does not say. */
  readonly frames: number | null;
  readonly signals: readonly WfdbSignalSpec[];
  readonly comments: readonly string[];
}

/** One segment line of a multi-segment header. */
export interface WfdbSegmentSpec {
  /** Segment record name, or `~` for a gap. */
  readonly name: string;
  readonly frames: number;
}

/** A multi-segment record's header. */
export interface WfdbMultiHeader {
  readonly kind: 'multi';
  readonly name: string;
  readonly frameRate: number;
  readonly frames: number | null;
  readonly signalCount: number;
  readonly segments: readonly WfdbSegmentSpec[];
  readonly comments: readonly string[];
}

/** Either kind of header. */
export type WfdbHeader = WfdbSingleHeader | WfdbMultiHeader;

const DEFAULT_GAIN = 200;

/**
 * Parses header text. `file` names the file in error messages.
 * @throws WfdbError naming the file, the line and the problem.
 */
export function parseWfdbHeader(text: string, file: string): WfdbHeader {
  const comments: string[] = [];
  const lines: { text: string; number: number }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) {
      comments.push(trimmed.slice(1).trim());
      return;
    }
    // A comment may also follow data on a line.
    const hash = trimmed.indexOf('#');
    lines.push({ text: hash >= 0 ? trimmed.slice(0, hash).trim() : trimmed, number: index + 1 });
  });
  const recordLine = lines.shift();
  if (recordLine === undefined) throw new WfdbError(file, 'the header has no record line');
  const fields = recordLine.text.split(/\s+/);
  const [nameField = '', signalField = '', rateField, framesField] = fields;
  const at = `line ${recordLine.number}`;
  const [name, segmentText] = nameField.split('/');
  const signalCount = parseWhole(signalField, `${at}: number of signals`, file);
  const frameRate = rateField === undefined ? 250 : parseFrameRate(rateField, file, at);
  const frames = framesField === undefined ? null : parseWhole(framesField, `${at}: number of samples`, file);

  if (segmentText !== undefined) {
    const segmentCount = parseWhole(segmentText, `${at}: number of segments`, file);
    const segments = lines.map((line) => {
      const [segmentName, segmentFrames] = line.text.split(/\s+/);
      if (segmentName === undefined || segmentFrames === undefined) {
        throw new WfdbError(file, `line ${line.number}: a segment line needs a name and a length`);
      }
      // A segment is a record in the same folder: a name with a path in it (`../x`, `/etc/x`) would read
      // outside the recordings folder.
      if (segmentName !== '~' && !SEGMENT_NAME.test(segmentName))
        throw new WfdbError(
          file,
          `line ${line.number}: segment name "${segmentName.slice(0, 60)}" is not a record name in the same folder`,
        );
      return { name: segmentName, frames: parseWhole(segmentFrames, `line ${line.number}: segment length`, file) };
    });
    if (segments.length !== segmentCount) {
      throw new WfdbError(file, `the record line announces ${segmentCount} segments but ${segments.length} follow`);
    }
    return { kind: 'multi', name: name ?? '', frameRate, frames, signalCount, segments, comments };
  }

  const signals = lines.map((line) => parseSignalLine(line.text, file, `line ${line.number}`));
  if (signals.length !== signalCount) {
    throw new WfdbError(
      file,
      `the record line announces ${signalCount} signals but ${signals.length} signal lines follow`,
    );
  }
  return { kind: 'single', name: name ?? '', frameRate, frames, signals, comments };
}

function parseSignalLine(text: string, file: string, at: string): WfdbSignalSpec {
  const fields = text.split(/\s+/);
  const [fileName, formatField, gainField, , zeroField, initialField, checksumField] = fields;
  if (fileName === undefined || formatField === undefined)
    throw new WfdbError(file, `${at}: a signal line needs a file name and a format`);
  const format = /^(\d+)(?:x(\d+))?(?::(-?\d+))?(?:\+(\d+))?$/.exec(formatField);
  if (format === null) throw new WfdbError(file, `${at}: cannot read the format "${formatField}"`);
  const formatNumber = Number(format[1]);
  if (!(SUPPORTED_FORMATS as readonly number[]).includes(formatNumber) || (formatNumber === 0 && fileName !== '~')) {
    throw new WfdbError(file, `${at}: storage format ${formatNumber} is not supported (supported: 212, 16, 80)`);
  }
  const adcZero = zeroField === undefined ? 0 : parseInteger(zeroField, `${at}: ADC zero`, file);
  let gain = DEFAULT_GAIN;
  let baseline = adcZero;
  let units = 'mV';
  if (gainField !== undefined) {
    const gainMatch = /^([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)(?:\(([-+]?\d+)\))?(?:\/(\S+))?$/.exec(gainField);
    if (gainMatch === null) throw new WfdbError(file, `${at}: cannot read the gain "${gainField}"`);
    const parsedGain = Number(gainMatch[1]);
    gain = parsedGain === 0 ? DEFAULT_GAIN : parsedGain;
    if (gainMatch[2] !== undefined) baseline = Number(gainMatch[2]);
    if (gainMatch[3] !== undefined) units = gainMatch[3];
  }
  return {
    fileName,
    format: formatNumber as WfdbFormat,
    samplesPerFrame: format[2] === undefined ? 1 : Number(format[2]),
    byteOffset: format[4] === undefined ? 0 : Number(format[4]),
    gain,
    baseline,
    units,
    adcZero,
    initialValue: initialField === undefined ? null : parseInteger(initialField, `${at}: initial value`, file),
    checksum: checksumField === undefined ? null : parseInteger(checksumField, `${at}: checksum`, file),
    description: fields.slice(8).join(' ') || `signal`,
  };
}

function parseFrameRate(field: string, file: string, at: string): number {
  // "360", "0.0166666666667/125" (frame rate / counter frequency), "125(0)" (base counter value).
  const match = /^([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)(?:\/[^(\s]+)?(?:\([^)]*\))?$/.exec(field);
  const rate = match === null ? Number.NaN : Number(match[1]);
  if (!(rate > 0)) throw new WfdbError(file, `${at}: sampling frequency "${field}" is not a positive number`);
  return rate;
}

function parseWhole(field: string, what: string, file: string): number {
  if (!/^\d+$/.test(field)) throw new WfdbError(file, `${what} "${field}" is not a whole number`);
  return Number(field);
}

function parseInteger(field: string, what: string, file: string): number {
  if (!/^[-+]?\d+$/.test(field)) throw new WfdbError(file, `${what} "${field}" is not an integer`);
  return Number(field);
}
