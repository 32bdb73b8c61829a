/**
 * Sign-in, tokens and authorization on a real gateway (socket.io server and client, the sign-in API over HTTP,
 * users in embedded PostgreSQL): the role × action matrix; handshakes without, with expired and with forged
 * tokens; sign-out revoking a live socket; enrollment and forgetting (sign-in limits: sign-in-limits.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ROLES_ALLOWED, type Action } from '../../../common/identity/permissions';
import { AUTH_PATHS } from '../../../common/wire/gateway-auth';
import { GATEWAY_EVENTS, HANDSHAKE_REFUSALS } from '../../../common/wire/gateway-handshake';
import { WARD_REQUESTS, type WardRequestName } from '../../../common/wire/ward-requests';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { startGatewayIdentity, type GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { buildWard, DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { createGatewayClock } from '../../../gateway/streaming/gateway-clock';
import { demoAccount, postAuth, signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { validWardPayloads } from '../../support/ward-request-payloads';
import { waitFor } from '../../support/wait-for';

let gateway: GatewayServer;
let identity: GatewayIdentity;
const sockets: Socket[] = [];

beforeAll(async () => {
  const logger = createRecordingLogger();
  const clock = createGatewayClock();
  identity = startGatewayIdentity({ kind: 'memory' }, { kind: 'demo' }, logger);
  const beds = await buildWard({ ...DEFAULT_WARD_SETUP, beds: 2 }, clock(), logger);
  gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    logger,
    beds,
    clock,
    identity,
  });
  await identity.stores;
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await gateway.close();
  await identity.close();
});

async function connectAs(token: string, stationName = 'Matrix station'): Promise<Socket> {
  const socket = socketWithToken(gateway.url, token, 'station', stationName);
  sockets.push(socket);
  return welcomed(socket);
}

/** A valid payload for each request, so that only authorization decides. */
const PAYLOADS: Readonly<Record<WardRequestName, unknown>> = validWardPayloads();

type Who = 'nurse' | 'physician' | 'admin' | 'station' | 'nurse (view-only token)';
const WHO: readonly Who[] = ['nurse', 'physician', 'admin', 'station', 'nurse (view-only token)'];

async function tokenFor(who: Who): Promise<string> {
  if (who === 'station') return (await gateway.auth.localStationToken('Matrix station')).token;
  const grant = await signInDemo(gateway.url, who === 'nurse (view-only token)' ? 'nurse' : who);
  if (who !== 'nurse (view-only token)') return grant.accessToken;
  const view = await postAuth(gateway.url, AUTH_PATHS.viewToken, {}, grant.accessToken);
  return (view.body as { accessToken: string }).accessToken;
}

function allowed(who: Who, action: Action): boolean {
  if (action === 'ward.view') return true;
  if (who === 'station' || who === 'nurse (view-only token)') return false;
  return ROLES_ALLOWED[action].includes(who);
}

