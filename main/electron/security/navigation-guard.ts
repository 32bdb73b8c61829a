/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * Denies navigation away from the station UI, new windows, webviews and redirects, for every web contents the
 * app ever creates (checklist #13, #14). The station UI is a single page: it has no reason to navigate.
 */
import type { WebContents } from 'electron';
import type { Logger } from '../../../common/logging/logger';
import { isStationUiUrl } from './app-origin';

/** Attaches the guards to a web contents; call it from `app.on('web-contents-created')`. */
export function guardNavigation(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (event, url) => {
    if (isStationUiUrl(url)) return;
    event.preventDefault();
    logger.warn('blocked a navigation', { url: url.slice(0, 200) });
  });
  contents.on('will-redirect', (event, url) => {
    if (isStationUiUrl(url)) return;
    event.preventDefault();
    logger.warn('blocked a redirect', { url: url.slice(0, 200) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    // Links are never opened, not even in the system browser: shell.openExternal is not used with page input.
    logger.warn('blocked a new window', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
}
