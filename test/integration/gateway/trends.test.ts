/**
 * One-minute trends through the gateway's database (issue 16): the recorder turns seconds of numerics into minute
 * rows in embedded PostgreSQL (PGlite) — medians over a gap, a minute written twice across a restart kept as one
 * row — the store reads a bed's span oldest first and prunes what is past the window, and a station reads them over
 * the socket (`trends:get`), refused for a bed the ward does not have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WARD_EVENTS, type BedNumerics } from '../../../common/wire/ward-messages';
import { startGatewayIdentity, type GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { startGatewayServer, type GatewayServer } from '../../../gateway/gateway-server';
import { startTrendRecorder } from '../../../gateway/trends/trend-recorder';
import { buildWard, DEFAULT_WARD_SETUP } from '../../../gateway/ward-setup';
import { createGatewayClock } from '../../../gateway/streaming/gateway-clock';
import { signInDemo, socketWithToken, welcomed } from '../../support/gateway-access';
import { createRecordingLogger } from '../../support/recording-logger';
import { BACKENDS, freshDatabase } from '../../support/test-databases';

const T0 = Date.parse('2026-12-01T14:00:00Z');
let identity: GatewayIdentity;
let gateway: GatewayServer;
let nurse: Socket;

const second = (bed: number, hr: number | null, spo2: number): BedNumerics => ({
  bed,
  timeMs: 0,
  values: {
    HR: { value: hr, unit: 'bpm', origin: 'derived', measuredAtMs: 0, note: hr === null ? 'LEADS OFF' : null },
    SPO2: { value: spo2, unit: '%', origin: 'device', measuredAtMs: 0, note: null },
  },
});

describe.each(BACKENDS)('trends on %s', (backend) => {
  beforeAll(async () => {
    const logger = createRecordingLogger();
    identity = startGatewayIdentity(await freshDatabase(backend), { kind: 'demo' }, logger);
    const clock = createGatewayClock();
    gateway = await startGatewayServer({
      host: '127.0.0.1',
      port: 0,
      wardName: 'Ward 4B',
      logger,
      beds: await buildWard({ ...DEFAULT_WARD_SETUP, beds: 2 }, clock(), logger),
      clock,
      identity,
    });
    await identity.stores;
    const grant = await signInDemo(gateway.url, 'nurse');
    nurse = await welcomed(socketWithToken(gateway.url, grant.accessToken));
  }, 60_000);

  afterAll(async () => {
    nurse?.close();
    await gateway?.close();
    await identity?.close();
  });

  describe('trends in the database', () => {
    it('writes minute rows from seconds of numerics, with a gap where a minute had no valid value', async () => {
      const store = (await identity.stores).trends;
      let now = T0;
      const recorder = startTrendRecorder({
        store: Promise.resolve(store),
        bedIdOf: (bed) => ['bed-01', 'bed-02'][bed],
        keepHours: () => 72,
        now: () => now,
        logger: createRecordingLogger(),
      });
      // Minute 0: HR 70–80; minute 1: leads off (no HR); minute 2: HR 100.
      for (let s = 0; s < 180; s += 1) {
        now = T0 + s * 1000;
        const hr = s < 60 ? 70 + (s % 11) : s < 120 ? null : 100;
        recorder.observe(now, [second(0, hr, 97)]);
      }
      now = T0 + 180_000;
      await recorder.flush();
      recorder.stop();
      const rows = await store.read('bed-01', T0, T0 + 180_000);
      expect(
        rows.filter((row) => row.key === 'HR').map((row) => [row.minuteMs - T0, row.median, row.min, row.max]),
      ).toEqual([
        [0, 74.5, 70, 80],
        [120_000, 100, 100, 100],
      ]);
      expect(rows.filter((row) => row.key === 'SPO2')).toHaveLength(3);
      expect(await store.read('bed-01', T0, T0 + 180_000, ['SPO2'])).toHaveLength(3);
    });

    it('keeps one row for a minute written twice across a restart: both halves’ extremes, the summed count', async () => {
      const store = (await identity.stores).trends;
      const minute = T0 + 3_600_000;
      await store.write([{ bedId: 'bed-02', key: 'HR', minuteMs: minute, median: 70, min: 65, max: 75, count: 40 }]);
      await store.write([{ bedId: 'bed-02', key: 'HR', minuteMs: minute, median: 90, min: 88, max: 95, count: 20 }]);
      expect(await store.read('bed-02', minute, minute)).toEqual([
        { minuteMs: minute, key: 'HR', median: 70, min: 65, max: 95, count: 60 },
      ]);
    });

    it('prunes rows older than the window', async () => {
      const store = (await identity.stores).trends;
      await store.write([
        { bedId: 'bed-02', key: 'RR', minuteMs: T0 - 100 * 3_600_000, median: 14, min: 12, max: 16, count: 60 },
      ]);
      expect(await store.prune(T0 - 72 * 3_600_000)).toBe(1);
      expect(await store.read('bed-02', T0 - 200 * 3_600_000, T0 - 72 * 3_600_000)).toEqual([]);
    });

    it('answers a station’s trend query over the socket, and refuses an unknown bed', async () => {
      const reply = (await nurse.emitWithAck(WARD_EVENTS.trends, {
        bedId: 'bed-01',
        fromMs: T0,
        toMs: T0 + 180_000,
        keys: ['HR'],
      })) as { ok: boolean; value?: { series: { key: string; minuteMs: number[]; median: number[] }[] } };
      // One series per numeric, its minutes as columns.
      expect(reply.value?.series).toEqual([
        expect.objectContaining({ key: 'HR', minuteMs: [T0, T0 + 120_000], median: [74.5, 100] }),
      ]);
      expect(await nurse.emitWithAck(WARD_EVENTS.trends, { bedId: 'bed-99', fromMs: T0, toMs: T0 + 1 })).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_BED' },
      });
      expect(await nurse.emitWithAck(WARD_EVENTS.trends, { bedId: 'bed-01', fromMs: T0, toMs: T0 - 1 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST' },
      });
    });
  });
});
