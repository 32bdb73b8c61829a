/**
 * Full disclosure older than the policy's window goes, hour file by hour file, off the stream's path: soon after
 * start-up, then every ten minutes — measured on the gateway clock that names the hour files, so a step of the
 * system clock (NTP, a wrong time zone set by hand) never deletes hours still within the window.
 */
import { describeError, type Logger } from '../../common/logging/logger';
import type { DisclosureStore } from './disclosure-store';

const FIRST_PRUNE_MS = 5000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** Starts pruning `disclosure` to the last `keepHours()` hours; returns the function that stops it. */
export function startDisclosurePruner(
  disclosure: DisclosureStore,
  keepHours: () => number,
  logger: Logger,
  now: () => number,
): () => void {
  const prune = (): void => {
    disclosure
      .prune(now(), keepHours() * 3_600_000)
      .catch((error: unknown) => logger.warn('full disclosure could not be pruned', { reason: describeError(error) }));
  };
  const every = setInterval(prune, PRUNE_EVERY_MS);
  every.unref();
  const first = setTimeout(prune, FIRST_PRUNE_MS);
  first.unref();
  return () => {
    clearInterval(every);
    clearTimeout(first);
  };
}
