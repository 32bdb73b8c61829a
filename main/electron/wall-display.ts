/**
 * Placement of the station window: a normal window, or a wall display filling a chosen screen in kiosk mode
 * (no window chrome, no way to close it by accident). If the chosen display is missing or unplugged later, the
 * window moves to the primary display rather than disappearing.
 */
import { screen, type BrowserWindow, type Display, type Rectangle } from 'electron';
import type { Logger } from '../../common/logging/logger';

/** The display to use: the one at `index` in Electron's list, else the primary one. */
export function chooseDisplay(index: number, logger: Logger): Display {
  const displays = screen.getAllDisplays();
  const chosen = displays[index];
  if (chosen !== undefined) return chosen;
  logger.warn('wall display not found; using the primary display', { requested: index, available: displays.length });
  return screen.getPrimaryDisplay();
}

/** Bounds of a normal (non-wall) window: most of the primary display's work area. */
export function normalWindowBounds(): Rectangle {
  const area = screen.getPrimaryDisplay().workArea;
  const width = Math.min(1600, area.width);
  const height = Math.min(1000, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/** Keeps a wall-display window on its screen, following display changes. */
export function keepOnWallDisplay(window: BrowserWindow, index: number, logger: Logger): void {
  const place = (): void => {
    if (window.isDestroyed()) return;
    window.setKiosk(false);
    window.setBounds(chooseDisplay(index, logger).bounds);
    window.setKiosk(true);
  };
  screen.on('display-removed', place);
  screen.on('display-added', place);
  window.once('closed', () => {
    screen.off('display-removed', place);
    screen.off('display-added', place);
  });
}
