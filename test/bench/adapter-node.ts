/**
 * One socket.io server node of the adapter benchmark (adapter-bench.ts), run as its own process so that its CPU
 * time is its own. The `leader` sends one binary tick (sequence, send time, payload) 25 times a second to the
 * other nodes through the adapter (serverSideEmit, the path a relay node's stream would take) — or, with adapter
 * `none` (the baseline), straight to its own clients; a `relay` passes every tick it gets on to its own clients.
 * Prints `listening <port>` once it serves.
 *
 * Args: role (leader|relay) adapter (none|postgres|redis) broker-url port bytes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import pg from 'pg';
import { createClient } from 'redis';

const [role, adapter, brokerUrl = '', portText, bytesText] = process.argv.slice(2);
const TICK_MS = 40;

async function main(): Promise<void> {
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: 1e7 });
  if (adapter === 'postgres') {
    const pool = new pg.Pool({ connectionString: brokerUrl, max: 4 });
    pool.on('error', () => undefined);
    await pool.query(
      'CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)',
    );
    io.adapter(createPostgresAdapter(pool));
  } else if (adapter === 'redis') {
    const pub = createClient({ url: brokerUrl });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createShardedAdapter(pub, sub));
  }
  await new Promise<void>((resolve) => http.listen(Number(portText), '127.0.0.1', resolve));
  if (role === 'relay') {
    io.on('tick', (seq: number, sentAtMs: number, payload: Buffer) =>
      io.local.volatile.emit('tick', seq, sentAtMs, payload),
    );
  } else {
    const payload = Buffer.alloc(Number(bytesText), 7);
    let seq = 0;
    setInterval(() => {
      seq += 1;
      const sentAtMs = performance.timeOrigin + performance.now();
      if (adapter === 'none') io.local.volatile.emit('tick', seq, sentAtMs, payload);
      else io.serverSideEmit('tick', seq, sentAtMs, payload);
    }, TICK_MS);
  }
  console.log(`listening ${(http.address() as AddressInfo).port}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
