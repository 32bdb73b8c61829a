/**
 * The station's main window: hardened preferences, the app protocol page, crash/hang recovery, and wall-display
 * placement when configured.
 */
import type { BrowserWindow } from 'electron';
import type { Logger } from '../../common/logging/logger';
import { APP_ENTRY_URL } from './security/app-origin';
import { createHardenedWindow } from './security/hardened-window';
import { recoverRendererFailures } from './renderer-recovery';
import { chooseDisplay, keepOnWallDisplay, normalWindowBounds } from './wall-display';

/** How to open the window. */
export interface MainWindowOptions {
  readonly preloadPath: string;
  /** Display index for wall-display (kiosk) mode, or null for a normal window. */
  readonly wallDisplay: number | null;
  /** The window's share of the ward when it spans several displays (1-based), or null for all of it. */
  readonly page: { readonly index: number; readonly count: number } | null;
  /** False when IT's policy keeps the window from being minimized (a minimized central shows no alarm). */
  readonly minimizable: boolean;
  readonly logger: Logger;
}

/** Creates and loads the window. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { logger } = options;
  const wall = options.wallDisplay;
  const bounds = wall === null ? normalWindowBounds() : chooseDisplay(wall, logger).bounds;
  const window = createHardenedWindow({
    ...bounds,
    title: 'WardWatch',
    backgroundColor: '#0b0f14',
    show: false,
    kiosk: wall !== null,
    fullscreen: wall !== null,
    autoHideMenuBar: true,
    minimizable: options.minimizable,
    preloadPath: options.preloadPath,
  });
  window.once('ready-to-show', () => window.show());
  recoverRendererFailures(window, logger.child('recovery'));
  if (wall !== null) keepOnWallDisplay(window, wall, logger);
  void window.loadURL(
    options.page === null ? APP_ENTRY_URL : `${APP_ENTRY_URL}?page=${options.page.index}/${options.page.count}`,
  );
  return window;
}
