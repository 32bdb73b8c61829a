/**
 * The station's session against a real gateway (in this process: socket.io, the sign-in API, users in embedded
 * PostgreSQL), with access tokens that live 2 s: the control link keeps streaming while its token is renewed
 * many times; a client that does not renew is dropped with TOKEN_EXPIRED; lock, unlock, user switch, automatic
 * lock and sign-out change what the gateway lets the link do. The keychain is the real one of this machine,
 * which has none outside a desktop session: stay-signed-in then says so instead of storing anything elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatewayLink, type GatewayLink } from '../../../common/wire/gateway-link';
import { GATEWAY_EVENTS, HANDSHAKE_REFUSALS } from '../../../common/wire/gateway-handshake';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { startGatewayIdentity, type GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { buildWard, DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { createGatewayClock } from '../../../gateway/streaming/gateway-clock';
import { createCredentialVault } from '../../../main/credentials/credential-vault';
import { createGatewayAuthClient } from '../../../main/session/gateway-auth-client';
import { createStationSession, type StationSession } from '../../../main/session/station-session';
import { VaultEntries } from '../../../main/session/vault-entries';
import { demoAccount, signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { waitFor } from '../../support/wait-for';

let gateway: GatewayServer;
let identity: GatewayIdentity;
const closers: (() => void)[] = [];

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
    accessTokenSeconds: 2,
  });
  await identity.stores;
}, 60_000);

afterAll(async () => {
  for (const close of closers) close();
  await gateway.close();
  await identity.close();
});

/** A station session on a remote (not embedded, not enrolled) gateway, with an adjustable clock for auto-lock. */
function stationSession(clock = { offsetMs: 0 }): StationSession {
  const session = createStationSession({
    stationName: 'Desk 1',
    auth: createGatewayAuthClient(gateway.url, null),
    vault: new VaultEntries(createCredentialVault(), 'test-gateway'),
    localStationToken: null,
    logger: createRecordingLogger('session'),
    now: () => Date.now() + clock.offsetMs,
  });
  closers.push(() => session.close());
  return session;
}

function controlLink(session: StationSession): GatewayLink {
  const link = openGatewayLink({
    url: gateway.url,
    stationName: 'Desk 1',
    client: 'station',
    credentials: session.controlCredential,
    logger: createRecordingLogger('link'),
    heartbeatMs: 200,
  });
  session.onChange(() => void link.reauthenticate());
  closers.push(() => link.close());
  return link;
}

describe('tokens during a live stream', () => {
  it('renews a 2 s token many times while frames keep flowing, on one socket', async () => {
    const session = stationSession();
    const { username, password } = demoAccount('nurse');
    expect(await session.signIn(username, password, false)).toMatchObject({ ok: true });
    const link = controlLink(session);
    const statuses: string[] = [];
    link.onChange((state) => statuses.push(state.status));
    await waitFor('connected', () => link.state().status === 'connected');
    let batches = 0;
    const perSecond: number[] = [];
    link.on(WARD_EVENTS.waves, () => (batches += 1));
    expect(await link.call('subscribe', { beds: 'all', waveforms: true })).toMatchObject({ ok: true });
    for (let second = 0; second < 8; second += 1) {
      const before = batches;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      perSecond.push(batches - before);
    }
    // 25 batches a second, every second, across four token lifetimes: the view never stopped.
    expect(Math.min(...perSecond)).toBeGreaterThanOrEqual(15);
    expect(statuses.filter((status) => status !== 'connected')).toEqual([]);
    expect(gateway.stats().expiredDisconnects).toBe(0);
    expect(link.state().principal).toMatchObject({ username: 'demo.nurse', scope: 'full' });
    // The renewed token still carries the nurse's rights.
    expect(await link.call('pauseAudio', {})).toMatchObject({ ok: true });
  }, 30_000);

  it('drops a client that does not renew, saying why, and refuses its expired token at the next handshake', async () => {
    const grant = await signInDemo(gateway.url, 'physician');
    const socket = await welcomed(socketWithToken(gateway.url, grant.accessToken));
    closers.push(() => socket.close());
    const ended = await new Promise((resolve) => socket.once(GATEWAY_EVENTS.authEnded, resolve));
    expect(ended).toMatchObject({ reason: 'TOKEN_EXPIRED' });
    await waitFor('dropped', () => !socket.connected);
    const again = socketWithToken(gateway.url, grant.accessToken);
    closers.push(() => again.close());
    await expect(welcomed(again)).rejects.toThrow(HANDSHAKE_REFUSALS.tokenExpired);
  }, 20_000);
});

