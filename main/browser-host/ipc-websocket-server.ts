/**
 * The browser host's transport for the station API: a WebSocket on `/ipc` that carries the same calls and events
 * as Electron's ipcMain, through the same router. Only pages served by this host may connect: the Origin header
 * is checked (another site open in the same browser cannot drive the station) and the page must present this
 * launch's key (host-wire.ts: another local process that sets the right Origin cannot either). Unreadable
 * messages get a specific error and are counted, never thrown.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { timingSafeEqual } from 'node:crypto';
import {
  BROWSER_HOST_IPC_PATH,
  BROWSER_HOST_PROTOCOL,
  launchKeyProtocol,
  MAX_HOST_MESSAGE_BYTES,
  hostCallMessageSchema,
  type HostServerMessage,
} from '../../common/ipc/host-wire';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import type { Logger } from '../../common/logging/logger';
import type { EventHub } from '../ipc/event-hub';
import type { IpcRouter } from '../ipc/router';

/** Counters a test or an operator can read. */
export interface IpcSocketStats {
  connections: number;
  calls: number;
  /** Messages dropped because they were not JSON, not an envelope, or too large. */
  malformedMessages: number;
  /** Upgrade requests refused because they came from another origin or path, or without this launch's key. */
  refusedUpgrades: number;
}

/** What the transport needs. */
export interface IpcWebSocketOptions {
  readonly router: IpcRouter;
  readonly events: EventHub;
  /** Origins whose pages may connect, e.g. `http://127.0.0.1:8430`. */
  readonly allowedOrigins: () => readonly string[];
  /** This launch's key, which the page must offer as a subprotocol. */
  readonly launchKey: string;
  readonly logger: Logger;
}

/** Attaches the `/ipc` WebSocket to an HTTP server. */
export function attachIpcWebSocket(
  http: HttpServer,
  options: IpcWebSocketOptions,
): { stats: IpcSocketStats; close(): void } {
  const { router, logger } = options;
  const stats: IpcSocketStats = { connections: 0, calls: 0, malformedMessages: 0, refusedUpgrades: 0 };
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_HOST_MESSAGE_BYTES,
    // The key entry is never echoed back: the handshake answers with the API's protocol name only.
    handleProtocols: (offered) => (offered.has(BROWSER_HOST_PROTOCOL) ? BROWSER_HOST_PROTOCOL : false),
  });
  const expectedKey = Buffer.from(launchKeyProtocol(options.launchKey));
  const presentsKey = (request: IncomingMessage): boolean => {
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((entry) => entry.trim());
    return offered.some((entry) => {
      const candidate = Buffer.from(entry);
      return candidate.length === expectedKey.length && timingSafeEqual(candidate, expectedKey);
    });
  };
  let nextCallerId = 1;

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    const origin = request.headers.origin;
    const refusal =
      path !== BROWSER_HOST_IPC_PATH
        ? 'not the station API path'
        : origin === undefined || !options.allowedOrigins().includes(origin)
          ? 'from a page this host did not serve'
          : !presentsKey(request)
            ? "without this launch's key"
            : null;
    if (refusal !== null) {
      stats.refusedUpgrades += 1;
      // Neither the key nor the offered protocols are logged: a wrong key may be a near miss of the right one.
      logger.warn('refused a WebSocket upgrade', { why: refusal, path, origin: origin ?? '(none)' });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  const send = (ws: WebSocket, message: HostServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  const unsubscribe = options.events.subscribe((channel, payload) => {
    for (const ws of wss.clients) send(ws, { type: 'event', channel, payload });
  });

  wss.on('connection', (ws: WebSocket) => {
    stats.connections += 1;
    const callerId = `browser-${nextCallerId++}`;
    // A page that loses the station API shows COMMS LOST for the station itself: say when and how, to tell a
    // closed page from a dropped connection.
    logger.info('a station page connected', { callerId });
    ws.on('close', (code, reason) =>
      logger.info('a station page disconnected', { callerId, code, reason: reason.toString().slice(0, 120) }),
    );
    ws.on('error', (error) => {
      // ws reports oversized frames here (and closes with 1009); count them as dropped messages.
      stats.malformedMessages += 1;
      logger.warn('dropped a WebSocket message', { callerId, reason: error.message });
    });
    ws.on('message', (data, isBinary) => {
      const malformed = (why: string): void => {
        stats.malformedMessages += 1;
        logger.warn('dropped a malformed station API message', { callerId, why });
        send(ws, { type: 'error', error: { code: 'MALFORMED_MESSAGE', message: why } });
      };
      if (isBinary) return malformed('binary messages are not part of the station API');
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        return malformed('the message is not JSON');
      }
      const call = hostCallMessageSchema.safeParse(json);
      if (!call.success)
        return malformed(`the message is not a station API call: ${summarizeSchemaIssues(call.error)}`);
      stats.calls += 1;
      void router
        .dispatch(call.data.channel, call.data.request, { transport: 'browser-host', callerId })
        .then((result) => send(ws, { type: 'reply', id: call.data.id, result }));
    });
  });

  return {
    stats,
    close: () => {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
