/**
 * Acknowledgments a station could not deliver survive the station's restart (issue 17, item 3), on the real link
 * to a real gateway through a TCP proxy that the test cuts: queued while cut, kept in the station's data folder
 * (with no secret in the file), shown after the restart as waiting for their clinician, not sent when another
 * clinician signs in, replayed — and recorded in her name — once she signs in again; one whose alarm ended
 * meanwhile is "not delivered" with the reason until a clinician dismisses it.
 *
 * The keychain is the in-memory stand-in (test/support/memory-keychain.ts): this test is about the queue.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { CALL_CHANNELS } from '../../../common/ipc/channels';
import type { StationAlarms } from '../../../common/station/station-alarms';
import type { StationIdentity } from '../../../common/station/station-identity';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { startWardGateway, type WardGateway } from '../../../gateway/ward-gateway';
import { DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { ACKNOWLEDGMENT_QUEUE_FILE } from '../../../main/alarms/acknowledgment-queue-file';
import { createCredentialVault } from '../../../main/credentials/credential-vault';
import { startStationRuntime, type StationRuntime } from '../../../main/station/station-runtime';
import { adminSocket, demoAccount } from '../../support/gateway-access';
import { memoryKeychain } from '../../support/memory-keychain';
import { createRecordingLogger } from '../../support/recording-logger';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { waitForAnswer } from '../../support/wait-for';
import { testStationOptions } from '../../support/station-options';

const caller = { transport: 'browser-host', callerId: 'test' } as const;
const stationDir = mkdtempSync(join(tmpdir(), 'wardwatch-station-'));
const keychain = memoryKeychain();
let gateway: WardGateway;
let proxy: TcpProxy;
let admin: Socket;
const runtimes: StationRuntime[] = [];

async function startStation(): Promise<StationRuntime> {
  const runtime = await startStationRuntime(
    testStationOptions({
      stationName: 'Desk 5',
      gatewayUrl: `http://127.0.0.1:${proxy.port}`,
      dataDir: stationDir,
      insecureGateway: true,
    }),
    'browser-host',
    createRecordingLogger(),
    createCredentialVault(async () => keychain),
  );
  runtimes.push(runtime);
  return runtime;
}

const call = <T>(runtime: StationRuntime, channel: string, request?: unknown) =>
  runtime.router.dispatch(channel, request, caller) as Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;
const alarmsOf = async (runtime: StationRuntime): Promise<StationAlarms> => {
  const reply = await call<StationAlarms>(runtime, CALL_CHANNELS.getAlarms);
  if (!reply.ok) throw new Error('getAlarms failed');
  return reply.value;
};
const linkStatus = async (runtime: StationRuntime): Promise<string> => {
  const reply = await call<StationIdentity>(runtime, CALL_CHANNELS.getStationIdentity);
  return reply.ok ? reply.value.link.status : 'unknown';
};
const signIn = (runtime: StationRuntime, role: 'nurse' | 'physician') => {
  const account = demoAccount(role);
  return call(runtime, CALL_CHANNELS.signIn, {
    username: account.username,
    password: account.password,
    staySignedIn: false,
  });
};

beforeAll(async () => {
  gateway = await startWardGateway({
    host: '127.0.0.1',
    port: 0,
    wardName: 'Ward 4B',
    ward: { ...DEFAULT_WARD_SETUP, beds: 2 },
    dataDir: null,
    logger: createRecordingLogger(),
  });
  proxy = await startTcpProxy(Number(new URL(gateway.server.url).port));
  admin = await adminSocket(gateway.server.url);
}, 60_000);

afterAll(async () => {
  admin?.close();
  for (const runtime of runtimes) await runtime.close().catch(() => undefined);
  await proxy?.close();
  await gateway?.close();
});

describe('acknowledgments queued at a station that restarts', () => {
  it('are kept on disk, wait for their clinician, and are recorded once in her name', async () => {
    const first = await startStation();
    expect(await signIn(first, 'nurse')).toMatchObject({ ok: true });
    expect(await admin.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-01', scenario: 'vf' })).toMatchObject({
      ok: true,
    });
    const alarm = await waitForAnswer(
      'VF at the station',
      async () =>
        (await alarmsOf(first)).snapshot?.alarms.find(
          (candidate) => candidate.bedId === 'bed-01' && candidate.condition === 'VF',
        ),
      20_000,
    );

    proxy.cut();
    await waitForAnswer('the link to drop', async () => (await linkStatus(first)) !== 'connected' || undefined, 15_000);
    expect(await call(first, CALL_CHANNELS.acknowledgeAlarm, { alarmId: alarm.alarmId })).toMatchObject({
      ok: true,
      value: { status: 'queued' },
    });
    // An alarm that will have ended by the time the gateway hears of it.
    expect(await call(first, CALL_CHANNELS.acknowledgeAlarm, { alarmId: 'alarm-that-ended' })).toMatchObject({
      ok: true,
      value: { status: 'queued' },
    });
    const file = readFileSync(join(stationDir, ACKNOWLEDGMENT_QUEUE_FILE), 'utf8');
    expect(file).toContain(alarm.alarmId);
    // Nothing in it a thief could use: no password, no token, nothing from the keychain.
    expect(file).not.toContain(demoAccount('nurse').password);
    for (const secret of keychain.entries.values()) expect(file).not.toContain(secret);
    expect(file).not.toMatch(/token|eyJ/i);

    // The station restarts (a crash, an update) while the network is still down, then the network returns.
    await first.close();
    proxy.restore();
    const second = await startStation();
    // Kept from before the restart, before anyone signs in (this station is not enrolled: no link until then).
    let station = await alarmsOf(second);
    expect(station.pendingAcknowledgments).toEqual([alarm.alarmId, 'alarm-that-ended']);
    expect(station.acknowledgments.map((entry) => entry.state)).toEqual([
      'waiting-for-clinician',
      'waiting-for-clinician',
    ]);
    expect(station.acknowledgments[0]).toMatchObject({ displayName: demoAccount('nurse').displayName });

    // Another clinician signs in: the nurse's acknowledgment is not sent in his name.
    expect(await signIn(second, 'physician')).toMatchObject({ ok: true });
    await waitForAnswer('the link back', async () => (await linkStatus(second)) === 'connected' || undefined, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    station = await alarmsOf(second);
    expect(station.snapshot?.alarms.find((candidate) => candidate.alarmId === alarm.alarmId)?.acknowledged).toBeNull();
    expect(station.pendingAcknowledgments).toHaveLength(2);
    await call(second, CALL_CHANNELS.signOut);

    // She signs in again: replayed, recorded in her name; the ended alarm's is not delivered, with the reason.
    expect(await signIn(second, 'nurse')).toMatchObject({ ok: true });
    station = await waitForAnswer(
      'the replay',
      async () => {
        const current = await alarmsOf(second);
        return current.pendingAcknowledgments.length === 0 ? current : undefined;
      },
      20_000,
    );
    expect(
      station.snapshot?.alarms.find((candidate) => candidate.alarmId === alarm.alarmId)?.acknowledged,
    ).toMatchObject({ username: demoAccount('nurse').username, station: expect.stringMatching(/^Desk 5/) });
    expect(station.acknowledgments).toEqual([
      expect.objectContaining({
        alarmId: 'alarm-that-ended',
        state: 'not-delivered',
        reason: expect.stringMatching(/the alarm had ended before the gateway received this acknowledgment/),
      }),
    ]);
    const undelivered = station.acknowledgments[0];
    expect(
      await call(second, CALL_CHANNELS.dismissAcknowledgment, { idempotencyKey: undelivered?.idempotencyKey }),
    ).toMatchObject({ ok: true });
    expect((await alarmsOf(second)).acknowledgments).toEqual([]);
    expect(JSON.parse(readFileSync(join(stationDir, ACKNOWLEDGMENT_QUEUE_FILE), 'utf8'))).toEqual({
      version: 1,
      entries: [],
    });
  }, 90_000);
});
