/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * The station UI's own origin in Electron, and the check that a URL belongs to it. Plain code (no Electron
 * import) so that the sender check is unit-tested in Node.
 */

/** Custom scheme the renderer is served from (never file://, see the fuse grantFileProtocolExtraPrivileges). */
export const APP_SCHEME = 'app';
/** Host part of every station UI URL. */
export const APP_HOST = 'station';
/** Where the main window starts. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True when `url` is a page of the station UI itself (`app://station/…`); false for anything else or garbage. */
export function isStationUiUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  try {
    const parsed = new URL(url);
    // Node gives custom schemes an opaque origin ("null"), so compare scheme and host instead.
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
