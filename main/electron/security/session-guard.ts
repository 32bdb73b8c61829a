/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * Session-wide rules: every permission request and check is denied (checklist #5: the station needs no camera,
 * microphone, location, notifications…), every network request that is not the station UI itself or the
 * gateway is cancelled (no remote content, checklist #1), and downloads are refused except the files the station's
 * own page makes (CSV export).
 */
import type { Session } from 'electron';
import type { Logger } from '../../../common/logging/logger';
import { APP_SCHEME } from './app-origin';

/** Applies the permission and request rules to a session; `gatewayUrls` are the ward's gateways (leader, standby). */
export function guardSession(session: Session, gatewayUrls: readonly string[], logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('denied a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  const allowedHosts = new Set(gatewayUrls.map((url) => new URL(url).host));
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, allowedHosts) });
  });
  session.on('will-download', (event, item) => {
    // The one download allowed: a file the station's own page made (the history review's CSV export, a blob: URL of
    // the app origin). Electron then asks the user where to save it. Anything else is refused.
    if (isOwnExport(item.getURL())) return;
    event.preventDefault();
    logger.warn('blocked a download');
  });
}

function isAllowedRequest(url: string, gatewayHosts: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` || parsed.protocol === 'devtools:') return true;
  if (['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return gatewayHosts.has(parsed.host);
  return false;
}

/** True for a blob: URL created by the station's own page. */
export function isOwnExport(url: string): boolean {
  return url.startsWith(`blob:${APP_SCHEME}://`);
}
