/**
 * Every async path at the gateway's edge catches and answers (issue 14, finding 1 and "What to build"): each
 * method of each database store (users, sessions, enrollments, settings, journal, history, security log) is made
 * to fail in turn — as a real database failure does, a rejected promise — while stations are connected, and every
 * sign-in API call, handshake, token renewal and ward request is made. Each must be answered (an answer or a
 * refusal, never silence), the connected stations must stay connected and the process must stay up; an unhandled
 * rejection would fail this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { AUTH_PATHS } from '../../../common/wire/gateway-auth';
import { GATEWAY_EVENTS } from '../../../common/wire/gateway-handshake';
import { WARD_REQUESTS, type WardRequestName } from '../../../common/wire/ward-requests';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import {
  startGatewayIdentity,
  type GatewayIdentity,
  type IdentityStores,
} from '../../../gateway/identity/gateway-identity';
import { buildWard, DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { createGatewayClock } from '../../../gateway/streaming/gateway-clock';
import { demoAccount, postAuth, signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { validWardPayloads } from '../../support/ward-request-payloads';

let gateway: GatewayServer;
let identity: GatewayIdentity;
let stores: IdentityStores;
const sockets: Socket[] = [];

beforeAll(async () => {
  const logger = createRecordingLogger();
  const clock = createGatewayClock();
  identity = startGatewayIdentity({ kind: 'memory' }, { kind: 'demo' }, logger);
  gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    logger,
    beds: await buildWard({ ...DEFAULT_WARD_SETUP, beds: 2, scenarioFile: null }, clock(), logger),
    clock,
    identity,
    // Generous limits: this file signs in hundreds of times from one address on purpose.
    signInLimits: { perUser: 10_000, perSource: 10_000, windowMs: 60_000 },
  });
  stores = await identity.stores;
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await gateway.close();
  await identity.close();
});

/** Every method of every store, as `store.method`. */
function storeMethods(): { store: keyof IdentityStores; method: string }[] {
  return (Object.keys(stores) as (keyof IdentityStores)[]).flatMap((store) =>
    Object.getOwnPropertyNames(Object.getPrototypeOf(stores[store]))
      .filter((name) => name !== 'constructor' && typeof (stores[store] as never)[name] === 'function')
      .map((method) => ({ store, method })),
  );
}

/** Makes `store.method` fail as a broken database does; returns the function that mends it. */
function inject(store: keyof IdentityStores, method: string): () => void {
  const target = stores[store] as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method] as (...args: unknown[]) => unknown;
  const failure = new Error(`injected fault: ${store}.${method}`);
  const isAsync = original.constructor.name === 'AsyncFunction';
  target[method] = isAsync
    ? () => Promise.reject(failure)
    : () => {
        throw failure;
      };
  return () => {
    delete target[method];
  };
}

const PAYLOADS: Readonly<Record<WardRequestName, unknown>> = {
  ...validWardPayloads(),
  acknowledgeAlarm: { alarmId: 'a-none', idempotencyKey: 'key-fault-0001' },
  resetAlarm: { alarmId: 'a-none', idempotencyKey: 'key-fault-0002' },
  historyDetail: { alarmId: 'a-none' },
};

/** Who may make each request, so that the handler (and its store) is reached. */
const CLINICAL: ReadonlySet<WardRequestName> = new Set(['acknowledgeAlarm', 'resetAlarm', 'pauseAudio']);

describe('a failing store method never takes the gateway down or leaves a caller unanswered', () => {
  it('for every method of every store', async () => {
    const nurseGrant = await signInDemo(gateway.url, 'nurse');
    const adminGrant = await signInDemo(gateway.url, 'admin');
    const nurse = await welcomed(socketWithToken(gateway.url, nurseGrant.accessToken, 'station', 'Desk 1'));
    const admin = await welcomed(socketWithToken(gateway.url, adminGrant.accessToken, 'station', 'IT desk'));
    sockets.push(nurse, admin);
    const methods = storeMethods();
    expect(methods.length).toBeGreaterThan(25);
    const unanswered: string[] = [];

    for (const { store, method } of methods) {
      const fault = `${store}.${method}`;
      // Fresh credentials for this round, taken while nothing fails.
      const grant = await signInDemo(gateway.url, 'nurse');
      const enrolled = (
        await postAuth(gateway.url, AUTH_PATHS.enroll, { stationName: 'Desk F' }, adminGrant.accessToken)
      ).body as { stationId: string; secret: string };
      const mend = inject(store, method);
      try {
        const { username, password } = demoAccount('physician');
        const calls: [string, Promise<{ status: number }>][] = [
          [
            'signIn',
            postAuth(gateway.url, AUTH_PATHS.signIn, { username, password, stationName: 'D', staySignedIn: false }),
          ],
          ['refresh', postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken })],
          ['viewToken', postAuth(gateway.url, AUTH_PATHS.viewToken, {}, grant.accessToken)],
          ['enroll', postAuth(gateway.url, AUTH_PATHS.enroll, { stationName: 'Desk G' }, adminGrant.accessToken)],
          ['stationToken', postAuth(gateway.url, AUTH_PATHS.stationToken, enrolled)],
          ['unenroll', postAuth(gateway.url, AUTH_PATHS.unenroll, enrolled)],
          ['signOut', postAuth(gateway.url, AUTH_PATHS.signOut, { refreshToken: grant.refreshToken })],
        ];
        // Everything at once, as a ward's stations would: the slowest answer bounds the round.
        const renewal = admin
          .timeout(10_000)
          .emitWithAck(GATEWAY_EVENTS.authenticate, { token: adminGrant.accessToken })
          .then(
            () => null,
            () => `${fault}: token renewal got no answer`,
          );
        const fresh = socketWithToken(gateway.url, grant.accessToken, 'station', 'Desk 2');
        const handshake = welcomed(fresh).then(
          () => null,
          () => null,
        );
        const requests = (Object.keys(WARD_REQUESTS) as WardRequestName[]).map((name) =>
          (CLINICAL.has(name) ? nurse : admin)
            .timeout(10_000)
            .emitWithAck(WARD_REQUESTS[name].event, PAYLOADS[name])
            .then(
              (reply: { ok: boolean; error?: { code: string } }) =>
                !reply.ok && reply.error?.code === 'INVALID_REPLY' ? `${fault}: ${name} broke the contract` : null,
              () => `${fault}: ${name} got no answer`,
            ),
        );
        const http = calls.map(([name, call]) =>
          call.then(({ status }) =>
            [200, 400, 401, 403, 429, 503].includes(status) ? null : `${fault}: ${name} answered HTTP ${status}`,
          ),
        );
        for (const problem of await Promise.all([renewal, handshake, ...requests, ...http]))
          if (problem !== null) unanswered.push(problem);
        fresh.close();
      } finally {
        mend();
      }
      if (!nurse.connected || !admin.connected) unanswered.push(`${fault}: a connected station was dropped`);
    }
    expect(unanswered).toEqual([]);
    // And the gateway still works for everyone once the database does.
    expect((await signInDemo(gateway.url, 'physician')).user.username).toBe('demo.physician');
    expect(await admin.emitWithAck(WARD_REQUESTS.getSettings.event, {})).toMatchObject({ ok: true });
  }, 240_000);
});