describe('role × action over the real socket', () => {
  const matrix = WHO.flatMap((who) =>
    (Object.keys(WARD_REQUESTS) as WardRequestName[]).map((name) => [who, name] as const),
  );

  it.each(matrix)('%s → %s', async (who, name) => {
    const socket = await connectAs(await tokenFor(who));
    const definition = WARD_REQUESTS[name];
    const reply = (await socket.emitWithAck(definition.event, PAYLOADS[name])) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    if (allowed(who, definition.action)) {
      // Allowed: the handler ran. (There is no alarm a-1, so acknowledging and resetting answer UNKNOWN_ALARM.)
      if (name === 'acknowledgeAlarm' || name === 'resetAlarm' || name === 'historyDetail')
        expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ALARM' } });
      // This gateway has no data folder, so no full disclosure: the strip is refused for that reason, not the role.
      else if (name === 'historyStrip') expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      // There is no user "nobody": the store's refusal, not the role's.
      else if (name === 'setUserDisabled' || name === 'resetUserPassword')
        expect(reply).toMatchObject({ ok: false, error: { code: 'REFUSED', message: 'there is no user "nobody"' } });
      // This gateway has no EMR: the vitals are refused for that reason, not the role.
      else if (name === 'sendVitals')
        expect(reply).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringMatching(/--emr/) } });
      // No remote patient "rp-nobody": the programme's refusal, not the role's.
      else if (name === 'registerRemoteDevice')
        expect(reply).toMatchObject({
          ok: false,
          error: { code: 'REFUSED', message: 'no remote patient "rp-nobody"' },
        });
      // The second clinician to enroll the same MRN is told it is enrolled already.
      else if (name === 'enrollRemote')
        expect(reply.ok || reply.error?.message.includes('already enrolled')).toBe(true);
      else if (name === 'addUser')
        expect(reply).toMatchObject({
          ok: false,
          error: { code: 'REFUSED', message: expect.stringMatching(/not a valid username/) },
        });
      else expect(reply).toMatchObject({ ok: true });
    } else {
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(reply.error?.message).toMatch(/may not|may only show the ward|view-only/);
    }
    socket.close();
  });

  it('says which role may, in words the station shows', async () => {
    const socket = await connectAs(await tokenFor('nurse'));
    expect(await socket.emitWithAck(WARD_REQUESTS.setAlarmPolicy.event, { audioPauseSeconds: 60 })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'a nurse may not change the alarm policy; only an admin may' },
    });
  });

  it('validates payloads after authorization and never crashes on a request without a callback', async () => {
    const socket = await connectAs(await tokenFor('admin'));
    const before = gateway.stats().invalidRequests;
    expect(await socket.emitWithAck(WARD_REQUESTS.setStationSettings.event, { autoLockMinutes: 'soon' })).toMatchObject(
      { ok: false, error: { code: 'INVALID_REQUEST' } },
    );
    expect(await socket.emitWithAck(WARD_REQUESTS.setScenario.event, 42)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    socket.emit(WARD_REQUESTS.pauseAudio.event, {});
    expect(
      await socket.emitWithAck(WARD_REQUESTS.setScenario.event, { bedId: 'bed-77', scenario: 'vt' }),
    ).toMatchObject({ ok: false, error: { code: 'UNKNOWN_BED', message: 'no bed "bed-77" in this ward' } });
    expect(gateway.stats().invalidRequests).toBe(before + 3);
  });

  it('stores an admin’s settings change and pushes it to every station', async () => {
    const admin = await connectAs(await tokenFor('admin'));
    const watcher = await connectAs(await tokenFor('station'));
    const pushed = new Promise((resolve) => watcher.once('settings-changed', resolve));
    const reply = (await admin.emitWithAck(WARD_REQUESTS.setStationSettings.event, { autoLockMinutes: 2 })) as {
      ok: true;
      value: { station: { autoLockMinutes: number } };
    };
    expect(reply.value.station.autoLockMinutes).toBe(2);
    expect(await pushed).toMatchObject({ station: { autoLockMinutes: 2 } });
    expect(await watcher.emitWithAck(WARD_REQUESTS.getSettings.event, {})).toMatchObject({
      ok: true,
      value: { station: { autoLockMinutes: 2 }, alarmPolicy: { audioPauseSeconds: 120 } },
    });
    await admin.emitWithAck(WARD_REQUESTS.setStationSettings.event, { autoLockMinutes: 5 });
  });

  it('journals every alarm policy change with who made it and the values before and after', async () => {
    const admin = await connectAs(await tokenFor('admin'));
    await admin.emitWithAck(WARD_REQUESTS.setAlarmPolicy.event, { escalationSeconds: 90 });
    await admin.emitWithAck(WARD_REQUESTS.setAlarmPolicy.event, { escalationSeconds: 60 });
    type Event = { kind: string; username: string | null; details: Record<string, unknown> };
    let changes: Event[] = [];
    // Settings changes go through the journal's queue: written within moments, in order with the alarm events.
    for (let tries = 0; tries < 100 && changes.length < 2; tries += 1) {
      const history = (await admin.emitWithAck(WARD_REQUESTS.queryHistory.event, {
        fromMs: 0,
        toMs: Date.now() + 60_000,
        limit: 1000,
      })) as { value: { events: Event[] } };
      changes = history.value.events.filter(
        (event) => event.kind === 'settings-changed' && event.details.part === 'alarmPolicy',
      );
      if (changes.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [first, second] = changes.slice(-2) as [Event, Event];
    expect(first).toMatchObject({
      username: 'demo.admin',
      details: { before: { escalationSeconds: 60 }, after: { escalationSeconds: 90 } },
    });
    expect(second).toMatchObject({ details: { before: { escalationSeconds: 90 }, after: { escalationSeconds: 60 } } });
  });
});

describe('handshake', () => {
  it.each([
    ['no token', undefined, HANDSHAKE_REFUSALS.authRequired],
    ['a forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', HANDSHAKE_REFUSALS.tokenInvalid],
    ['garbage', 'not-a-token', HANDSHAKE_REFUSALS.tokenInvalid],
  ])('refuses %s with a specific reason', async (_label, token, reason) => {
    const before = gateway.stats().refusedHandshakes;
    const socket = socketWithToken(gateway.url, token);
    sockets.push(socket);
    await expect(welcomed(socket)).rejects.toThrow(reason);
    expect(gateway.stats().refusedHandshakes).toBe(before + 1);
  });

  it('welcomes a user with who the gateway takes them for', async () => {
    const grant = await signInDemo(gateway.url, 'physician');
    const socket = socketWithToken(gateway.url, grant.accessToken);
    sockets.push(socket);
    const welcome = new Promise((resolve) => socket.once(GATEWAY_EVENTS.welcome, resolve));
    expect(await welcome).toMatchObject({
      principal: { kind: 'user', username: 'demo.physician', role: 'physician', scope: 'full' },
      tokenExpiresAtMs: grant.accessExpiresAtMs,
    });
  });
});

describe('sessions', () => {
  it('rotates refresh tokens: the old one stops working, the new one works', async () => {
    const grant = await signInDemo(gateway.url, 'nurse');
    const refreshed = await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken });
    expect(refreshed.status).toBe(200);
    const next = await postAuth(gateway.url, AUTH_PATHS.refresh, {
      refreshToken: (refreshed.body as { refreshToken: string }).refreshToken,
    });
    expect(next.status).toBe(200);
  });

  it('ends the whole session when a rotated refresh token is used again — whoever refreshed first', async () => {
    const grant = await signInDemo(gateway.url, 'nurse');
    const socket = await connectAs(grant.accessToken);
    const ended = new Promise((resolve) => socket.once(GATEWAY_EVENTS.authEnded, resolve));
    // The thief refreshes first with a copied token; the station's own (now rotated) token comes second.
    const thief = await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken });
    expect(thief.status).toBe(200);
    const station = await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken });
    expect(station).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_INVALID', message: expect.stringMatching(/refresh token was used twice/) } },
    });
    // The thief's fresh token dies with the session, and the session's live socket is dropped.
    const thiefAgain = await postAuth(gateway.url, AUTH_PATHS.refresh, {
      refreshToken: (thief.body as { refreshToken: string }).refreshToken,
    });
    expect(thiefAgain).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_INVALID' } } });
    expect(await ended).toMatchObject({ reason: 'TOKEN_REVOKED' });
  });

  it('signs out: the session’s live socket is told and dropped, its refresh token and access token refused', async () => {
    const grant = await signInDemo(gateway.url, 'nurse');
    const socket = await connectAs(grant.accessToken);
    const ended = new Promise((resolve) => socket.once(GATEWAY_EVENTS.authEnded, resolve));
    const out = await postAuth(gateway.url, AUTH_PATHS.signOut, { refreshToken: grant.refreshToken });
    expect(out).toEqual({ status: 200, body: { signedOut: true } });
    expect(await ended).toMatchObject({ reason: 'TOKEN_REVOKED' });
    await waitFor('dropped', () => !socket.connected);
    expect((await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken })).status).toBe(401);
    const retry = socketWithToken(gateway.url, grant.accessToken);
    sockets.push(retry);
    await expect(welcomed(retry)).rejects.toThrow(HANDSHAKE_REFUSALS.tokenInvalid);
  });

  it('ends every session of a user who is disabled or whose password is reset', async () => {
    const grant = await signInDemo(gateway.url, 'physician', 'Desk 5');
    const { users } = await identity.stores;
    await users.setDisabled('demo.physician', true);
    expect(await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken })).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_INVALID' } },
    });
    await users.setDisabled('demo.physician', false);
    expect((await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken })).status).toBe(401);
    const again = await signInDemo(gateway.url, 'physician', 'Desk 5');
    await users.resetPassword('demo.physician', demoAccount('physician').password);
    expect((await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: again.refreshToken })).status).toBe(401);
  });

  it('enrolls a station (admin only): its secret gets view-only tokens until it is forgotten', async () => {
    const nurse = await signInDemo(gateway.url, 'nurse');
    expect(await postAuth(gateway.url, AUTH_PATHS.enroll, { stationName: 'Desk 2' }, nurse.accessToken)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    const admin = await signInDemo(gateway.url, 'admin');
    const enrolled = await postAuth(gateway.url, AUTH_PATHS.enroll, { stationName: 'Desk 2' }, admin.accessToken);
    const { stationId, secret } = enrolled.body as { stationId: string; secret: string };
    const granted = await postAuth(gateway.url, AUTH_PATHS.stationToken, { stationId, secret });
    const socket = await connectAs((granted.body as { accessToken: string }).accessToken, 'Desk 2');
    expect(await socket.emitWithAck(WARD_REQUESTS.subscribe.event, PAYLOADS.subscribe)).toMatchObject({ ok: true });
    expect(await socket.emitWithAck(WARD_REQUESTS.pauseAudio.event, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await postAuth(gateway.url, AUTH_PATHS.stationToken, { stationId, secret: 'wrong' })).toMatchObject({
      status: 401,
      body: { error: { code: 'BAD_CREDENTIALS' } },
    });

    const ended = new Promise((resolve) => socket.once(GATEWAY_EVENTS.authEnded, resolve));
    expect(await postAuth(gateway.url, AUTH_PATHS.unenroll, { stationId, secret })).toEqual({
      status: 200,
      body: { forgotten: true },
    });
    expect(await ended).toMatchObject({ reason: 'TOKEN_REVOKED' });
    expect((await postAuth(gateway.url, AUTH_PATHS.stationToken, { stationId, secret })).status).toBe(401);
  });
});

