/**
 * A database error while a token is checked never takes the gateway down (issue 14, item 1): the socket.io
 * handshake refuses that client (it retries with a fresh token), a renewal on an open socket is answered
 * UNAVAILABLE, the error is logged, and the gateway keeps serving — over a real socket.io connection.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { GATEWAY_EVENTS, GATEWAY_PROTOCOL_VERSION, HANDSHAKE_REFUSALS } from '../../../common/wire/gateway-handshake';
import type { AuthService } from '../../../gateway/auth/auth-service';
import { requireHandshake } from '../../../gateway/auth/client-handshake';
import { createSocketAuth, type SocketAuthCounters } from '../../../gateway/auth/socket-auth';
import { createRecordingLogger } from '../../support/recording-logger';

const nurse = {
  kind: 'user',
  userId: 1,
  username: 'rivera',
  displayName: 'Nurse Rivera',
  role: 'nurse',
  scope: 'full',
} as const;
/** The database answers the first check, then fails (a disk error, a dropped connection). */
let databaseUp = true;
const service = {
  verifyAccess: async () => {
    if (!databaseUp) throw new Error('database connection lost');
    return { principal: nurse, sessionId: null, expiresAtMs: Date.now() + 60_000 };
  },
} as unknown as AuthService;

const http = createServer();
const server = new Server(http);
const counters: SocketAuthCounters = {
  refusedHandshakes: 0,
  forbiddenRequests: 0,
  invalidRequests: 0,
  invalidReplies: 0,
  expiredDisconnects: 0,
};
const logger = createRecordingLogger();
const socketAuth = createSocketAuth(server, service, counters, logger);
requireHandshake(server, socketAuth, counters, logger);
server.on('connection', (socket) => socketAuth.attach(socket));
const url = new Promise<string>((resolve) =>
  http.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)),
);
const hello = { protocol: GATEWAY_PROTOCOL_VERSION, client: 'station', stationName: 'Desk 1', token: 'a-token' };

afterAll(async () => {
  socketAuth.stop();
  await server.close();
});

describe('a token check that fails', () => {
  it('answers a renewal UNAVAILABLE, refuses a new handshake, and the gateway keeps serving', async () => {
    databaseUp = true;
    const client = connect(await url, { transports: ['websocket'], auth: hello, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      client.on('connect', resolve);
      client.on('connect_error', reject);
    });
    databaseUp = false;
    expect(await client.timeout(2000).emitWithAck(GATEWAY_EVENTS.authenticate, { token: 'a-new-token' })).toMatchObject(
      { ok: false, error: { code: 'UNAVAILABLE' } },
    );
    expect(client.connected).toBe(true);

    const refused = connect(await url, { transports: ['websocket'], auth: hello, reconnection: false });
    const error = await new Promise<Error>((resolve) => refused.on('connect_error', resolve));
    expect(error.message).toBe(HANDSHAKE_REFUSALS.tokenInvalid);
    refused.close();
    expect(logger.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual([
      'a token renewal could not be checked',
      'the token check failed; the client is refused and retries',
    ]);

    // The database is back: the same gateway process admits a client again.
    databaseUp = true;
    const again = connect(await url, { transports: ['websocket'], auth: hello, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      again.on('connect', resolve);
      again.on('connect_error', reject);
    });
    again.close();
    client.close();
  });
});
