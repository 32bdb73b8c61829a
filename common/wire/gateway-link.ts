/**
 * A client's link to its ward gateway (the station's control link in main, the stream worker's data link): connects, handshakes, sends heartbeats and reports a
 * {@link GatewayLinkState} whenever it changes. socket.io-client reconnects with back-off on its own; this module
 * turns its events into a state a nurse can read ("disconnected: connection refused") and notices a gateway
 * that keeps the TCP connection open but no longer answers.
 */
import { io, type Socket } from 'socket.io-client';
import type { GatewayLinkState } from '../station/gateway-link-state';
import {
  GATEWAY_EVENTS,
  GATEWAY_PROTOCOL_VERSION,
  HANDSHAKE_REFUSALS,
  gatewayWelcomeSchema,
  type GatewayHello,
} from './gateway-handshake';
import type { Logger } from '../logging/logger';
import { createListenerSet } from '../events/listener-set';

/** How to reach the gateway. */
export interface GatewayLinkOptions {
  readonly url: string;
  readonly stationName: string;
  /** Which kind of client this is; the gateway streams waveforms only to `stream` clients. */
  readonly client: GatewayHello['client'];
  readonly logger: Logger;
  /** Heartbeat period; a heartbeat unanswered for this long marks the link disconnected. */
  readonly heartbeatMs?: number;
}

/** A live link; `state()` is always current, `onChange` fires on every change. */
export interface GatewayLink {
  state(): GatewayLinkState;
  onChange(listener: (state: GatewayLinkState) => void): () => void;
  /** Listens to a gateway event (census, numerics, waves…); returns the function that stops listening. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Sends a request and resolves with the gateway's answer; rejects when not connected or after `timeoutMs`. */
  request(event: string, payload: unknown, timeoutMs?: number): Promise<unknown>;
  close(): void;
}

const DEFAULT_HEARTBEAT_MS = 1000;
/** Pause before reconnecting after the gateway dropped this client on purpose. */
const SERVER_DISCONNECT_RETRY_MS = 1000;

/** Opens the link; it keeps trying until closed. */
export function openGatewayLink(options: GatewayLinkOptions): GatewayLink {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const listeners = createListenerSet<GatewayLinkState>();
  let current: GatewayLinkState = {
    status: 'connecting',
    sinceMs: Date.now(),
    wardName: null,
    gatewayVersion: null,
    roundTripMs: null,
    detail: null,
    failedAttempts: 0,
  };

  const update = (patch: Partial<GatewayLinkState>): void => {
    const next = { ...current, ...patch };
    if (patch.status !== undefined && patch.status !== current.status) next.sinceMs = Date.now();
    const changed = (Object.keys(next) as (keyof GatewayLinkState)[]).some((key) => next[key] !== current[key]);
    if (!changed) return;
    if (next.status !== current.status) {
      options.logger.info('gateway link changed', { status: next.status, detail: next.detail, url: options.url });
    }
    current = next;
    listeners.emit(current);
  };

  const hello: GatewayHello = { protocol: GATEWAY_PROTOCOL_VERSION, client: options.client, stationName: options.stationName };
  const socket: Socket = io(options.url, {
    auth: hello,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    timeout: 5000,
  });

  socket.on(GATEWAY_EVENTS.welcome, (payload: unknown) => {
    const welcome = gatewayWelcomeSchema.safeParse(payload);
    if (!welcome.success) {
      update({ status: 'incompatible', detail: 'the gateway answered with a welcome this station cannot read' });
      return;
    }
    update({
      status: 'connected',
      wardName: welcome.data.wardName,
      gatewayVersion: welcome.data.gatewayVersion,
      detail: null,
      failedAttempts: 0,
    });
  });

  socket.on('connect_error', (error: Error) => {
    const attempts = current.failedAttempts + 1;
    if (error.message === HANDSHAKE_REFUSALS.protocolMismatch) {
      update({
        status: 'incompatible',
        failedAttempts: attempts,
        detail: `the gateway speaks another protocol version (station speaks ${GATEWAY_PROTOCOL_VERSION}); update the station or the gateway`,
      });
      return;
    }
    update({ status: 'disconnected', failedAttempts: attempts, roundTripMs: null, detail: explainConnectError(error) });
  });

  socket.on('disconnect', (reason) => {
    update({ status: 'disconnected', roundTripMs: null, detail: `connection lost (${reason}); reconnecting` });
    // socket.io-client reconnects by itself except after the server dropped us on purpose; a station must keep
    // trying all the same (a gateway restart, an operator kicking stale clients), so retry after a pause.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), SERVER_DISCONNECT_RETRY_MS);
  });

  let heartbeatInFlight = false;
  const heartbeat = setInterval(() => {
    if (!socket.connected || heartbeatInFlight) return;
    heartbeatInFlight = true;
    const sentAt = performance.now();
    socket.timeout(heartbeatMs * 2).emit(GATEWAY_EVENTS.heartbeat, (error: Error | null) => {
      heartbeatInFlight = false;
      if (error) {
        update({ status: 'disconnected', roundTripMs: null, detail: 'the gateway stopped answering heartbeats' });
        return;
      }
      const roundTripMs = Math.round((performance.now() - sentAt) * 10) / 10;
      update(current.wardName === null ? { roundTripMs } : { status: 'connected', detail: null, roundTripMs });
    });
  }, heartbeatMs);
  // Node: do not keep a process alive for heartbeats alone (browsers return a number and have no unref).
  (heartbeat as { unref?: () => void }).unref?.();

  return {
    state: () => current,
    onChange: listeners.add,
    on: (event, listener) => {
      socket.on(event, listener);
      return () => socket.off(event, listener);
    },
    request: (event, payload, timeoutMs = 5000) => {
      if (!socket.connected) return Promise.reject(new Error('not connected to the gateway'));
      return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<unknown>;
    },
    close: () => {
      clearInterval(heartbeat);
      listeners.clear();
      socket.close();
    },
  };
}

/** Turns a socket.io connect error into words (the cause is often an errno like ECONNREFUSED, wrapped in an event). */
function explainConnectError(error: Error): string {
  if (error.message === HANDSHAKE_REFUSALS.malformedHello) return 'the gateway refused this station’s hello';
  const description = (error as Error & { description?: { message?: unknown; error?: { code?: unknown } } }).description;
  const code = typeof description?.error?.code === 'string' ? description.error.code : '';
  const cause = typeof description?.message === 'string' ? description.message : error.message;
  if (code === 'ECONNREFUSED' || cause.includes('ECONNREFUSED')) return 'the gateway refused the connection (is it running?); retrying';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the gateway’s host name does not resolve; check the gateway address';
  if (code === 'ETIMEDOUT' || error.message === 'timeout') return 'the gateway did not answer in time; retrying';
  return `cannot reach the gateway (${cause}); retrying`;
}
