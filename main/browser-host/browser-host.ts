/**
 * The browser host: serves the built renderer and the station API over HTTP + WebSocket on 127.0.0.1, with the
 * same security headers as the Electron app. It is how the station runs where no Electron binary exists, and how
 * a thin-client wall display can show it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { LAUNCH_KEY_PARAMETER } from '../../common/ipc/host-wire';
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
  /**
   * The address to open, with this launch's key in its fragment, e.g. `http://127.0.0.1:8430/#key=…`. Printed once
   * for the person who started the host; never written to a log.
   */
  readonly url: string;
  /** The address without the key, e.g. `http://127.0.0.1:8430`. */
  readonly origin: string;
  readonly ipcStats: IpcSocketStats;
  close(): Promise<void>;
}

/**
 * The browser host only ever listens on loopback, and its station API answers only the page opened with this
 * launch's key (ipc-websocket-server.ts): it acts as the signed-in clinician.
 */
const LOOPBACK = '127.0.0.1';

/** Starts serving and resolves once it listens. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { logger, runtime } = options;
  let origins: string[] = [];
  const launchKey = randomBytes(32).toString('base64url');
  const headers = stationResponseHeaders({ connectOrigins: [runtime.gatewayUrl, ...runtime.fallbackGatewayUrls] });

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
    launchKey,
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
  const origin = `http://${LOOPBACK}:${port}`;
  logger.info('browser host listening', { url: `${origin}/`, gateway: runtime.gatewayUrl });

  return {
    url: `${origin}/#${LAUNCH_KEY_PARAMETER}=${launchKey}`,
    origin,
    ipcStats: ipc.stats,
    close: async () => {
      ipc.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
