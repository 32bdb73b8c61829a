/**
 * The session's credential paths answer results, never throw (issue 13): against a real gateway that then goes
 * away, the stream worker's credential is GATEWAY_UNAVAILABLE with a sentence a nurse can act on — through the
 * station API's handler too, never INTERNAL. And reading a credential changes nothing stored: an enrollment the
 * gateway refuses is set aside (not enrolled, with a notice) but stays in the keychain until an admin forgets
 * the station.
 *
 * The keychain here is an in-memory keychain backend behind the real vault code: the Secret Service runs only
 * inside a dbus session, where station-secrets.test.ts exercises the keychain itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialVault } from '../../../main/credentials/credential-vault';
import { createGatewayAuthClient } from '../../../main/session/gateway-auth-client';
import { createStationSession, type StationSession } from '../../../main/session/station-session';
import { VaultEntries } from '../../../main/session/vault-entries';
import { createStationHandlers } from '../../../main/ipc/station-handlers';
import { startWardGateway, type WardGateway } from '../../../gateway/ward-gateway';
import { DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { demoAccount } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { memoryKeychain } from '../../support/memory-keychain';

const running: WardGateway[] = [];
afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.close().catch(() => undefined);
});

async function gatewayAndSession(
  keychain = memoryKeychain(),
): Promise<{ gateway: WardGateway; session: StationSession; keychain: ReturnType<typeof memoryKeychain> }> {
  const gateway = await startWardGateway({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    ward: { ...DEFAULT_WARD_SETUP, beds: 1 },
    dataDir: null,
    logger: createRecordingLogger(),
  });
  running.push(gateway);
  const session = createStationSession({
    stationName: 'Desk 3',
    auth: createGatewayAuthClient(gateway.server.url, null),
    vault: new VaultEntries(
      createCredentialVault(async () => keychain),
      'test-gateway',
    ),
    localStationToken: null,
    logger: createRecordingLogger('session'),
  });
  await session.restore();
  return { gateway, session, keychain };
}

describe('the session when the gateway goes away', () => {
  it('answers the stream worker GATEWAY_UNAVAILABLE with a sentence, through the station API too', async () => {
    const { gateway, session } = await gatewayAndSession();
    const nurse = demoAccount('nurse');
    expect(await session.signIn(nurse.username, nurse.password, false)).toMatchObject({ ok: true });
    expect(await session.viewCredential(true)).toMatchObject({ ok: true, value: { token: expect.any(String) } });
    await gateway.close();
    const outage = await session.viewCredential(true);
    expect(outage).toMatchObject({
      ok: false,
      error: {
        code: 'GATEWAY_UNAVAILABLE',
        message: expect.stringMatching(/the ward cannot be shown now .*cannot reach the gateway.*keeps trying/),
      },
    });
    const handlers = createStationHandlers({
      identity: () => {
        throw new Error('not used');
      },
      census: () => null,
      credentialStore: async () => {
        throw new Error('not used');
      },
      session,
      wardSettings: () => null,
      alarms: null as never,
      link: null as never,
      host: {},
      updates: null as never,
    });
    expect(
      await handlers.getStreamCredential({ fresh: true }, { transport: 'browser-host', callerId: 'test' }),
    ).toMatchObject({ ok: false, error: { code: 'GATEWAY_UNAVAILABLE' } });
    // The nurse stays signed in: the outage is not the end of her session.
    expect(session.state()).toMatchObject({ user: { username: nurse.username }, notice: null });
    session.close();
  }, 30_000);
});

describe('an enrollment the gateway refuses', () => {
  it('is set aside with a notice, and stays in the keychain until the station is forgotten', async () => {
    const { gateway, session, keychain } = await gatewayAndSession();
    const admin = demoAccount('admin');
    await session.signIn(admin.username, admin.password, false);
    expect(await session.enroll()).toMatchObject({ ok: true, value: { stationAccess: 'enrolled' } });
    await session.signOut();
    expect(await session.viewCredential(true)).toMatchObject({ ok: true, value: { token: expect.any(String) } });
    const stored = [...keychain.entries.values()]
      .map((text) => JSON.parse(text) as { stationId?: string; secret?: string })
      .find((entry) => entry.secret !== undefined);
    // An admin elsewhere revokes the enrollment.
    expect(
      await createGatewayAuthClient(gateway.server.url, null).call('unenroll', {
        stationId: stored?.stationId ?? '',
        secret: stored?.secret ?? '',
      }),
    ).toMatchObject({ ok: true });
    expect(await session.viewCredential(true)).toEqual({ ok: true, value: null });
    expect(session.state()).toMatchObject({
      stationAccess: 'none',
      notice: 'this station’s enrollment was revoked at the gateway; an admin must enroll it again',
    });
    expect(keychain.entries.size).toBe(1);
    expect(await session.forget()).toMatchObject({ ok: true, value: { stationAccess: 'none' } });
    expect(keychain.entries.size).toBe(0);
    session.close();
  }, 30_000);
});
