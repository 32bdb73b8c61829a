/**
 * The ward's settings (station behaviour, alarm policy) in the gateway database, one JSON document per part,
 * with who changed it last. A part never written reads as the defaults; a stored field that no longer matches the
 * schema is replaced by its default alone (ward-settings-salvage.ts) and reported, never the whole document.
 */
import {
  alarmPolicySchema,
  DEFAULT_WARD_SETTINGS,
  stationSettingsSchema,
  wardSettingsSchema,
  type WardSettings,
} from '../../common/wire/ward-settings';
import type { Database } from '../storage/gateway-database';
import { salvageSettings } from './ward-settings-salvage';

/** Told the paths of stored fields that were invalid and read as their defaults. */
export type SettingsProblemListener = (resetFields: readonly string[]) => void;

/** Some fields of a part (what an admin's request carries). */
export type SettingsChanges<P extends WardSettingsPart> = {
  readonly [K in keyof WardSettings[P]]?: WardSettings[P][K] | undefined;
};

/** The parts of the settings document. */
export type WardSettingsPart = keyof WardSettings;

/** Settings in the gateway database. */
export class WardSettingsStore {
  constructor(
    private readonly database: Database,
    private readonly onProblem: SettingsProblemListener = () => undefined,
  ) {}

  /** The current settings; each stored field that no longer matches the schema reads as its default, reported. */
  async read(): Promise<WardSettings> {
    const { rows } = await this.database.query<{ key: string; value: unknown }>('SELECT key, value FROM ward_settings');
    const stored: Record<string, unknown> = {};
    for (const row of rows) stored[row.key] = row.value;
    const station = salvageSettings(stationSettingsSchema, stored.station, DEFAULT_WARD_SETTINGS.station, 'station');
    const alarmPolicy = salvageSettings(
      alarmPolicySchema,
      stored.alarmPolicy,
      DEFAULT_WARD_SETTINGS.alarmPolicy,
      'alarmPolicy',
    );
    const reset = [...station.reset, ...alarmPolicy.reset];
    if (reset.length > 0) this.onProblem(reset);
    return { station: station.value, alarmPolicy: alarmPolicy.value };
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
