/**
 * The ward's settings that belong to the responsible organization (hospital IT), not to the user: how soon an
 * idle station locks, and the first part of the alarm policy. Stored at the gateway, changed only by an admin,
 * pushed to every station when they change.
 */
import { z } from 'zod';

/** Station behaviour. */
export const stationSettingsSchema = z.object({
  /** Minutes without a touch, key or click before a signed-in station locks; 0 never locks (not advised). */
  autoLockMinutes: z.number().int().min(0).max(240),
});

/** Alarm policy (IEC 60601-1-8: the responsible organization's settings). */
export const alarmPolicySchema = z.object({
  /** How long AUDIO PAUSED lasts. */
  audioPauseSeconds: z.number().int().min(30).max(300),
  /** The quietest an operator may turn alarm sound down to, percent of full volume. */
  minimumVolumePercent: z.number().int().min(10).max(100),
});

/** Everything the gateway keeps. */
export const wardSettingsSchema = z.object({ station: stationSettingsSchema, alarmPolicy: alarmPolicySchema });

/** See {@link stationSettingsSchema}. */
export type StationSettings = z.infer<typeof stationSettingsSchema>;
/** See {@link alarmPolicySchema}. */
export type AlarmPolicy = z.infer<typeof alarmPolicySchema>;
/** Some station settings, as a change request carries them. */
export type StationSettingsChanges = { readonly [K in keyof StationSettings]?: StationSettings[K] | undefined };

/** See {@link wardSettingsSchema}. */
export type WardSettings = z.infer<typeof wardSettingsSchema>;

/** Defaults a new ward starts with: lock after 5 idle minutes; AUDIO PAUSED 2 min; volume floor 40 %. */
export const DEFAULT_WARD_SETTINGS: WardSettings = {
  station: { autoLockMinutes: 5 },
  alarmPolicy: { audioPauseSeconds: 120, minimumVolumePercent: 40 },
};
