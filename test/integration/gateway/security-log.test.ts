/**
 * The security event log (issue 14, "watching for suspicious activity"): failed and rate-limited sign-ins,
 * refresh-token reuse, refused handshakes and user changes are kept in the gateway database, raise alerts for a
 * burst, reach an admin over the real socket — and a real rsyslogd over TLS (RFC 5425) receives them as RFC 5424
 * messages, with never a password in them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { AUTH_PATHS } from '../../../common/wire/gateway-auth';
import { securityLogSchema } from '../../../common/wire/security-events';
import { WARD_REQUESTS } from '../../../common/wire/ward-requests';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { startGatewayIdentity, type GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { formatSyslogMessage, parseSyslogTarget } from '../../../gateway/security/syslog-forwarder';
import {
  demoAccount,
  postAuth,
  signInDemo,
  signInFromAddress,
  socketWithToken,
  welcomed,
} from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { startRsyslog, type RsyslogReceiver } from '../../support/rsyslog-receiver';
import { createThrowawayPki } from '../../support/throwaway-ca';
import { waitFor } from '../../support/wait-for';

let collector: RsyslogReceiver;
let gateway: GatewayServer;
let identity: GatewayIdentity;
const sockets: Socket[] = [];

beforeAll(async () => {
  const pki = createThrowawayPki('Hospital SIEM CA');
  collector = await startRsyslog({ certPem: pki.serverCertPem, keyPem: pki.serverKeyPem, caPem: pki.caPem });
  const logger = createRecordingLogger();
  identity = startGatewayIdentity({ kind: 'memory' }, { kind: 'demo' }, logger);
  gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    logger,
    identity,
    syslog: parseSyslogTarget(`tls://127.0.0.1:${collector.port}`, pki.caPem),
  });
  await identity.stores;
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await gateway.close();
  await identity.close();
  await collector.stop();
});

/** A sign-in from `localAddress` as a kiosk; its HTTP status. */
async function signInFrom(localAddress: string, username: string, password: string): Promise<number> {
  return (await signInFromAddress(gateway.url, localAddress, { username, password, stationName: 'Kiosk' })).status;
}

describe('the security event log', () => {
  it('records a guessing burst, alerts once per source and account, and shows it to an admin', async () => {
    // Someone at 127.0.0.9 tries the nurse's account, then a list of names.
    for (let i = 0; i < 6; i += 1) await signInFrom('127.0.0.9', demoAccount('nurse').username, `Winter2026!${i}`);
    for (let i = 0; i < 6; i += 1) await signInFrom('127.0.0.9', `guess${i}`, 'P@ssw0rd-guess');
    const admin = await welcomed(
      socketWithToken(gateway.url, (await signInDemo(gateway.url, 'admin')).accessToken, 'station', 'IT desk'),
    );
    sockets.push(admin);
    const log = securityLogSchema.parse(
      ((await admin.emitWithAck(WARD_REQUESTS.securityLog.event, { limit: 200 })) as { value: unknown }).value,
    );
    const kinds = log.events.map((event) => event.kind);
    expect(kinds.filter((kind) => kind === 'sign-in-failed').length).toBeGreaterThanOrEqual(6);
    expect(log.alerts.map((alert) => alert.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\d+ failed sign-ins from 127\.0\.0\.9 within 5 min: password guessing\?$/),
        expect.stringMatching(/^5 failed sign-ins for demo\.nurse within 5 min$/),
      ]),
    );
    expect(log.alerts.filter((alert) => alert.message.includes('from 127.0.0.9'))).toHaveLength(1);
    // Unknown names are not recorded (they may be passwords typed in the wrong field).
    expect(JSON.stringify(log)).not.toMatch(/guess\d|Winter2026|P@ssw0rd/);
    // A clinician may not read it. (The nurse herself is slowed by the guessing now, everywhere but at her own
    // enrolled station: the physician asks.)
    const physician = await welcomed(
      socketWithToken(
        gateway.url,
        (await signInDemo(gateway.url, 'physician', 'Desk 1')).accessToken,
        'station',
        'Desk 1',
      ),
    );
    sockets.push(physician);
    expect(await physician.emitWithAck(WARD_REQUESTS.securityLog.event, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  }, 60_000);

  it('records refresh-token reuse and refused handshakes', async () => {
    const grant = await signInDemo(gateway.url, 'physician');
    await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken });
    await postAuth(gateway.url, AUTH_PATHS.refresh, { refreshToken: grant.refreshToken });
    const forged = socketWithToken(gateway.url, 'not.a.token', 'station', 'Forged desk');
    await expect(welcomed(forged)).rejects.toThrow();
    forged.close();
    const admin = sockets[0] as Socket;
    let kinds: string[] = [];
    for (let tries = 0; tries < 50; tries += 1) {
      const reply = (await admin.emitWithAck(WARD_REQUESTS.securityLog.event, { limit: 50 })) as {
        value: { events: { kind: string; username: string | null }[] };
      };
      kinds = reply.value.events.map((event) => event.kind);
      if (kinds.includes('refresh-token-reused') && kinds.includes('handshake-refused')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(kinds).toEqual(expect.arrayContaining(['refresh-token-reused', 'handshake-refused', 'alert']));
  }, 30_000);

  it('forwards every event to the hospital’s syslog collector over TLS as RFC 5424, without a password', async () => {
    const received = await waitFor(
      'the collector received the burst and its alerts',
      () => {
        const lines = collector.messages();
        return lines.some((line) => / alert /.test(line)) &&
          lines.filter((line) => / sign-in-failed /.test(line)).length >= 6
          ? lines
          : undefined;
      },
      15_000,
    );
    const failed = received.find((line) => line.includes(' sign-in-failed ')) as string;
    // <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG — authpriv (10) × 8 + notice (5) = 85.
    expect(failed).toMatch(
      /^<85>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S+ wardwatch-gateway \d+ sign-in-failed \[wardwatch@32473 kind="sign-in-failed" source="127\.0\.0\.9"( user="demo\.nurse")?\] /,
    );
    expect(received.some((line) => line.startsWith('<84>1 ') && line.includes(' alert '))).toBe(true);
    expect(received.join('\n')).not.toMatch(/Winter2026|P@ssw0rd|guess\d/);
  }, 30_000);

  it('escapes structured data as RFC 5424 requires', () => {
    const line = formatSyslogMessage(
      {
        atMs: 0,
        kind: 'sign-in-failed',
        severity: 'notice',
        source: 'desk "4" [east] \\ west',
        username: null,
        message: 'x',
      },
      'gw',
      7,
    );
    expect(line).toBe(
      '<85>1 1970-01-01T00:00:00.000Z gw wardwatch-gateway 7 sign-in-failed [wardwatch@32473 kind="sign-in-failed" source="desk \\"4\\" [east\\] \\\\ west"] x',
    );
  });
});
