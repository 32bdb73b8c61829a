/**
 * The ward gateway's socket.io server: accepts stations, checks their handshake, answers heartbeats.
 * Bed sources, frames, numerics and alarms attach to this server in later steps; the handshake here is what
 * every client goes through first.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer, type Socket } from 'socket.io';
import { APP_VERSION } from '../common/app-version';
import type { Logger } from '../common/logging/logger';
import {
  GATEWAY_EVENTS,
  GATEWAY_PROTOCOL_VERSION,
  HANDSHAKE_REFUSALS,
  gatewayHelloSchema,
  type GatewayWelcome,
} from '../common/wire/gateway-handshake';

/** How to start a gateway. */
export interface GatewayServerOptions {
  /** Interface to listen on; 127.0.0.1 unless the gateway serves other machines. */
  readonly host: string;
  /** TCP port; 0 picks a free one (tests, the embedded gateway). */
  readonly port: number;
  readonly wardName: string;
  readonly logger: Logger;
}

/** A running gateway. */
export interface GatewayServer {
  /** The address clients connect to, e.g. `http://127.0.0.1:8420`. */
  readonly url: string;
  /** Clients that completed the handshake, now. */
  connectedClients(): number;
  /** Stops accepting, disconnects every client and releases the port. */
  close(): Promise<void>;
}

/** Largest message the gateway accepts from a client; clients send only small control messages. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/** Starts a gateway and resolves once it listens. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger } = options;
  const http: HttpServer = createServer();
  const io = new SocketServer(http, {
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    serveClient: false,
    // Stations are desktop apps and workers, not web pages on other origins; no cookies are used.
    cors: { origin: false },
  });

  io.use((socket, next) => {
    const hello = gatewayHelloSchema.safeParse(socket.handshake.auth);
    if (!hello.success) {
      logger.warn('refused a client with a malformed hello', { address: socket.handshake.address });
      next(new Error(HANDSHAKE_REFUSALS.malformedHello));
      return;
    }
    if (hello.data.protocol !== GATEWAY_PROTOCOL_VERSION) {
      logger.warn('refused a client speaking another protocol', {
        station: hello.data.stationName,
        theirs: hello.data.protocol,
        ours: GATEWAY_PROTOCOL_VERSION,
      });
      const refusal = new Error(HANDSHAKE_REFUSALS.protocolMismatch) as Error & { data?: unknown };
      refusal.data = { gatewayProtocol: GATEWAY_PROTOCOL_VERSION };
      next(refusal);
      return;
    }
    socket.data.stationName = hello.data.stationName;
    next();
  });

  io.on('connection', (socket: Socket) => {
    const stationName = String(socket.data.stationName);
    logger.info('client connected', { station: stationName, address: socket.handshake.address });
    const welcome: GatewayWelcome = {
      protocol: GATEWAY_PROTOCOL_VERSION,
      gatewayVersion: APP_VERSION,
      wardName: options.wardName,
      serverTimeMs: Date.now(),
    };
    socket.emit(GATEWAY_EVENTS.welcome, welcome);
    socket.on(GATEWAY_EVENTS.heartbeat, (acknowledge: unknown) => {
      // A client that sends a heartbeat without a callback gets nothing; it must not crash the gateway.
      if (typeof acknowledge === 'function') acknowledge({ serverTimeMs: Date.now() });
    });
    socket.on('disconnect', (reason) => logger.info('client disconnected', { station: stationName, reason }));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const url = `http://${formatHost(options.host)}:${address.port}`;
  logger.info('gateway listening', { url, ward: options.wardName, protocol: GATEWAY_PROTOCOL_VERSION });

  return {
    url,
    connectedClients: () => io.of('/').sockets.size,
    close: async () => {
      // io.close() drops the transports without a socket.io disconnect packet, so clients see a transport close
      // and reconnect with back-off, as they should after a gateway restart.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      logger.info('gateway stopped', { url });
    },
  };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
