/**
 * TLS to a ward gateway with throwaway CAs (openssl): the station trusts the ward's CA and pins it; it signs in
 * and streams from the gateway that CA signed, and refuses a gateway signed by another CA — also when this
 * computer trusts that other CA too, which is what the pin is for.
 */
import { ok } from '../../../common/ipc/result';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatewayLink, type LinkCredential } from '../../../common/wire/gateway-link';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { startGatewayIdentity, type GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { createGatewayAuthClient } from '../../../main/session/gateway-auth-client';
import {
  loadGatewayTlsSettings,
  nodeTlsOptions,
  normalizeFingerprint,
  type GatewayTlsSettings,
} from '../../../main/session/gateway-tls';
import { createThrowawayPki, type ThrowawayPki } from '../../support/throwaway-ca';
import { demoAccount } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { waitFor } from '../../support/wait-for';

let wardPki: ThrowawayPki;
let otherPki: ThrowawayPki;
let wardGateway: GatewayServer;
let otherGateway: GatewayServer;
let expiredPki: ThrowawayPki;
let expiredGateway: GatewayServer;
let identity: GatewayIdentity;
const closers: (() => void)[] = [];

beforeAll(async () => {
  wardPki = createThrowawayPki('Ward 4B CA');
  otherPki = createThrowawayPki('Some other CA');
  // Issued by a ward CA, for the right host, but expired last year.
  const yearAgo = Date.now() - 365 * 86_400_000;
  expiredPki = createThrowawayPki('Ward 4B CA (expired leaf)', {
    from: new Date(yearAgo - 30 * 86_400_000),
    to: new Date(yearAgo),
  });
  const logger = createRecordingLogger();
  identity = startGatewayIdentity({ kind: 'memory' }, { kind: 'demo' }, logger);
  wardGateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    logger,
    identity,
    tls: { cert: wardPki.serverCertPem, key: wardPki.serverKeyPem },
  });
  otherGateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Impostor',
    logger,
    tls: { cert: otherPki.serverCertPem, key: otherPki.serverKeyPem },
  });
  expiredGateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Expired',
    logger,
    tls: { cert: expiredPki.serverCertPem, key: expiredPki.serverKeyPem },
  });
  await identity.stores;
}, 60_000);

afterAll(async () => {
  for (const close of closers) close();
  await wardGateway.close();
  await otherGateway.close();
  await expiredGateway.close();
  await identity.close();
});

function linkTo(gateway: GatewayServer, settings: GatewayTlsSettings, credential: LinkCredential | null) {
  const link = openGatewayLink({
    url: gateway.url,
    stationName: 'Desk 1',
    client: 'station',
    credentials: async () => ok(credential ?? (await gateway.auth.localStationToken('Desk 1'))),
    logger: createRecordingLogger('link'),
    tls: nodeTlsOptions(settings),
  });
  closers.push(() => link.close());
  return link;
}

describe('TLS with a pinned ward CA', () => {
  it('serves https/wss', () => {
    expect(wardGateway.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('signs in and connects to the gateway its pinned CA signed', async () => {
    const settings = loadGatewayTlsSettings(wardPki.caFile, wardPki.caFingerprint);
    const { username, password } = demoAccount('nurse');
    const signedIn = await createGatewayAuthClient(wardGateway.url, nodeTlsOptions(settings)).call('signIn', {
      username,
      password,
      stationName: 'Desk 1',
      staySignedIn: false,
    });
    expect(signedIn).toMatchObject({ ok: true, value: { user: { username } } });
    const grant = signedIn.ok ? signedIn.value : null;
    const link = linkTo(
      wardGateway,
      settings,
      grant && { token: grant.accessToken, expiresAtMs: grant.accessExpiresAtMs },
    );
    await waitFor('connected over wss', () => link.state().status === 'connected');
    expect(link.state().wardName).toBe('Ward 4B');
  });

  it('refuses a gateway whose certificate another CA signed', async () => {
    const settings = loadGatewayTlsSettings(wardPki.caFile, wardPki.caFingerprint);
    const refused = await createGatewayAuthClient(otherGateway.url, nodeTlsOptions(settings)).call('signIn', {
      username: 'x',
      password: 'y',
      stationName: 'Desk 1',
      staySignedIn: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    const link = linkTo(otherGateway, settings, null);
    await waitFor('refused', () => link.state().failedAttempts >= 1);
    expect(link.state().status).toBe('disconnected');
    expect(otherGateway.connectedClients()).toBe(0);
  });

  it('refuses a gateway whose certificate, from the pinned ward CA, has expired', async () => {
    const settings = loadGatewayTlsSettings(expiredPki.caFile, expiredPki.caFingerprint);
    const refused = await createGatewayAuthClient(expiredGateway.url, nodeTlsOptions(settings)).call('signIn', {
      username: 'x',
      password: 'y',
      stationName: 'Desk 1',
      staySignedIn: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNREACHABLE', message: /CERT_HAS_EXPIRED/ } });
    const link = linkTo(expiredGateway, settings, null);
    await waitFor('refused', () => link.state().failedAttempts >= 1);
    expect(expiredGateway.connectedClients()).toBe(0);
  });

  it('refuses it by the pin even when this computer trusts the other CA too, and accepts it without the pin', async () => {
    const both = { caPem: wardPki.caPem + otherPki.caPem };
    const pinned: GatewayTlsSettings = { ...both, pinnedFingerprint: normalizeFingerprint(wardPki.caFingerprint) };
    const link = linkTo(otherGateway, pinned, null);
    await waitFor('refused by the pin', () => link.state().failedAttempts >= 1);
    expect(link.state().detail).toMatch(/certificate/);
    expect(otherGateway.connectedClients()).toBe(0);

    const unpinned = linkTo(otherGateway, { ...both, pinnedFingerprint: null }, null);
    await waitFor('connected without the pin', () => unpinned.state().status === 'connected');
  });

  it('reads fingerprints as IT writes them and names a bad one', () => {
    const plain = wardPki.caFingerprint.replace(/:/g, '').toLowerCase();
    expect(normalizeFingerprint(`sha256:${plain}`)).toBe(wardPki.caFingerprint);
    expect(() => normalizeFingerprint('AB:CD')).toThrow(/32 bytes of hex/);
    expect(() => loadGatewayTlsSettings('/nonexistent/ca.pem', undefined)).toThrow(/--gateway-ca: cannot read/);
  });
});