describe('the journal’s station', () => {
  it('is the enrolled station the nurse signed in at, never the name a client puts in its hello', async () => {
    const admin = await signInDemo(gateway.url, 'admin');
    const enrolled = await postAuth(gateway.url, AUTH_PATHS.enroll, { stationName: 'ICU desk 3' }, admin.accessToken);
    const stationToken = (
      (await postAuth(gateway.url, AUTH_PATHS.stationToken, enrolled.body)).body as { accessToken: string }
    ).accessToken;
    const { username, password } = demoAccount('nurse');
    const vouched = await postAuth(
      gateway.url,
      AUTH_PATHS.signIn,
      { username, password, stationName: 'ICU desk 3', staySignedIn: false },
      stationToken,
    );
    const grant = vouched.body as { accessToken: string; refreshToken: string };
    // The client claims to be another desk in its hello; the journal is not fooled.
    const atEnrolled = await connectAs(grant.accessToken, 'Charge nurse desk');
    expect(await atEnrolled.emitWithAck(WARD_REQUESTS.pauseAudio.event, {})).toMatchObject({ ok: true });
    // After a refresh the session still knows where it was signed in.
    const refreshed = (await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken })).body as {
      accessToken: string;
    };
    const afterRefresh = await connectAs(refreshed.accessToken, 'Charge nurse desk');
    expect(await afterRefresh.emitWithAck(WARD_REQUESTS.pauseAudio.event, {})).toMatchObject({ ok: true });
    // Signed in without a station's word: the claimed name is kept, marked as unverified.
    const unvouched = await connectAs((await signInDemo(gateway.url, 'nurse', 'Hallway kiosk')).accessToken, 'Kiosk');
    expect(await unvouched.emitWithAck(WARD_REQUESTS.pauseAudio.event, {})).toMatchObject({ ok: true });

    const history = (await atEnrolled.emitWithAck(WARD_REQUESTS.queryHistory.event, {
      fromMs: 0,
      toMs: Date.now() + 60_000,
      limit: 50,
    })) as { value: { events: { kind: string; station: string | null }[] } };
    const stations = history.value.events
      .filter((event) => event.kind === 'audio-paused')
      .map((event) => event.station);
    expect(stations.slice(-3)).toEqual(['ICU desk 3', 'ICU desk 3', 'Kiosk [not enrolled: 127.0.0.1]']);
  });
});

