/**
 * Messages between the UI thread and the stream worker. The worker owns the gateway data socket (DESIGN.md §2):
 * the UI thread never touches socket.io or frames, it only hears what the worker reports.
 */
import type { GatewayLinkState } from '../../common/station/gateway-link-state';

/** UI thread → worker. */
export type StreamWorkerCommand = { readonly type: 'connect'; readonly gatewayUrl: string; readonly stationName: string };

/** Worker → UI thread. */
export type StreamWorkerReport = { readonly type: 'link'; readonly state: GatewayLinkState };
