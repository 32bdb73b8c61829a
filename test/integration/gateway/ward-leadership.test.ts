/**
 * Leadership of a ward's gateways on a real PostgreSQL server: one leads, the other stands by and takes over when
 * the leader lets go; each leader's writes are fenced by its epoch, so a former leader's late write is refused;
 * a leader whose lock connection breaks (the database restarted) keeps leading when the lock is still free and
 * nobody led meanwhile, and learns that it lost when another gateway got there first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatewayDatabase, type Database } from '../../../gateway/storage/gateway-database';
import { acquireWardLeadership, fenceWrites, NotLeaderError } from '../../../gateway/storage/ward-leadership';
import type { PostgresServer } from '../../support/postgres-server';
import { createRecordingLogger } from '../../support/recording-logger';
import { freshDatabase, testPostgresServer } from '../../support/test-databases';

let server: PostgresServer;
let url: string;
let database: Database;

beforeAll(async () => {
  server = await testPostgresServer();
  const location = await freshDatabase('postgres');
  url = location.kind === 'server' ? location.url : '';
  database = await openGatewayDatabase(location, createRecordingLogger());
}, 60_000);

afterAll(async () => {
  await database?.close();
});

const write = (fenced: Database, text: string) =>
  fenced.transaction((query) =>
    query("INSERT INTO ward_settings (key, value) VALUES ($1, '1') ON CONFLICT (key) DO NOTHING", [text]),
  );
const settled = async (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('ward leadership', () => {
  it('one leads, the other stands by and takes over when it lets go; the former leader’s writes are refused', async () => {
    const first = await acquireWardLeadership(url, { logger: createRecordingLogger() });
    const standbyLogger = createRecordingLogger();
    const second = acquireWardLeadership(url, { logger: standbyLogger });
    expect(await settled(second, 800)).toBe(false);
    expect(standbyLogger.lines.some((line) => /^standby/.test(line.message))).toBe(true);

    const firstWrites = fenceWrites(database, first.epoch);
    await write(firstWrites, 'written-by-first');
    await first.release();
    const took = await second;
    expect(took.epoch).toBe(first.epoch + 1);
    // A write the former leader still had queued: refused, not recorded.
    await expect(write(firstWrites, 'late-write-of-first')).rejects.toBeInstanceOf(NotLeaderError);
    await write(fenceWrites(database, took.epoch), 'written-by-second');
    const { rows } = await database.query<{ key: string }>(
      "SELECT key FROM ward_settings WHERE key LIKE '%-by-%' OR key LIKE 'late-%' ORDER BY key",
    );
    expect(rows.map((row) => row.key)).toEqual(['written-by-first', 'written-by-second']);
    await took.release();
  }, 30_000);

  it('keeps leading across a database restart when nobody else took over', async () => {
    const leader = await acquireWardLeadership(url, { logger: createRecordingLogger() });
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await server.start();
    // The lock is asked for again; the epoch is unchanged, so the writes go on.
    await expect
      .poll(() => write(fenceWrites(database, leader.epoch), `after-restart-${leader.epoch}`).then(() => true), {
        timeout: 10_000,
        interval: 200,
      })
      .toBe(true);
    expect(await settled(leader.lost, 1500)).toBe(false);
    await leader.release();
  }, 30_000);

  it('learns that it lost when another gateway took over while its connection was down', async () => {
    const leader = await acquireWardLeadership(url, { logger: createRecordingLogger() });
    await server.stop();
    await server.start();
    // The standby gets there first (its connection is new; the leader's needs to notice the old one broke).
    const other = await acquireWardLeadership(url, { logger: createRecordingLogger() });
    expect(other.epoch).toBe(leader.epoch + 1);
    expect(await settled(leader.lost, 10_000)).toBe(true);
    expect(await leader.lost).toMatch(/another gateway (leads|led)/);
    await other.release();
  }, 30_000);
});
