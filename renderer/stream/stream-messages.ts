/**
 * Messages between the UI thread and the stream worker. The worker owns the gateway data socket (DESIGN.md §2):
 * the UI thread never touches socket.io or parses frames; it reads ring buffers and hears what the worker reports.
 */
import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import type { BedNumerics } from '../../common/wire/ward-messages';

/** A view-only access token for the worker's gateway connection. */
export interface StreamCredential {
  readonly token: string;
  readonly expiresAtMs: number;
}

/** UI thread → worker. */
export type StreamWorkerCommand =
  | {
      readonly type: 'connect';
      readonly gatewayUrl: string;
      /** The ward's other gateways, tried in turn when this one cannot be reached (its standby). */
      readonly fallbackUrls: readonly string[];
      readonly stationName: string;
    }
  /** The answer to a `need-credential` report. */
  | {
      readonly type: 'credential';
      readonly requestId: number;
      readonly credential: StreamCredential | null;
      /** Why no credential can be had now (the station service or the gateway is unreachable): the worker retries. */
      readonly failure?: string;
    }
  /** Who may watch changed (a sign-in at a station that is not enrolled): ask for a credential again. */
  | { readonly type: 'reauthenticate' };

/** One frame's samples, transferred when the page cannot share memory with the worker. */
export interface TransferredFrame {
  readonly bed: number;
  readonly channel: number;
  readonly firstIndex: number;
  readonly firstTimeMs: number;
  readonly sampleRate: number;
  readonly flags: number;
  readonly sentAtMs: number;
  readonly arrivalMs: number;
  /** Physical values, NaN for none. */
  readonly values: Float32Array;
}

/** Worker → UI thread. */
export type StreamWorkerReport =
  | { readonly type: 'link'; readonly state: GatewayLinkState }
  /** One second's numerics of the subscribed beds, already validated. */
  | { readonly type: 'numerics'; readonly numerics: readonly BedNumerics[] }
  /** A channel's ring buffer, shared with the page (cross-origin isolated pages). */
  | { readonly type: 'ring'; readonly bed: number; readonly channel: number; readonly buffer: SharedArrayBuffer }
  /** A batch's frames for the page's own rings (pages without cross-origin isolation). */
  | { readonly type: 'frames'; readonly frames: readonly TransferredFrame[] }
  /** The worker needs a token for its connection (main holds them; the worker keeps one in memory only). */
  | { readonly type: 'need-credential'; readonly requestId: number; readonly fresh: boolean }
  /** Messages or frames from the gateway the worker dropped because they broke the protocol, so far. */
  | { readonly type: 'dropped'; readonly count: number; readonly reason: string };
