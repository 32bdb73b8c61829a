/**
 * The station API over Electron IPC: one `ipcMain.handle` per contract channel, each message checked for its
 * sender frame before the shared router validates and dispatches it; station events go to every station window.
 */
import { BrowserWindow, ipcMain } from 'electron';
import { CALL_CHANNELS } from '../../common/ipc/channels';
import { fail } from '../../common/ipc/result';
import type { Logger } from '../../common/logging/logger';
import type { EventHub } from '../ipc/event-hub';
import type { IpcRouter } from '../ipc/router';
import { isStationUiUrl } from './security/app-origin';
import { isTrustedIpcSender } from './security/ipc-sender-check';

/** Registers the handlers; returns the function that removes them. */
export function registerIpcMainTransport(router: IpcRouter, events: EventHub, logger: Logger): () => void {
  const channels = Object.values(CALL_CHANNELS);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!isTrustedIpcSender(event.senderFrame)) {
        logger.warn('refused IPC from an untrusted frame', {
          channel,
          url: event.senderFrame?.url.slice(0, 200) ?? '(gone)',
        });
        return fail('FORBIDDEN_SENDER', 'only the station window may call the station API');
      }
      return router.dispatch(channel, request, { transport: 'electron', callerId: `window-${event.sender.id}` });
    });
  }
  const unsubscribe = events.subscribe((channel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && isStationUiUrl(contents.getURL())) contents.send(channel, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
