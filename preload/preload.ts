/**
 * The sandboxed preload: exposes the station API as `window.wardwatch`, one named method per contract call and
 * `subscribe` for contract events. No logic and no Node: validation happens in main, typing in common.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNELS, EVENT_CHANNELS, type EventName } from '../common/ipc/channels';
import type { StationApi } from '../common/ipc/station-api';

const calls = Object.fromEntries(
  Object.entries(CALL_CHANNELS).map(([method, channel]) => [method, (request?: unknown) => ipcRenderer.invoke(channel, request)]),
);

function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  const channel = EVENT_CHANNELS[event];
  if (channel === undefined) throw new Error(`"${String(event)}" is not a station event`);
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => ipcRenderer.removeListener(channel, forward);
}

const api = { ...calls, subscribe } as unknown as StationApi;
contextBridge.exposeInMainWorld('wardwatch', api);
