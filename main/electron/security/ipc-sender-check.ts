/*
 * SECURITY-SENSITIVE — changes here need a review (see README.md in this folder).
 *
 * Every IPC message is checked for the frame that sent it (Electron security checklist #17): only the top frame
 * of a station UI page may call the station API. A subframe, a page that navigated elsewhere, or a destroyed
 * frame is refused before the router sees the message.
 */
import type { WebFrameMain } from 'electron';
import { isStationUiUrl } from './app-origin';

/** True when the message comes from the station UI's own top-level frame. */
export function isTrustedIpcSender(frame: WebFrameMain | null | undefined): boolean {
  if (frame === null || frame === undefined || frame.isDestroyed()) return false;
  return frame.parent === null && isStationUiUrl(frame.url);
}