describe('users on a live gateway (admin API)', () => {
  it('disables a user: every session ends and their live connection is dropped at once; enabling lets them back', async () => {
    const nurse = await signInDemo(gateway.url, 'nurse');
    const nurseSocket = await connectAs(nurse.accessToken);
    const dropped = new Promise((resolve) => nurseSocket.once(GATEWAY_EVENTS.authEnded, resolve));
    const admin = await connectAs((await signInDemo(gateway.url, 'admin')).accessToken);
    const disabled = await admin.emitWithAck(WARD_REQUESTS.setUserDisabled.event, {
      username: 'demo.nurse',
      disabled: true,
    });
    expect(disabled).toMatchObject({ ok: true, value: { user: { username: 'demo.nurse', disabled: true } } });
    expect((disabled as { value: { sessionsEnded: number } }).value.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await dropped).toMatchObject({ reason: 'TOKEN_REVOKED' });
    await waitFor('the nurse socket closed', () => !nurseSocket.connected);
    await expect(signInDemo(gateway.url, 'nurse')).rejects.toThrow(/BAD_CREDENTIALS/);
    const listed = (await admin.emitWithAck(WARD_REQUESTS.listUsers.event, {})) as {
      value: { users: { username: string; disabled: boolean }[] };
    };
    expect(listed.value.users.find((user) => user.username === 'demo.nurse')).toMatchObject({ disabled: true });
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|hash/);
    await admin.emitWithAck(WARD_REQUESTS.setUserDisabled.event, { username: 'demo.nurse', disabled: false });
    expect((await signInDemo(gateway.url, 'nurse')).user.username).toBe('demo.nurse');
    // An admin cannot lock themselves out.
    expect(
      await admin.emitWithAck(WARD_REQUESTS.setUserDisabled.event, { username: 'demo.admin', disabled: true }),
    ).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });

  it('resets a password on the live gateway: the old one stops working, a weak one is refused with the rule', async () => {
    const admin = await connectAs((await signInDemo(gateway.url, 'admin')).accessToken);
    expect(
      await admin.emitWithAck(WARD_REQUESTS.resetUserPassword.event, { username: 'demo.physician', password: 'short' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', message: expect.stringMatching(/at least 10 characters/) },
    });
    const { password } = demoAccount('physician');
    expect(
      await admin.emitWithAck(WARD_REQUESTS.resetUserPassword.event, {
        username: 'demo.physician',
        password: 'rounds at seven, ward 4B',
      }),
    ).toMatchObject({ ok: true, value: { username: 'demo.physician' } });
    await expect(signInDemo(gateway.url, 'physician')).rejects.toThrow(/BAD_CREDENTIALS/);
    // Put back for the other tests of this file.
    await admin.emitWithAck(WARD_REQUESTS.resetUserPassword.event, { username: 'demo.physician', password });
    expect((await signInDemo(gateway.url, 'physician')).user.username).toBe('demo.physician');
  });
});

describe('the sign-in API under bad input', () => {
  it.each([
    ['not JSON', 'application/json', '{nope', 400, /not valid JSON/],
    ['not declared JSON', 'text/plain', '{}', 400, /must be JSON/],
    [
      'wrong types',
      'application/json',
      JSON.stringify({ username: 7, password: [], stationName: 'x', staySignedIn: 'yes' }),
      400,
      /username/,
    ],
    [
      'oversized',
      'application/json',
      JSON.stringify({ username: 'x', password: 'y'.repeat(10_000), stationName: 'x', staySignedIn: false }),
      400,
      /larger than 4096 bytes/,
    ],
  ])('answers %s with a specific error', async (_label, type, body, status, message) => {
    const response = await fetch(new URL(AUTH_PATHS.signIn, gateway.url), {
      method: 'POST',
      headers: { 'Content-Type': type },
      body,
    });
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('INVALID_REQUEST');
    expect(answer.error.message).toMatch(message);
  });

  it('answers unknown paths 404 and GET on the API 405', async () => {
    expect((await fetch(new URL('/nothing', gateway.url))).status).toBe(404);
    expect((await fetch(new URL(AUTH_PATHS.signIn, gateway.url))).status).toBe(405);
  });
});
