/**
 * Recovery when the station UI's renderer crashes or hangs: a wall display nobody watches must come back by
 * itself. A crash reloads at once (with back-off if it keeps crashing); a hang of more than a few seconds
 * reloads the page. Every event is logged, because a crashed alarm display is itself an incident.
 */
import type { BrowserWindow } from 'electron';
import type { Logger } from '../../common/logging/logger';

/** Seconds a renderer may stay unresponsive before it is reloaded. */
const HANG_RELOAD_MS = 5000;
/** Crash reload delays, growing while crashes keep coming. */
const CRASH_RELOAD_DELAYS_MS = [0, 1000, 5000, 15000] as const;
/** A crash this long after the previous one starts the back-off over. */
const CRASH_WINDOW_MS = 60_000;

/** Watches a window's renderer for crashes and hangs. */
export function recoverRendererFailures(window: BrowserWindow, logger: Logger): void {
  const contents = window.webContents;
  let recentCrashes = 0;
  let lastCrashAt = 0;
  let hangTimer: NodeJS.Timeout | null = null;

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const now = Date.now();
    recentCrashes = now - lastCrashAt > CRASH_WINDOW_MS ? 1 : recentCrashes + 1;
    lastCrashAt = now;
    const delay = CRASH_RELOAD_DELAYS_MS[Math.min(recentCrashes - 1, CRASH_RELOAD_DELAYS_MS.length - 1)] ?? 0;
    logger.error('station UI renderer gone; reloading', {
      reason: details.reason,
      exitCode: details.exitCode,
      recentCrashes,
      delayMs: delay,
    });
    setTimeout(() => {
      if (!window.isDestroyed()) contents.reload();
    }, delay);
  });

  contents.on('unresponsive', () => {
    logger.warn('station UI renderer unresponsive', { reloadInMs: HANG_RELOAD_MS });
    hangTimer ??= setTimeout(() => {
      hangTimer = null;
      if (window.isDestroyed()) return;
      logger.error('station UI renderer still hung; reloading');
      contents.forcefullyCrashRenderer();
      contents.reload();
    }, HANG_RELOAD_MS);
  });

  contents.on('responsive', () => {
    if (hangTimer !== null) {
      clearTimeout(hangTimer);
      hangTimer = null;
      logger.info('station UI renderer responsive again');
    }
  });
}
