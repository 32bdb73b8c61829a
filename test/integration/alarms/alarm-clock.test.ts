/**
 * One clock for alarm time (issue 11, rule 1), on a real gateway and a real station link: AUDIO PAUSED's start,
 * every onset and the station's judgement all use the gateway's clock. The gateway's clock here runs 5 minutes
 * behind the computer's wall clock (the wall clock was stepped after the gateway started), and then the station's
 * wall clock is stepped by ±5 minutes: a new VF still sounds through the pause, and the pause still runs.
 */
import { ok } from '../../../common/ipc/result';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { AlarmSnapshot, AudioPause } from '../../../common/alarms/alarm-model';
import { openGatewayLink, type GatewayLink } from '../../../common/wire/gateway-link';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { startGatewayIdentity, type GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { createGatewayClock } from '../../../gateway/streaming/gateway-clock';
import { buildWard, DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { soundingAlarm } from '../../../renderer/alarms/sounding-alarm';
import { adminSocket, signInDemo } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { waitFor } from '../../support/wait-for';

const FIVE_MINUTES = 5 * 60_000;
let gateway: GatewayServer;
let identity: GatewayIdentity;
let link: GatewayLink;
let admin: Socket;
let latest: AlarmSnapshot | null = null;

beforeAll(async () => {
  const logger = createRecordingLogger();
  // The computer's clock was stepped 5 min forward after the gateway started: its clock stays where it was.
  const clock = createGatewayClock(() => Date.now() - FIVE_MINUTES);
  identity = startGatewayIdentity({ kind: 'memory' }, { kind: 'demo' }, logger);
  const beds = await buildWard({ ...DEFAULT_WARD_SETUP, beds: 3 }, clock(), logger);
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
  const nurse = await signInDemo(gateway.url, 'nurse', 'Desk 1');
  link = openGatewayLink({
    url: gateway.url,
    stationName: 'Desk 1',
    client: 'station',
    credentials: async () => ok({ token: nurse.accessToken, expiresAtMs: nurse.accessExpiresAtMs }),
    logger,
    heartbeatMs: 200,
  });
  link.on(WARD_EVENTS.alarms, (payload) => (latest = payload as AlarmSnapshot));
  admin = await adminSocket(gateway.url);
  await waitFor('the journal open', () => latest?.journal.state === 'ok' || undefined, 20_000);
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  admin.close();
  link.close();
  await gateway.close();
  await identity.close();
});

describe('alarm clock', () => {
  it('AUDIO PAUSED compared the gateway clock with the wall clock — now a new VF sounds through whatever either wall clock says', async () => {
    await waitFor(
      'an alarm-free ward and a gateway-time estimate',
      () => (latest?.alarms.length === 0 && link.gatewayNow() !== null) || undefined,
      20_000,
    );
    const gatewayNow = link.gatewayNow() as number;
    // The station knows gateway time to within milliseconds, 5 min away from its own wall clock.
    expect(Math.abs(gatewayNow - (Date.now() - FIVE_MINUTES))).toBeLessThan(200);

    const paused = await link.call('pauseAudio', {});
    expect(paused.ok).toBe(true);
    const pause = (paused as { ok: true; value: AudioPause }).value;
    expect(Math.abs(pause.startedMs - gatewayNow)).toBeLessThan(1000);

    expect(await admin.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-02', scenario: 'vf' })).toEqual({
      ok: true,
      value: null,
    });
    const snapshot = await waitFor('VF', () =>
      latest?.alarms.some((alarm) => alarm.condition === 'VF') ? latest : undefined,
    );
    expect(snapshot.audioPause).not.toBeNull();

    const realNow = Date.now.bind(Date);
    for (const step of [0, FIVE_MINUTES, -FIVE_MINUTES]) {
      // The station's wall clock is stepped: its estimate of gateway time (monotonic) does not move.
      vi.spyOn(Date, 'now').mockImplementation(() => realNow() + step);
      const now = link.gatewayNow() as number;
      expect(Math.abs(now - (realNow() - FIVE_MINUTES))).toBeLessThan(500);
      // The analysis may call the chaotic first seconds VT before its 4 s VF window fills: either lethal call of
      // bed-02 is what must sound through the pause.
      expect(soundingAlarm(snapshot.alarms, snapshot.audioPause, now)).toMatchObject({
        bedId: 'bed-02',
        condition: expect.stringMatching(/^(VF|VT)$/),
      });
      // … and the pause still runs: an older alarm would stay quiet.
      expect(snapshot.audioPause?.untilMs ?? 0).toBeGreaterThan(now);
      vi.restoreAllMocks();
    }
  }, 60_000);
});
