/**
 * The station API as the renderer sees it, whatever carries it (Electron's preload or the browser host's
 * WebSocket). Derived from the contract so that a new channel appears here without a hand-written signature.
 */
import { CALL_CHANNELS, type CallChannel, type CallMethod, type EventName } from './channels';
import type { CallReply, CallRequest, EventPayload } from './contract';
import type { IpcResult } from './result';

/** Arguments of a call method: none when the request schema is `undefined`. */
export type CallArguments<M extends CallMethod> = CallRequest<M> extends undefined ? [] : [request: CallRequest<M>];

/** One typed method per call; `subscribe` for events. Never throws: failures come back as `{ ok: false }`. */
export type StationApi = {
  readonly [M in CallMethod]: (...args: CallArguments<M>) => Promise<IpcResult<CallReply<M>>>;
} & {
  /** Listens to a station event; returns the function that stops listening. */
  readonly subscribe: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Sends one call on its wire channel; a transport's whole job, besides events. */
export type CallSender = (channel: CallChannel, request: unknown) => Promise<IpcResult<unknown>>;

/** Listens to one event on its wire channel; returns the function that stops listening. */
export type EventListenerAttacher = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the typed API from a transport's two primitives: one named method per contract call, plus `subscribe`.
 * Preload and the browser-host client both use it, so the method list cannot drift between the hosts.
 */
export function createStationApi(send: CallSender, attach: EventListenerAttacher): StationApi {
  const api: Record<string, unknown> = { subscribe: attach };
  for (const [method, channel] of Object.entries(CALL_CHANNELS)) {
    api[method] = (request?: unknown) => send(channel, request);
  }
  // The loop above creates exactly the methods of CALL_CHANNELS; TypeScript cannot follow a mapped loop.
  return api as StationApi;
}
