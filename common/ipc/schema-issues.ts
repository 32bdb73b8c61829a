import type { z } from 'zod';

/**
 * One line that says what was wrong with a value, e.g. `stationName: expected string, received number`.
 * Keeps the first few issues: enough to fix the caller, short enough for a log line or an error banner.
 */
export function summarizeSchemaIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(value)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? ` (+${error.issues.length - limit} more)` : '';
  return lines.join('; ') + more;
}
