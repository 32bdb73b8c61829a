/**
 * A TCP proxy between a station and its gateway, on 127.0.0.1, that a test cuts, delays and flaps: the network
 * faults a ward's network has, on the real socket.io link (no mock of the link itself).
 */
import { createServer, connect, type Socket } from 'node:net';

/** A running proxy. */
export interface TcpProxy {
  readonly port: number;
  /** Drops every connection and refuses new ones (accepts, then closes them at once) until {@link restore}. */
  cut(): void;
  restore(): void;
  /** Delays every chunk both ways by `ms` (order kept); 0 for none. */
  delay(ms: number): void;
  /** Connections carried since the start. */
  connections(): number;
  /** When the proxy last delivered bytes from the gateway to the station (performance.now()); NaN before any. */
  lastDeliveredToStationMs(): number;
  close(): Promise<void>;
}

/** Starts a proxy to `targetPort` on 127.0.0.1. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  let delayMs = 0;
  let carried = 0;
  let deliveredAt = Number.NaN;
  const forward = (from: Socket, to: Socket, toStation: boolean): void => {
    const write = (chunk: Buffer): void => {
      if (!to.writable) return;
      to.write(chunk);
      if (toStation) deliveredAt = performance.now();
    };
    from.on('data', (chunk: Buffer) => {
      if (delayMs === 0) write(chunk);
      // Timers of one duration fire in the order they were set: the stream stays in order.
      else setTimeout(() => write(chunk), delayMs);
    });
    from.on('end', () => (delayMs === 0 ? to.end() : setTimeout(() => to.end(), delayMs)));
  };
  const server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    carried += 1;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream, false);
    forward(upstream, client, true);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      isCut = false;
    },
    delay(ms) {
      delayMs = ms;
    },
    connections: () => carried,
    lastDeliveredToStationMs: () => deliveredAt,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
