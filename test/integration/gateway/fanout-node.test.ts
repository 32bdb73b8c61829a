/**
 * A ward's two gateways on one PostgreSQL server and one Redis bus (`--fanout`): the standby serves stations as a
 * fan-out node of the leader. A nurse signs in at the node (answered by the leader), her stream comes through the
 * node byte for byte as the leader's own stations get it, a VT the leader's analysis raises reaches her there,
 * her acknowledgment through the node is journaled once, and heartbeats tell the leader's clock. When the leader
 * stops, the node drops its stations within the silence limit and then leads itself on the same address.
 * Real processes' parts throughout: PostgreSQL and redis-server from Debian, socket.io clients.
 */
import { foldersWithWardJournalKey } from '../../support/ward-journal-key';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createClient } from 'redis';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmSnapshot } from '../../../common/alarms/alarm-model';
import { decodeBatch } from '../../../common/wire/frame-codec';
import { GATEWAY_EVENTS, HANDSHAKE_REFUSALS, type GatewayWelcome } from '../../../common/wire/gateway-handshake';
import { WARD_EVENTS } from '../../../common/wire/ward-messages';
import { WARD_REQUESTS } from '../../../common/wire/ward-requests';
import { LEADER_SILENCE_MS } from '../../../gateway/fanout/fanout-node';
import { openFanoutBus } from '../../../gateway/fanout/fanout-bus';
import { FANOUT_EVENTS, leaderAnswer } from '../../../gateway/fanout/fanout-protocol';
import { startWardGateway, type WardGateway } from '../../../gateway/ward-gateway';
import { DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { freePort } from '../../support/free-port';
import { signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { freshDatabase } from '../../support/test-databases';
import { waitFor, waitForAnswer } from '../../support/wait-for';

const root = mkdtempSync(join(tmpdir(), 'wardwatch-fanout-'));
let databaseUrl = '';
let redis: RedisServer | null = null;
const ports: number[] = [];
const gateways: Promise<WardGateway>[] = [];
const sockets: Socket[] = [];
const url = (index: number): string => `http://127.0.0.1:${ports[index] as number}`;

const loggers = [createRecordingLogger(), createRecordingLogger()];
const startGateway = (index: number, port = ports[index] as number): Promise<WardGateway> =>
  startWardGateway({
    host: '127.0.0.1',
    port,
    wardName: 'Ward 4B',
    ward: { ...DEFAULT_WARD_SETUP, beds: 4, scenarioFile: null },
    dataDir: join(root, `gateway-${index}`),
    databaseUrl,
    fanout: { url: (redis as RedisServer).url, password: null },
    logger: loggers[index] ?? createRecordingLogger(),
  });

/** A welcomed socket of `role` at gateway `index`, kept for the clean-up. */
async function signedInSocket(index: number, role: 'nurse' | 'admin' | 'physician', client: 'station' | 'stream') {
  const grant = await signInDemo(url(index), role, `Desk ${index}`);
  const socket = socketWithToken(url(index), grant.accessToken, client, `Desk ${index}`);
  sockets.push(socket);
  const welcome = new Promise<GatewayWelcome>((resolve) => socket.once(GATEWAY_EVENTS.welcome, resolve));
  await welcomed(socket);
  return { socket, welcome: await welcome };
}

beforeAll(async () => {
  redis = await startRedisServer();
  const location = await freshDatabase('postgres');
  databaseUrl = location.kind === 'server' ? location.url : '';
  ports.push(await freePort(), await freePort());
  foldersWithWardJournalKey([0, 1, 2].map((index) => join(root, `gateway-${index}`)));
  gateways.push(startGateway(0));
  await gateways[0];
  // The standby's start resolves only when it leads; meanwhile its fan-out node serves on its port.
  gateways.push(startGateway(1));
  await waitForAnswer(
    'the standby’s fan-out node to sign a nurse in',
    () =>
      signInDemo(url(1), 'nurse', 'Desk 1').then(
        () => true,
        (e: unknown) => {
          console.log(String(e));
          return false;
        },
      ),
    15_000,
  );
}, 90_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const gateway of gateways) await gateway.then((running) => running.close()).catch(() => undefined);
  await redis?.destroy();
});

