/**
 * The station's log: every line to the console (stdout/stderr) and, when the station has a data folder, to
 * `<data>/logs/station.log` as well, so IT finds what happened after the fact. Loggers never receive secrets
 * (see common/logging/logger.ts); a test signs in, stays signed in, restarts and scans this file for them.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createConsoleLogger, type LogFields, type Logger, type LogLevel } from '../../common/logging/logger';

/** Where the log file is inside a data folder. */
export function stationLogPath(dataDir: string): string {
  return join(dataDir, 'logs', 'station.log');
}

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A logger for `scope` that also appends to the station's log file when `dataDir` is set, keeping lines at or
 * above `minimum` (IT's policy may set it; info by default).
 */
export function createStationLogger(scope: string, dataDir: string | null, minimum: LogLevel = 'info'): Logger {
  if (dataDir === null) return createConsoleLogger(scope, minimum);
  mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  const file = createWriteStream(stationLogPath(dataDir), { flags: 'a', mode: 0o600 });
  return teeLogger(createConsoleLogger(scope, minimum), file, scope, minimum);
}

function teeLogger(console: Logger, file: WriteStream, scope: string, minimum: LogLevel): Logger {
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
