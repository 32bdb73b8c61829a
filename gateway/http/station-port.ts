/**
 * The port stations connect to, as the leading gateway and a fan-out node both open it: HTTP or HTTPS (TLS 1.2 at
 * least) for the sign-in API, the socket.io server on it with the gateway's limits, and its listening address.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';

/** A certificate and key to serve HTTPS/WSS with (PEM). */
export interface GatewayTls {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

/** Largest message the gateway accepts from a client; clients send only small control messages. */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/** The port's HTTP(S) server and its socket.io server, not yet listening. */
export function createStationPort(
  tls: GatewayTls | null,
  onRequest: (request: IncomingMessage, response: ServerResponse) => void,
): { http: HttpServer; io: SocketServer } {
  const http: HttpServer = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, onRequest)
    : createHttpServer(onRequest);
  const io = new SocketServer(http, {
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    serveClient: false,
    // Stations are desktop apps and workers, not web pages on other origins; no cookies are used.
    cors: { origin: false },
  });
  return { http, io };
}

/** Listens on `host:port` (0: a free port); resolves with the address stations use. @throws when it is taken. */
export async function listenForStations(http: HttpServer, host: string, port: number, tls: boolean): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  return `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
