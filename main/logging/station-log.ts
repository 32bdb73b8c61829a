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

/** A logger for `scope` that also appends to the station's log file when `dataDir` is set. */
export function createStationLogger(scope: string, dataDir: string | null): Logger {
  if (dataDir === null) return createConsoleLogger(scope);
  mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  const file = createWriteStream(stationLogPath(dataDir), { flags: 'a', mode: 0o600 });
  return teeLogger(createConsoleLogger(scope), file, scope);
}

function teeLogger(console: Logger, file: WriteStream, scope: string): Logger {
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    console[level](message, fields);
    if (level === 'debug') return;
    file.write(`${JSON.stringify({ time: new Date().toISOString(), level, scope, message, ...fields })}\n`);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (child) => teeLogger(console.child(child), file, `${scope}/${child}`),
  };
}
