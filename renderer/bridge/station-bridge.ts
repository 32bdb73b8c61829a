/**
 * The one module through which the UI reaches the station: Electron's preload API when present
 * (`window.wardwatch`), otherwise the browser host's WebSocket. Chosen once, at start-up.
 */
import type { StationApi } from '../../common/ipc/station-api';
import { connectBrowserHost } from './browser-host-client';
import { ALWAYS_REACHABLE, type ServiceReachability } from './service-reachability';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    readonly wardwatch?: StationApi;
  }
}

/** The station API and the reachability of the service behind it. */
export interface StationBridge {
  readonly api: StationApi;
  readonly reachability: ServiceReachability;
  readonly transport: 'electron' | 'browser-host';
}

/** Picks the transport for this page. */
export function createStationBridge(): StationBridge {
  const preloaded = window.wardwatch;
  if (preloaded !== undefined) return { api: preloaded, reachability: ALWAYS_REACHABLE, transport: 'electron' };
  const client = connectBrowserHost();
  return { api: client.api, reachability: client.reachability, transport: 'browser-host' };
}
