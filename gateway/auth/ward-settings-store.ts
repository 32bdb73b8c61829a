/**
 * The ward's settings (station behaviour, alarm policy) in the gateway database, one JSON document per part,
 * with who changed it last. A part never written reads as the defaults.
 */
import { DEFAULT_WARD_SETTINGS, wardSettingsSchema, type WardSettings } from '../../common/wire/ward-settings';
import type { Database } from '../storage/gateway-database';

/** Some fields of a part (what an admin's request carries). */
export type SettingsChanges<P extends WardSettingsPart> = {
  readonly [K in keyof WardSettings[P]]?: WardSettings[P][K] | undefined;
};

/** The parts of the settings document. */
export type WardSettingsPart = keyof WardSettings;

/** Settings in the gateway database. */
export class WardSettingsStore {
  constructor(private readonly database: Database) {}

  /** The current settings; a stored part that no longer matches the schema falls back to its defaults. */
  async read(): Promise<WardSettings> {
    const { rows } = await this.database.query<{ key: string; value: unknown }>('SELECT key, value FROM ward_settings');
    const stored: Record<string, unknown> = {};
    for (const row of rows) stored[row.key] = row.value;
    const merged = {
      station: { ...DEFAULT_WARD_SETTINGS.station, ...(stored.station as object | undefined) },
      alarmPolicy: { ...DEFAULT_WARD_SETTINGS.alarmPolicy, ...(stored.alarmPolicy as object | undefined) },
    };
    const parsed = wardSettingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_WARD_SETTINGS;
  }

  /** Changes some fields of one part; returns the whole settings after the change. */
  async update<P extends WardSettingsPart>(
    part: P,
    changes: SettingsChanges<P>,
    userId: number,
  ): Promise<WardSettings> {
    const current = await this.read();
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const next = { ...current, [part]: { ...current[part], ...given } };
    const valid = wardSettingsSchema.parse(next);
    await this.database.query(
      `INSERT INTO ward_settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [part, JSON.stringify(valid[part]), userId],
    );
    return valid;
  }
}
