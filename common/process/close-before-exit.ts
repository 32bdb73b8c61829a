/**
 * Quitting waits for the program to close — a database and its journal flushed, links closed — before the process
 * exits, but never longer than a bound: a program that cannot quit is worse than one whose last write is retried by
 * the database's own recovery. A close that fails is logged, and the process still exits. Used by the Electron app
 * (`will-quit`), the browser host and the gateway (SIGINT/SIGTERM).
 */
import { describeError, type Logger } from '../logging/logger';

/** How long quitting waits for the close. */
export const CLOSE_TIMEOUT_MS = 5_000;

/** Something quitting that can be held back (Electron's will-quit event); signals have nothing to hold. */
export interface QuitEvent {
  preventDefault(): void;
}

/**
 * A quit handler: the first call holds the quit back, closes, then calls `exit(0)` (or `exit(1)` when closing
 * failed or timed out); later calls while closing are held back as well, and do nothing more.
 */
export function closeBeforeExit(
  close: () => Promise<void>,
  exit: (code: number) => void,
  logger: Logger,
  timeoutMs = CLOSE_TIMEOUT_MS,
): (event?: QuitEvent) => void {
  let closing = false;
  return (event) => {
    event?.preventDefault();
    if (closing) return;
    closing = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    void Promise.race([close().then(() => 'closed' as const), timedOut])
      .then((outcome) => {
        if (outcome === 'timeout') {
          logger.error('did not close in time; exiting anyway', { timeoutMs });
          return 1;
        }
        logger.info('closed; exiting');
        return 0;
      })
      .catch((error: unknown) => {
        logger.error('closing failed; exiting anyway', { reason: describeError(error) });
        return 1;
      })
      .then((code) => {
        clearTimeout(timer);
        exit(code);
      });
  };
}
