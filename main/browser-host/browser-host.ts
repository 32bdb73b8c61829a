/**
 * The browser host: serves the built renderer and the station API over HTTP + WebSocket on 127.0.0.1, with the
 * same security headers as the Electron app. It is how the station runs where no Electron binary exists, and how
 * a thin-client wall display can show it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../common/logging/logger';
import { stationResponseHeaders } from '../electron/security/content-security-policy';
import { readRendererAsset } from '../renderer-assets/renderer-asset';
import type { StationRuntime } from '../station/station-runtime';
import { attachIpcWebSocket, type IpcSocketStats } from './ipc-websocket-server';

/** How to start the browser host. */
export interface BrowserHostOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** Folder of the built renderer (index.html and its assets). */
  readonly rendererDir: string;
  readonly runtime: StationRuntime;
  readonly logger: Logger;
}

/** A running browser host. */
export interface BrowserHost {
  /** The address to open, e.g. `http://127.0.0.1:8430/`. */
  readonly url: string;
  readonly ipcStats: IpcSocketStats;
  close(): Promise<void>;
}

/** The browser host only ever listens on loopback: it serves the station API without sign-in yet. */
const LOOPBACK = '127.0.0.1';

/** Starts serving and resolves once it listens. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { logger, runtime } = options;
  let origins: string[] = [];
  const headers = stationResponseHeaders({ connectOrigins: [runtime.gatewayUrl] });

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    void readRendererAsset(options.rendererDir, request.url ?? '/').then((asset) => {
      if (asset === null) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('Not found');
        return;
      }
      response.writeHead(200, { 'Content-Type': asset.contentType, ...headers });
      response.end(request.method === 'HEAD' ? undefined : asset.body);
    });
  });
  const ipc = attachIpcWebSocket(http, {
    router: runtime.router,
    events: runtime.events,
    allowedOrigins: () => origins,
    logger,
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, LOOPBACK, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  origins = [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`];
  const url = `http://${LOOPBACK}:${port}/`;
  logger.info('browser host listening', { url, gateway: runtime.gatewayUrl });

  return {
    url,
    ipcStats: ipc.stats,
    close: async () => {
      ipc.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
