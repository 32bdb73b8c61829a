/**
 * What the station takes from its gateway is validated before use: a listener that checks a payload against its
 * schema, passes a valid one on, and logs (never throws on) one it cannot read — an older or newer gateway, or a
 * bug, must not take the station down.
 */
import type { z } from 'zod';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import type { Logger } from '../../common/logging/logger';

/** A listener for `what` (e.g. "a census") that calls `use` with valid payloads only. */
export function accepting<T>(
  schema: z.ZodType<T>,
  what: string,
  logger: Logger,
  use: (value: T) => void,
): (payload: unknown) => void {
  return (payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      logger.error(`the gateway sent ${what} this station cannot read`, {
        issues: summarizeSchemaIssues(parsed.error),
      });
      return;
    }
    use(parsed.data);
  };
}
