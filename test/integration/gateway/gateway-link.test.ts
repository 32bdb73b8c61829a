/**
 * The station's link to a real gateway (socket.io server and client on loopback): handshake, heartbeats,
 * refusal of another protocol, loss and recovery of the gateway.
 */
import { ok } from '../../../common/ipc/result';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { openGatewayLink, type GatewayLink } from '../../../common/wire/gateway-link';
import { GATEWAY_PROTOCOL_VERSION, HANDSHAKE_REFUSALS } from '../../../common/wire/gateway-handshake';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { createRecordingLogger } from '../../support/recording-logger';
import { waitFor } from '../../support/wait-for';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(port = 0): Promise<GatewayServer> {
  const server = await startGatewayServer({
    host: '127.0.0.1',
    port,
    wardName: 'Ward 4B',
    logger: createRecordingLogger('gateway'),
  });
  started.push(server);
  cleanups.push(() => server.close());
  return server;
}

/** The gateways started so far, newest last: a link takes its station token from the one currently running. */
const started: GatewayServer[] = [];

function link(url: string): GatewayLink {
  const credentials = async () => {
    const current = started.at(-1);
    return ok(
      current === undefined
        ? null
        : await current.auth
            .localStationToken('Nurse station 1')
            .then(({ token, expiresAtMs }) => ({ token, expiresAtMs })),
    );
  };
  const opened = openGatewayLink({
    url,
    stationName: 'Nurse station 1',
    client: 'station',
    credentials,
    logger: createRecordingLogger('link'),
    heartbeatMs: 100,
  });
  cleanups.push(() => opened.close());
  return opened;
}

describe('gateway link', () => {
  it('connects, learns the ward and measures heartbeat round trips', async () => {
    const server = await gateway();
    const station = link(server.url);
    expect(station.state().status).toBe('connecting');
    await waitFor('connected', () => station.state().status === 'connected');
    expect(station.state()).toMatchObject({ wardName: 'Ward 4B', detail: null, failedAttempts: 0 });
    const roundTrip = await waitFor('a heartbeat round trip', () => station.state().roundTripMs ?? undefined);
    expect(roundTrip).toBeGreaterThanOrEqual(0);
    expect(server.connectedClients()).toBe(1);
  });

  it('reports a gateway that is not running as disconnected, with the reason', async () => {
    const server = await gateway();
    const url = server.url;
    await server.close();
    const station = link(url);
    const state = await waitFor('disconnected', () =>
      station.state().status === 'disconnected' ? station.state() : undefined,
    );
    expect(state.detail).toMatch(/refused the connection/);
    expect(state.failedAttempts).toBeGreaterThan(0);
  });

  it('notices the gateway going away and reconnects when it is back on the same address', async () => {
    const first = await gateway();
    const port = Number(new URL(first.url).port);
    const changes: string[] = [];
    const station = link(first.url);
    station.onChange((state) => changes.push(state.status));
    await waitFor('connected', () => station.state().status === 'connected');
    await first.close();
    await waitFor('disconnected', () => station.state().status === 'disconnected');
    await gateway(port);
    await waitFor('connected again', () => station.state().status === 'connected', 15_000);
    expect(changes).toEqual(expect.arrayContaining(['connected', 'disconnected']));
    expect(changes.at(-1)).toBe('connected');
  });

  it('refuses a client speaking another protocol version, before it is accepted', async () => {
    const server = await gateway();
    const socket = io(server.url, {
      auth: { protocol: GATEWAY_PROTOCOL_VERSION + 1, client: 'station', stationName: 'Old station' },
      transports: ['websocket'],
      reconnection: false,
    });
    cleanups.push(() => void socket.close());
    const error = await new Promise<Error & { data?: unknown }>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe(HANDSHAKE_REFUSALS.protocolMismatch);
    expect(error.data).toEqual({ gatewayProtocol: GATEWAY_PROTOCOL_VERSION });
    expect(server.connectedClients()).toBe(0);
  });

  it.each([
    [{}],
    [{ protocol: 'one', client: 'station', stationName: 'x' }],
    [{ protocol: 1, client: 'robot', stationName: 'x' }],
  ])('refuses a malformed hello %j', async (auth) => {
    const server = await gateway();
    const socket = io(server.url, { auth, transports: ['websocket'], reconnection: false });
    cleanups.push(() => void socket.close());
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe(HANDSHAKE_REFUSALS.malformedHello);
  });

  it('survives a heartbeat without a callback and answers the next one', async () => {
    const server = await gateway();
    const { token } = await server.auth.localStationToken('Careless client');
    const socket = io(server.url, {
      auth: { protocol: GATEWAY_PROTOCOL_VERSION, client: 'station', stationName: 'Careless client', token },
      transports: ['websocket'],
    });
    cleanups.push(() => void socket.close());
    await new Promise((resolve) => socket.once('welcome', resolve));
    socket.emit('heartbeat');
    socket.emit('heartbeat', 'not a function');
    const reply = await socket.timeout(2000).emitWithAck('heartbeat');
    expect(reply).toMatchObject({ serverTimeMs: expect.any(Number) });
  });
});
