/**
 * A whole ward gateway on a real PostgreSQL server (`--database`), as a ward runs it: stations sign in, an alarm
 * is raised and a nurse acknowledges it; hospital IT adds a user with the users command on the same server while
 * the gateway runs; the gateway restarts on the same server and data folder, and the acknowledged alarm, the
 * ward's settings and the new user are all there; the journal command verifies the chain on the server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { AlarmSnapshot } from '../../../common/alarms/alarm-model';
import { AUTH_PATHS } from '../../../common/wire/gateway-auth';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { startWardGateway, type WardGateway } from '../../../gateway/ward-gateway';
import { DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { adminSocket, postAuth, signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { freshDatabase } from '../../support/test-databases';
import { waitFor } from '../../support/wait-for';

let url: string;
const dataDir = join(mkdtempSync(join(tmpdir(), 'wardwatch-pg-gateway-')), 'gateway');
const sockets: Socket[] = [];
let gateway: WardGateway | null = null;

const start = (): Promise<WardGateway> =>
  startWardGateway({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    ward: { ...DEFAULT_WARD_SETUP, beds: 2 },
    dataDir,
    databaseUrl: url,
    logger: createRecordingLogger(),
  });

async function nurseWatching(gatewayUrl: string): Promise<{ socket: Socket; latest: () => AlarmSnapshot | null }> {
  const grant = await signInDemo(gatewayUrl, 'nurse', 'Desk 1');
  const socket = socketWithToken(gatewayUrl, grant.accessToken, 'station', 'Desk 1');
  let snapshot: AlarmSnapshot | null = null;
  socket.on(WARD_EVENTS.alarms, (value: AlarmSnapshot) => (snapshot = value));
  sockets.push(await welcomed(socket));
  return { socket, latest: () => snapshot };
}

beforeAll(async () => {
  const location = await freshDatabase('postgres');
  url = location.kind === 'server' ? location.url : '';
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await gateway?.close();
});

describe('a ward gateway on PostgreSQL', () => {
  it('keeps the acknowledged alarm, the settings and the users across a restart, with the journal intact', async () => {
    gateway = await start();
    const first = gateway.server.url;
    const admin = await adminSocket(first);
    sockets.push(admin);
    const nurse = await nurseWatching(first);
    expect(await admin.emitWithAck(WARD_EVENTS.setStationSettings, { autoLockMinutes: 7 })).toMatchObject({
      ok: true,
    });
    expect(await admin.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-01', scenario: 'vf' })).toMatchObject({
      ok: true,
    });
    const vf = await waitFor(
      'VF on bed 1',
      () => nurse.latest()?.alarms.find((alarm) => alarm.bedId === 'bed-01' && alarm.condition === 'VF'),
      20_000,
    );
    expect(
      await nurse.socket.timeout(10_000).emitWithAck(WARD_EVENTS.acknowledgeAlarm, {
        alarmId: vf.alarmId,
        idempotencyKey: 'pg-ack-0001',
      }),
    ).toMatchObject({ ok: true });

    // Hospital IT adds a physician while the gateway runs: a server has room for both.
    const added = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'gateway/tools/users-cli.ts',
        '--data-dir',
        dataDir,
        '--database',
        url,
        'add',
        'r.resident',
        '--role',
        'physician',
        '--name',
        'Rita Resident',
      ],
      { input: 'a resident passphrase\n', encoding: 'utf8' },
    );
    expect(added.stderr).not.toMatch(/error/i);
    expect(added.status).toBe(0);

    for (const socket of sockets.splice(0)) socket.close();
    await gateway.close();
    gateway = null;

    gateway = await start();
    const second = gateway.server.url;
    const signedIn = await postAuth(second, AUTH_PATHS.signIn, {
      username: 'r.resident',
      password: 'a resident passphrase',
      stationName: 'Desk 2',
      staySignedIn: false,
    });
    expect(signedIn.status).toBe(200);
    const again = await nurseWatching(second);
    expect(await again.socket.emitWithAck(WARD_EVENTS.getSettings, {})).toMatchObject({
      ok: true,
      value: { station: { autoLockMinutes: 7 } },
    });
    // The alarm stood when the gateway stopped: it is restored from the server, acknowledged by the nurse.
    await waitFor('the restored VF alarm', () =>
      again
        .latest()
        ?.alarms.find((alarm) => alarm.alarmId === vf.alarmId && alarm.acknowledged?.username === 'demo.nurse'),
    );
    // Her acknowledgment replayed (say, by a station that never heard the answer) is recognized, not repeated.
    expect(
      await again.socket.timeout(10_000).emitWithAck(WARD_EVENTS.acknowledgeAlarm, {
        alarmId: vf.alarmId,
        idempotencyKey: 'pg-ack-0001',
      }),
    ).toMatchObject({ ok: true, value: { duplicate: true } });

    const verify = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'gateway/tools/journal-cli.ts', '--data-dir', dataDir, '--database', url, 'verify'],
      { encoding: 'utf8' },
    );
    expect(verify.stdout).toMatch(/journal intact/);
    expect(verify.status).toBe(0);
  }, 120_000);
});
