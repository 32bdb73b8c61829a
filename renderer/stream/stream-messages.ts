/**
 * Messages between the UI thread and the stream worker. The worker owns the gateway data socket (DESIGN.md §2):
 * the UI thread never touches socket.io or frames, it only hears what the worker reports.
 */
import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import type { BedNumerics } from '../../common/wire/ward-messages';

/** UI thread → worker. */
export type StreamWorkerCommand = { readonly type: 'connect'; readonly gatewayUrl: string; readonly stationName: string };

/** Worker → UI thread. */
export type StreamWorkerReport =
  | { readonly type: 'link'; readonly state: GatewayLinkState }
  /** One second's numerics of the subscribed beds, already validated. */
  | { readonly type: 'numerics'; readonly numerics: readonly BedNumerics[] }
  /** Messages from the gateway the worker dropped because they broke the protocol, so far. */
  | { readonly type: 'dropped'; readonly count: number; readonly reason: string };