describe('the standby as a fan-out node of the leader', () => {
  it('starts no fan-out node on the gateway that leads at once, only on the one that stands by', () => {
    const nodeStarts = (index: number): number =>
      (loggers[index] as ReturnType<typeof createRecordingLogger>).lines.filter(
        (line) => line.message === 'fan-out node listening',
      ).length;
    expect(nodeStarts(0)).toBe(0);
    expect(nodeStarts(1)).toBe(1);
  });

  it('a standby whose node cannot open its port stops with that error instead of waiting unseen', async () => {
    // The leader's own port: taken, as by another program on the standby's machine.
    await expect(startGateway(2, ports[0] as number)).rejects.toThrow(/EADDRINUSE|in use/i);
  });

  it('signs a nurse in, streams her the leader’s very bytes, and answers heartbeats with the leader’s clock', async () => {
    const atNode = await signedInSocket(1, 'nurse', 'stream');
    const atLeader = await signedInSocket(0, 'nurse', 'stream');
    expect(atNode.welcome.wardName).toBe('Ward 4B');
    expect(atNode.welcome.principal).toMatchObject({ kind: 'user', username: 'demo.nurse' });
    // The welcome's time is the leader's clock as the node's ticks tell it.
    expect(Math.abs(atNode.welcome.serverTimeMs - atLeader.welcome.serverTimeMs)).toBeLessThan(1000);

    const batches = (socket: Socket) => {
      const bySentAt = new Map<number, string>();
      socket.on(WARD_EVENTS.waves, (batch: ArrayBuffer) => {
        const bytes = new Uint8Array(batch);
        const decoded = decodeBatch(bytes);
        if (decoded.ok) bySentAt.set(decoded.sentAtMs, Buffer.from(bytes).toString('base64'));
      });
      return bySentAt;
    };
    const fromNode = batches(atNode.socket);
    const fromLeader = batches(atLeader.socket);
    for (const { socket } of [atNode, atLeader])
      expect(await socket.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: true })).toMatchObject({
        ok: true,
        value: { subscribed: ['bed-01', 'bed-02', 'bed-03', 'bed-04'] },
      });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const common = [...fromNode.keys()].filter((sentAt) => fromLeader.has(sentAt));
    // 25 batches a second: nearly all of two seconds' worth, each identical to the leader's.
    expect(common.length).toBeGreaterThan(30);
    for (const sentAt of common) expect(fromNode.get(sentAt)).toBe(fromLeader.get(sentAt));

    const heartbeat = (await atNode.socket.timeout(2000).emitWithAck(GATEWAY_EVENTS.heartbeat)) as {
      serverTimeMs: number;
    };
    const leaderBeat = (await atLeader.socket.timeout(2000).emitWithAck(GATEWAY_EVENTS.heartbeat)) as {
      serverTimeMs: number;
    };
    expect(Math.abs(heartbeat.serverTimeMs - leaderBeat.serverTimeMs)).toBeLessThan(500);
  });

  it('passes requests on: a VT the leader raises reaches the node’s nurse, and her acknowledgment is journaled once', async () => {
    const admin = await signedInSocket(1, 'admin', 'station');
    const nurse = await signedInSocket(1, 'nurse', 'station');
    let latest: AlarmSnapshot | null = null;
    nurse.socket.on(WARD_EVENTS.alarms, (snapshot: AlarmSnapshot) => (latest = snapshot));
    expect(await admin.socket.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-01', scenario: 'vt' })).toEqual({
      ok: true,
      value: null,
    });
    const vt = await waitFor(
      'the VT alarm at the node’s station',
      () =>
        (latest as AlarmSnapshot | null)?.alarms.find(
          (candidate) => candidate.bedId === 'bed-01' && candidate.condition === 'VT',
        ),
      20_000,
    );
    const idempotencyKey = randomBytes(12).toString('hex');
    const acknowledge = () =>
      nurse.socket.emitWithAck(WARD_EVENTS.acknowledgeAlarm, { alarmId: vt.alarmId, idempotencyKey });
    expect(await acknowledge()).toMatchObject({ ok: true });
    // A replay (the answer lost on the way back) is recognised by its key, not journaled again.
    expect(await acknowledge()).toMatchObject({ ok: true });
    const physician = await signedInSocket(0, 'physician', 'station');
    const history = (await physician.socket.emitWithAck(WARD_EVENTS.queryHistory, {
      fromMs: 0,
      toMs: Date.now() + 1000,
      limit: 1000,
    })) as { ok: true; value: { events: { kind: string; alarmId: string; username: string; station: string }[] } };
    const acknowledged = history.value.events.filter(
      (event) => event.kind === 'acknowledged' && event.alarmId === vt.alarmId,
    );
    expect(acknowledged).toEqual([expect.objectContaining({ username: 'demo.nurse' })]);
  });

  it('answers a bus member that breaks the protocol with refusals, and takes no member’s word for a clinician', async () => {
    // A socket.io server on the bus that is none of the ward's gateways.
    const bus = openFanoutBus({ url: (redis as RedisServer).url, password: null }, createRecordingLogger());
    const link = bus.link();
    const rogue = new Server(createServer());
    rogue.adapter(link.adapter);
    try {
      await waitFor('the rogue’s link to be up', () => link.ready());
      const ask = async (event: string, payload: unknown): Promise<unknown> =>
        leaderAnswer(await rogue.serverSideEmitWithAck(event, payload));
      await waitForAnswer('the rogue to be on the bus', async () => (await ask(FANOUT_EVENTS.verify, 'x')) !== null);
      expect(await ask(FANOUT_EVENTS.verify, 42)).toBe('TOKEN_INVALID');
      expect(await ask(FANOUT_EVENTS.request, { event: WARD_EVENTS.acknowledgeAlarm })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST' },
      });
      // A request that claims to be a nurse's without her token is refused: the leader checks the token itself.
      expect(
        await ask(FANOUT_EVENTS.request, {
          event: WARD_EVENTS.acknowledgeAlarm,
          payload: { alarmId: 'alarm-1', idempotencyKey: 'forged-key-1' },
          token: 'eyJhbGciOiJIUzI1NiJ9.forged.forged',
          stationName: 'Desk 1',
          address: '10.1.4.7',
        }),
      ).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
      expect(await ask(FANOUT_EVENTS.auth, { route: 'shell' })).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
      expect(
        await ask(FANOUT_EVENTS.auth, {
          route: 'signIn',
          request: { username: 'demo.nurse' },
          caller: { address: '10.1.4.7', bearer: null },
        }),
      ).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
      expect((await (gateways[0] as Promise<WardGateway>)).server.stats().fanoutCallsRefused).toBeGreaterThanOrEqual(2);
    } finally {
      await new Promise<void>((resolve) => rogue.close(() => resolve()));
      await bus.close();
    }
  });

  it('reports a handshake it refuses to the ward’s one security log, on the leader', async () => {
    const forged = socketWithToken(url(1), 'not.a.token', 'station', 'Forged desk');
    sockets.push(forged);
    await expect(welcomed(forged)).rejects.toThrow(HANDSHAKE_REFUSALS.tokenInvalid);
    const admin = await signedInSocket(0, 'admin', 'station');
    const logged = await waitForAnswer(
      'the refusal in the leader’s security log',
      async () => {
        const reply = (await admin.socket.emitWithAck(WARD_REQUESTS.securityLog.event, { limit: 50 })) as {
          value: { events: { kind: string; message: string }[] };
        };
        return reply.value.events.find(
          (event) => event.kind === 'handshake-refused' && event.message.includes('fan-out node'),
        );
      },
      10_000,
    );
    expect(logged.message).toContain('Forged desk');
  });

  it('hands its stations over when the bus goes down — the leader streams on — and serves again once it is back', async () => {
    const atNode = await signedInSocket(1, 'nurse', 'stream');
    const atLeader = await signedInSocket(0, 'nurse', 'stream');
    await atLeader.socket.emitWithAck(WARD_EVENTS.subscribe, { beds: 'all', waveforms: true });
    let leaderBatches = 0;
    atLeader.socket.on(WARD_EVENTS.waves, () => (leaderBatches += 1));
    const dropped = new Promise<number>((resolve) => atNode.socket.once('disconnect', () => resolve(Date.now())));
    const killedAt = Date.now();
    await (redis as RedisServer).kill();
    expect((await dropped) - killedAt).toBeLessThan(LEADER_SILENCE_MS + 1000);
    // A station that tries the node now is sent on, by name, to the ward's other address.
    const grant = await signInDemo(url(0), 'nurse', 'Desk 1');
    const refused = socketWithToken(url(1), grant.accessToken, 'stream', 'Desk 1');
    sockets.push(refused);
    await expect(welcomed(refused)).rejects.toThrow(HANDSHAKE_REFUSALS.noLeader);
    // The leader's own stations never depended on the bus.
    const before = leaderBatches;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(leaderBatches - before).toBeGreaterThan(15);

    await (redis as RedisServer).restart();
    await waitForAnswer(
      'the node to serve again',
      () =>
        signInDemo(url(1), 'nurse', 'Desk 1').then(
          () => true,
          () => false,
        ),
      20_000,
    );
    const back = await signedInSocket(1, 'nurse', 'stream');
    expect(back.welcome.wardName).toBe('Ward 4B');
  }, 60_000);

  it('queues nothing while the bus is down: what was published meanwhile is dropped, not sent late', async () => {
    // A bus of its own, so that only this sender publishes on it.
    const own = await startRedisServer();
    const bus = openFanoutBus({ url: own.url, password: null }, createRecordingLogger());
    const link = bus.link();
    const sender = new Server(createServer());
    sender.adapter(link.adapter);
    try {
      await waitFor('the link to be up', () => link.ready());
      await own.kill();
      await waitFor('the link to notice', () => !link.ready());
      // Both of its connections notice within milliseconds (one first); then it publishes nothing.
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Fifty 100-kB ticks while Redis is gone: queued, they would be megabytes held and published late.
      for (let index = 0; index < 50; index += 1) sender.serverSideEmit('probe', Buffer.alloc(100_000, index));
      await own.restart();
      await waitFor('the link to be back', () => link.ready(), 15_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const stats = createClient({ url: own.url });
      await stats.connect();
      const published = /cmdstat_spublish:calls=(\d+)/.exec(await stats.info('commandstats'))?.[1] ?? '0';
      await stats.quit();
      expect(Number(published)).toBe(0);
    } finally {
      await new Promise<void>((resolve) => sender.close(() => resolve()));
      await bus.close();
      await own.destroy();
    }
  }, 60_000);

  it('drops its stations when the leader stops, then leads itself on the same address', async () => {
    const atNode = await signedInSocket(1, 'nurse', 'stream');
    const dropped = new Promise<number>((resolve) => atNode.socket.once('disconnect', () => resolve(Date.now())));
    const stoppedAt = Date.now();
    await (await (gateways[0] as Promise<WardGateway>)).close();
    expect((await dropped) - stoppedAt).toBeLessThan(LEADER_SILENCE_MS + 1500);
    await gateways[1];
    const again = await signedInSocket(1, 'nurse', 'stream');
    expect(again.welcome.wardName).toBe('Ward 4B');
  }, 60_000);

  it('publishes its stream to the bus only while a fan-out node listens', async () => {
    // Gateway 1 leads alone now (the case before stopped gateway 0): its ticks would go to nobody.
    await gateways[1];
    const stats = createClient({ url: (redis as RedisServer).url });
    await stats.connect();
    const publishedIn = async (ms: number): Promise<number> => {
      const count = async (): Promise<number> =>
        Number(/cmdstat_spublish:calls=(\d+)/.exec(await stats.info('commandstats'))?.[1] ?? '0');
      const before = await count();
      await new Promise((resolve) => setTimeout(resolve, ms));
      return (await count()) - before;
    };
    const bus = openFanoutBus({ url: (redis as RedisServer).url, password: null }, createRecordingLogger());
    const link = bus.link();
    const member = new Server(createServer());
    try {
      // Alone: at most a broadcast or two (an alarm, the census), never the 20-odd ticks a second.
      expect(await publishedIn(2000)).toBeLessThan(5);
      member.adapter(link.adapter);
      let ticks = 0;
      member.on(FANOUT_EVENTS.tick, () => (ticks += 1));
      await waitFor('the stream to reach the member that joined', () => ticks > 0, 5000);
      expect(await publishedIn(2000)).toBeGreaterThan(20);
    } finally {
      await new Promise<void>((resolve) => member.close(() => resolve()));
      await bus.close();
      await stats.quit();
    }
  }, 60_000);
});
