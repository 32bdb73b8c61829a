/**
 * The station's log: every line to the console (stdout/stderr) and, when the station has a data folder, to one file
 * per day, `<data>/logs/station-YYYY-MM-DD.log` (the station's local date), so IT finds what happened after the
 * fact — kept for IT's retention (policy `LogRetentionDays`, 30 days by default) and no longer: a log full of who
 * signed in where is personal data. Loggers never receive secrets (see common/logging/logger.ts); a test signs in,
 * stays signed in, restarts and scans these files for them.
 */
import { createWriteStream, mkdirSync, readdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createConsoleLogger, type LogFields, type Logger, type LogLevel } from '../../common/logging/logger';

/** Days a station keeps its log files when IT's policy does not say. */
export const DEFAULT_LOG_RETENTION_DAYS = 30;

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };
const DAY_FILE = /^station-(\d{4})-(\d{2})-(\d{2})\.log$/;

/** The local calendar date of `date`, `YYYY-MM-DD`. */
function localDay(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Where the log file of `date` (today by default) is inside a data folder. */
export function stationLogPath(dataDir: string, date: Date = new Date()): string {
  return join(dataDir, 'logs', `station-${localDay(date)}.log`);
}

/** What the file side of the log keeps to. */
export interface StationLogOptions {
  /** The least severe line kept (console and file); info by default. */
  readonly minimum?: LogLevel;
  /** Days of files kept, today included; older ones are deleted at start and at each new day. */
  readonly retentionDays?: number;
  /** The clock that names the files (tests move it). */
  readonly now?: () => Date;
}

/**
 * A logger for `scope` that also appends to the day's log file when `dataDir` is set.
 */
export function createStationLogger(scope: string, dataDir: string | null, options: StationLogOptions = {}): Logger {
  const minimum = options.minimum ?? 'info';
  if (dataDir === null) return createConsoleLogger(scope, minimum);
  const folder = join(dataDir, 'logs');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const files = dayFiles(
    folder,
    options.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    options.now ?? (() => new Date()),
  );
  return teeLogger(createConsoleLogger(scope, minimum), files, scope, minimum);
}

/** The day's file, opened anew when the day changes, with the files past retention deleted then. */
function dayFiles(folder: string, retentionDays: number, now: () => Date): { write(line: string): void } {
  let day = '';
  let stream: WriteStream | null = null;
  return {
    write(line) {
      const date = now();
      const today = localDay(date);
      if (today !== day) {
        stream?.end();
        day = today;
        stream = createWriteStream(join(folder, `station-${today}.log`), { flags: 'a', mode: 0o600 });
        // An error writing the log must never take the station down; the console still has every line.
        stream.on('error', () => undefined);
        pruneOldFiles(folder, date, retentionDays);
      }
      stream?.write(line);
    },
  };
}

/** Deletes the day files older than `retentionDays` before `now` (today counts as one). */
function pruneOldFiles(folder: string, now: Date, retentionDays: number): void {
  const oldestKept = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (retentionDays - 1));
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = DAY_FILE.exec(name);
    if (match === null) continue;
    const fileDay = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (fileDay < oldestKept) rmSync(join(folder, name), { force: true });
  }
}

function teeLogger(console: Logger, file: { write(line: string): void }, scope: string, minimum: LogLevel): Logger {
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    console[level](message, fields);
    if (LEVEL_ORDER[level] < LEVEL_ORDER[minimum]) return;
    file.write(`${JSON.stringify({ time: new Date().toISOString(), level, scope, message, ...fields })}\n`);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (child) => teeLogger(console.child(child), file, `${scope}/${child}`, minimum),
  };
}
