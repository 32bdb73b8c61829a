import type { LogFields, Logger, LogLevel } from '../../common/logging/logger';

/** One captured log line. */
export interface RecordedLine {
  readonly level: LogLevel;
  readonly scope: string;
  readonly message: string;
  readonly fields: LogFields | undefined;
}

/** A logger that keeps its lines in memory for assertions (and keeps test output quiet). */
export function createRecordingLogger(scope = 'test', lines: RecordedLine[] = []): Logger & { lines: RecordedLine[] } {
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    lines.push({ level, scope, message, fields });
  };
  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (child) => createRecordingLogger(`${scope}/${child}`, lines),
  };
}
