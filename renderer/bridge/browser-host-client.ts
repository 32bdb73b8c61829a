/**
 * The station API over the browser host's WebSocket: the same typed methods Electron's preload exposes, so the
 * rest of the UI cannot tell the hosts apart. It reconnects with back-off, fails pending calls when the socket
 * closes (never leaves a promise hanging), and reports whether the station service is reachable at all — when it
 * is not, nothing on screen may look live.
 */
import { eventNameOf, type EventName } from '../../common/ipc/channels';
import { createListenerSet, type ListenerSet } from '../../common/events/listener-set';
import { EVENT_CONTRACT } from '../../common/ipc/contract';
import {
  BROWSER_HOST_IPC_PATH,
  BROWSER_HOST_PROTOCOL,
  LAUNCH_KEY_PARAMETER,
  LAUNCH_KEY_PATTERN,
  hostServerMessageSchema,
  launchKeyProtocol,
  type HostCallMessage,
} from '../../common/ipc/host-wire';
import { fail, type IpcResult } from '../../common/ipc/result';
import { createStationApi, type StationApi } from '../../common/ipc/station-api';
import type { ServiceReachability } from './service-reachability';

/** How long a call may wait for its reply. */
const CALL_TIMEOUT_MS = 10_000;
/** Reconnect delays, growing to the last one. */
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000] as const;

interface PendingCall {
  resolve(result: IpcResult<unknown>): void;
  timer: ReturnType<typeof setTimeout>;
}

/** The client: the API plus the reachability of the service behind it. */
export interface BrowserHostClient {
  readonly api: StationApi;
  readonly reachability: ServiceReachability;
}

/** The launch key in this page's address (`#key=…`), or null. Kept in memory only, never in the page's storage. */
function launchKeyOf(location: Location): string | null {
  const key = new URLSearchParams(location.hash.replace(/^#/, '')).get(LAUNCH_KEY_PARAMETER);
  return key !== null && LAUNCH_KEY_PATTERN.test(key) ? key : null;
}

/** Said when the page was opened without the address the station printed. */
const NO_LAUNCH_KEY =
  'This page was opened without the station’s launch key, so it cannot reach the station. Open the address the station printed when it started (it ends in #key=…).';

/** Connects to the browser host that served this page. */
export function connectBrowserHost(location: Location = window.location): BrowserHostClient {
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${BROWSER_HOST_IPC_PATH}`;
  const launchKey = launchKeyOf(location);
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<EventName, ListenerSet<unknown>>();
  const reachabilityListeners = createListenerSet<boolean>();
  let socket: WebSocket | null = null;
  let reachable = false;
  let nextId = 1;
  let failedAttempts = 0;

  const setReachable = (value: boolean): void => {
    if (value === reachable) return;
    reachable = value;
    reachabilityListeners.emit(value);
  };

  const settle = (id: number, result: IpcResult<unknown>): void => {
    const call = pending.get(id);
    if (call === undefined) return;
    pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  };

  const open = (): void => {
    if (launchKey === null) {
      console.error(NO_LAUNCH_KEY);
      return;
    }
    const ws = new WebSocket(url, [BROWSER_HOST_PROTOCOL, launchKeyProtocol(launchKey)]);
    socket = ws;
    ws.addEventListener('open', () => {
      failedAttempts = 0;
      setReachable(true);
    });
    ws.addEventListener('message', (message) => {
      let json: unknown;
      try {
        json = JSON.parse(String(message.data));
      } catch {
        console.error('station service sent a message that is not JSON; ignored');
        return;
      }
      const parsed = hostServerMessageSchema.safeParse(json);
      if (!parsed.success) {
        console.error('station service sent an unreadable message; ignored');
        return;
      }
      const data = parsed.data;
      if (data.type === 'reply') settle(data.id, data.result);
      else if (data.type === 'error') console.error(`station service: ${data.error.code}: ${data.error.message}`);
      else dispatchEvent(data.channel, data.payload);
    });
    ws.addEventListener('close', (event) => {
      // Said once per loss, so that a dropped connection can be told from one that was never made.
      if (reachable)
        console.error(
          `lost the station service connection (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`,
        );
      socket = null;
      setReachable(false);
      for (const id of [...pending.keys()])
        settle(id, fail('TRANSPORT_CLOSED', 'lost contact with the station service before it answered'));
      const delay = RECONNECT_DELAYS_MS[Math.min(failedAttempts, RECONNECT_DELAYS_MS.length - 1)];
      failedAttempts += 1;
      setTimeout(open, delay);
    });
  };

  const dispatchEvent = (channel: string, payload: unknown): void => {
    const event = eventNameOf(channel);
    if (event === undefined) return;
    const checked = EVENT_CONTRACT[event].safeParse(payload);
    if (!checked.success) {
      console.error(`station event ${event} broke the contract; ignored`);
      return;
    }
    listeners.get(event)?.emit(checked.data);
  };

  const call = (channel: string, request: unknown): Promise<IpcResult<unknown>> =>
    new Promise((resolve) => {
      if (socket === null || socket.readyState !== WebSocket.OPEN) {
        resolve(fail('TRANSPORT_CLOSED', 'the station service is not reachable; retrying in the background'));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(
        () => settle(id, fail('TIMEOUT', 'the station service did not answer in time')),
        CALL_TIMEOUT_MS,
      );
      pending.set(id, { resolve, timer });
      const message: HostCallMessage = { type: 'call', id, channel, request };
      socket.send(JSON.stringify(message));
    });

  const api = createStationApi(call, (event, listener) => {
    const set = listeners.get(event) ?? createListenerSet<unknown>();
    listeners.set(event, set);
    return set.add(listener);
  });

  open();
  return {
    api,
    reachability: {
      isReachable: () => reachable,
      onChange: reachabilityListeners.add,
      problem: () => (launchKey === null ? NO_LAUNCH_KEY : null),
    },
  };
}