describe('lock, unlock, switch and sign out', () => {
  it('a locked station keeps watching but the gateway refuses its acknowledgments; unlocking restores them', async () => {
    const session = stationSession();
    const nurse = demoAccount('nurse');
    await session.signIn(nurse.username, nurse.password, false);
    const link = controlLink(session);
    await waitFor('connected as the nurse', () => link.state().principal?.kind === 'user');

    expect(session.lock()).toMatchObject({ ok: true, value: { locked: true, user: { username: 'demo.nurse' } } });
    await waitFor(
      'view-only',
      () => (link.state().principal?.kind === 'user' && link.state().principal?.scope === 'view') || undefined,
    );
    expect(await link.call('subscribe', { beds: 'all', waveforms: false })).toMatchObject({ ok: true });
    expect(await link.call('pauseAudio', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(await session.unlock('not her password')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(session.state().locked).toBe(true);
    expect(await session.unlock(nurse.password)).toMatchObject({ ok: true, value: { locked: false } });
    await waitFor(
      'full again',
      () => link.state().principal?.kind === 'user' && link.state().principal?.scope === 'full',
    );
    expect(await link.call('pauseAudio', {})).toMatchObject({ ok: true });
  }, 30_000);

  it('switches user at a locked station: the new user acts, the previous session ends', async () => {
    const session = stationSession();
    const nurse = demoAccount('nurse');
    const physician = demoAccount('physician');
    await session.signIn(nurse.username, nurse.password, false);
    const link = controlLink(session);
    session.lock();
    expect(await session.signIn(physician.username, physician.password, false)).toMatchObject({
      ok: true,
      value: { user: { username: 'demo.physician', role: 'physician' }, locked: false },
    });
    await waitFor('acting as the physician', () => {
      const principal = link.state().principal;
      return principal?.kind === 'user' && principal.username === 'demo.physician';
    });
    expect(await link.call('queryHistory', { fromMs: 0, toMs: Date.now(), limit: 5 })).toMatchObject({ ok: true });
  }, 30_000);

  it('locks by itself after the ward’s idle time, and activity postpones it', async () => {
    const clock = { offsetMs: 0 };
    const session = stationSession(clock);
    const nurse = demoAccount('nurse');
    await session.signIn(nurse.username, nurse.password, false);
    session.setAutoLockMinutes(2);
    expect(session.state().autoLockAtMs).toBeGreaterThan(Date.now() + 100_000);
    clock.offsetMs = 90_000;
    session.noteActivity();
    clock.offsetMs = 180_000;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(session.state().locked).toBe(false);
    clock.offsetMs = 211_000;
    await waitFor('locked', () => session.state().locked, 3000);
    expect(session.state()).toMatchObject({ user: { username: 'demo.nurse' }, autoLockAtMs: null });
  }, 30_000);

  it('signs out: nobody is signed in and a station that is not enrolled stops showing the ward', async () => {
    const session = stationSession();
    const nurse = demoAccount('nurse');
    await session.signIn(nurse.username, nurse.password, false);
    const link = controlLink(session);
    await waitFor('connected', () => link.state().status === 'connected');
    expect(await session.signOut()).toMatchObject({
      ok: true,
      value: { user: null, locked: false, stationAccess: 'none' },
    });
    await waitFor('unauthorized', () => link.state().status === 'unauthorized');
    expect(link.state().detail).toMatch(/sign in/);
  }, 30_000);

  it('cannot stay signed in without a keychain, and says so — nothing is stored anywhere else', async () => {
    const session = stationSession();
    const nurse = demoAccount('nurse');
    const result = await session.signIn(nurse.username, nurse.password, true);
    expect(result).toMatchObject({ ok: true, value: { user: { staySignedIn: false } } });
    expect(session.state().notice).toMatch(/cannot keep you signed in: no OS keychain is available/);
  });
});
