/**
 * The station API as the renderer sees it, whatever carries it (Electron's preload or the browser host's
 * WebSocket). Derived from the contract so that a new channel appears here without a hand-written signature.
 */
import type { CallMethod, EventName } from './channels';
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
