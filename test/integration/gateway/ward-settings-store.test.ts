/**
 * Stored ward settings read field by field (issue 14, finding 9): one invalid stored field — a hand edit, a bound
 * tightened by an update — no longer resets every setting, per-bed limits included, to the defaults; only that
 * field reads as its default, and the gateway logs which. Real embedded PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WARD_SETTINGS } from '../../../common/wire/ward-settings';
import { startGatewayIdentity, type GatewayIdentity } from '../../../gateway/identity/gateway-identity';
import { createRecordingLogger } from '../../support/recording-logger';
import { BACKENDS, freshDatabase } from '../../support/test-databases';

let identity: GatewayIdentity;
const logger = createRecordingLogger();

describe.each(BACKENDS)('ward settings on %s', (backend) => {
  beforeAll(async () => {
    identity = startGatewayIdentity(await freshDatabase(backend), { kind: 'demo' }, logger);
    await identity.stores;
  }, 60_000);

  afterAll(async () => {
    await identity.close();
  });

  async function store(part: string, value: unknown): Promise<void> {
    const { users, settings } = await identity.stores;
    const admin = (await users.list()).find((user) => user.role === 'admin');
    // Written the way an old version or a hand edit would have: straight into the table, unchecked.
    await (
      settings as unknown as { database: { query(sql: string, params: unknown[]): Promise<unknown> } }
    ).database.query(
      `INSERT INTO ward_settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [part, JSON.stringify(value), admin?.id ?? null],
    );
  }

  describe('stored ward settings', () => {
    it('keeps every valid field and every bed’s limits when one field is invalid, and says which was reset', async () => {
      const { settings } = await identity.stores;
      await store('alarmPolicy', {
        ...DEFAULT_WARD_SETTINGS.alarmPolicy,
        audioPauseSeconds: 5, // below the 30 s floor
        escalationSeconds: 90,
        limits: { ...DEFAULT_WARD_SETTINGS.alarmPolicy.limits, RR: { low: 40, high: 10 } }, // low above high
        bedLimits: {
          'bed-03': { HR: { low: 35, high: 110, extremeLow: 30, extremeHigh: 140 }, SPO2: { low: 120 } },
          'bed-07': { SPO2: { low: 88, desat: 80 } },
        },
      });
      await store('station', { autoLockMinutes: 15 });
      const read = await settings.read();
      expect(read.station.autoLockMinutes).toBe(15);
      expect(read.alarmPolicy.audioPauseSeconds).toBe(DEFAULT_WARD_SETTINGS.alarmPolicy.audioPauseSeconds);
      expect(read.alarmPolicy.escalationSeconds).toBe(90);
      expect(read.alarmPolicy.limits.RR).toEqual(DEFAULT_WARD_SETTINGS.alarmPolicy.limits.RR);
      expect(read.alarmPolicy.bedLimits['bed-03']?.HR).toEqual({
        low: 35,
        high: 110,
        extremeLow: 30,
        extremeHigh: 140,
      });
      expect(read.alarmPolicy.bedLimits['bed-03']?.SPO2).toBeUndefined();
      expect(read.alarmPolicy.bedLimits['bed-07']?.SPO2).toEqual({ low: 88, desat: 80 });
      const problem = logger.lines.find((line) => line.message.startsWith('stored ward settings did not match'));
      expect(problem?.level).toBe('error');
      expect(problem?.fields?.fields).toBe(
        'alarmPolicy.audioPauseSeconds, alarmPolicy.limits.RR, alarmPolicy.bedLimits.bed-03.SPO2',
      );
    });

    it('reads a document that is not an object at all as the defaults, and says so', async () => {
      const { settings } = await identity.stores;
      await store('station', 'garbage');
      expect((await settings.read()).station).toEqual(DEFAULT_WARD_SETTINGS.station);
      expect(JSON.stringify(logger.lines.at(-1))).toContain('"fields":"station, alarmPolicy.audioPauseSeconds');
    });
  });
});
