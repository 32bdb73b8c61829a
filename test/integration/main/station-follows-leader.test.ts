/**
 * A station given both gateways of a two-gateway ward (`--gateway a,b`) follows the leader: its control link, its
 * sign-in service and its nurse's session move to the standby when the leader stops, with no new sign-in; a
 * sign-in after the move reaches the new leader although the first address no longer answers. Both gateways are
 * real, on a real PostgreSQL server; the station runtime is the one both hosts run.
 *
 * The keychain is the in-memory stand-in (test/support/memory-keychain.ts): this test is about the addresses.
 */
import { foldersWithWardJournalKey } from '../../support/ward-journal-key';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_CHANNELS } from '../../../common/ipc/channels';
import type { SessionState } from '../../../common/station/session-state';
import type { StationIdentity } from '../../../common/station/station-identity';
import { startWardGateway, type WardGateway } from '../../../gateway/ward-gateway';
import { DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { createCredentialVault } from '../../../main/credentials/credential-vault';
import { startStationRuntime, type StationRuntime } from '../../../main/station/station-runtime';
import { demoAccount } from '../../support/gateway-access';
import { freePort } from '../../support/free-port';
import { memoryKeychain } from '../../support/memory-keychain';
import { createRecordingLogger } from '../../support/recording-logger';
import { freshDatabase } from '../../support/test-databases';
import { waitForAnswer } from '../../support/wait-for';
import { testStationOptions } from '../../support/station-options';

const caller = { transport: 'browser-host', callerId: 'test' } as const;
const root = mkdtempSync(join(tmpdir(), 'wardwatch-two-gateways-'));
let databaseUrl = '';
const ports: number[] = [];
const gateways: Promise<WardGateway>[] = [];
let runtime: StationRuntime | null = null;

const startGateway = (index: number): Promise<WardGateway> =>
  startWardGateway({
    host: '127.0.0.1',
    port: ports[index] as number,
    wardName: 'Ward 4B',
    ward: { ...DEFAULT_WARD_SETUP, beds: 2 },
    dataDir: join(root, `gateway-${index}`),
    databaseUrl,
    logger: createRecordingLogger(),
  });

const call = <T>(channel: string, request?: unknown) =>
  (runtime as StationRuntime).router.dispatch(channel, request, caller) as Promise<
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
  >;
const identity = async (): Promise<StationIdentity> => {
  const answer = await call<StationIdentity>(CALL_CHANNELS.getStationIdentity);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
};

beforeAll(async () => {
  const location = await freshDatabase('postgres');
  databaseUrl = location.kind === 'server' ? location.url : '';
  ports.push(await freePort(), await freePort());
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  for (const gateway of gateways) await gateway.then((running) => running.close()).catch(() => undefined);
});

describe('a station given both gateways of a ward', () => {
  it('follows the leader to the standby, keeps its nurse signed in, and signs in at whichever leads', async () => {
    // Both gateways sign the one journal with the ward's key (README: copied to each gateway's data folder).
    foldersWithWardJournalKey([0, 1].map((index) => join(root, `gateway-${index}`)));
    gateways.push(startGateway(0));
    await gateways[0];
    // The standby waits for the lead before it listens: its start resolves only once the first gateway is gone.
    gateways.push(startGateway(1));

    runtime = await startStationRuntime(
      testStationOptions({
        stationName: 'Desk 7',
        gatewayUrl: `http://127.0.0.1:${ports[0]}`,
        fallbackGatewayUrls: [`http://127.0.0.1:${ports[1]}`],
      }),
      'browser-host',
      createRecordingLogger(),
      createCredentialVault(async () => memoryKeychain()),
    );
    const nurse = demoAccount('nurse');
    const signIn = () =>
      call<SessionState>(CALL_CHANNELS.signIn, {
        username: nurse.username,
        password: nurse.password,
        staySignedIn: false,
      });
    expect(await signIn()).toMatchObject({ ok: true, value: { user: { username: nurse.username } } });
    expect((await identity()).gateway).toMatchObject({
      url: `http://127.0.0.1:${ports[0]}`,
      fallbackUrls: [`http://127.0.0.1:${ports[1]}`],
    });
    await waitForAnswer('the link to the leader', async () => (await identity()).link.status === 'connected');

    // The leader stops; the standby takes the lead and opens its port; the station's link moves to it.
    await (await (gateways[0] as Promise<WardGateway>)).close();
    await waitForAnswer('the station to notice', async () => (await identity()).link.status !== 'connected', 5000);
    await gateways[1];
    await waitForAnswer(
      'the link to the new leader',
      async () => {
        const link = (await identity()).link;
        return (
          link.status === 'connected' && link.principal?.kind === 'user' && link.principal.username === nurse.username
        );
      },
      15_000,
    );
    const session = await call<SessionState>(CALL_CHANNELS.getSession);
    expect(session).toMatchObject({ ok: true, value: { user: { username: nurse.username }, locked: false } });
    expect(await call(CALL_CHANNELS.getAlarms)).toMatchObject({ ok: true });

    // A sign-in now: the first address refuses connections, the sign-in service of the second answers.
    expect(await call<SessionState>(CALL_CHANNELS.signOut)).toMatchObject({ ok: true, value: { user: null } });
    expect(await signIn()).toMatchObject({ ok: true, value: { user: { username: nurse.username } } });
  }, 90_000);
});
