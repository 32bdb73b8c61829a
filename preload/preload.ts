/**
 * The sandboxed preload: exposes the station API as `window.wardwatch`, one named method per contract call and
 * `subscribe` for contract events. No logic and no Node: validation happens in main, typing in common.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS } from '../common/ipc/channels';
import type { IpcResult } from '../common/ipc/result';
import { createStationApi } from '../common/ipc/station-api';

const api = createStationApi(
  (channel, request) => ipcRenderer.invoke(channel, request) as Promise<IpcResult<unknown>>,
  (event, listener) => {
    const channel = EVENT_CHANNELS[event];
    if (channel === undefined) throw new Error(`"${String(event)}" is not a station event`);
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  },
);

contextBridge.exposeInMainWorld('wardwatch', api);
