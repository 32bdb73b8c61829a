/**
 * A small leveled logger every process shares, so that log lines read alike whichever process wrote them.
 * Lines go to the console (stdout/stderr in Node, devtools in a page); the `scope` names the component.
 * Never pass a secret, token or password as a log field: nothing here can tell them apart from data.
 */

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured context for a log line: plain values only. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** The logging interface components receive (tests pass a recording one). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger for a sub-component: `gateway` → `gateway/link`. */
  child(scope: string): Logger;
}

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) parts.push(`${key}=${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/** A logger that writes `time level [scope] message key=value…` lines at or above `minimum`. */
export function createConsoleLogger(scope: string, minimum: LogLevel = 'info'): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[minimum]) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${message}${formatFields(fields)}`;
    if (level === 'error' || level === 'warn') console.error(line);
    else console.log(line);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (child) => createConsoleLogger(`${scope}/${child}`, minimum),
  };
}

/** Describes a caught value in one line for a log or an error message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
