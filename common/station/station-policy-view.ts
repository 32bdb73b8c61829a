import { z } from 'zod';

/** Where a setting's value came from, strongest first: IT's managed policy, the command line, the default. */
export const SETTING_SOURCES = ['policy', 'command line', 'default'] as const;

/** One setting IT can lock, as the Station screen lists it. */
export const policySettingViewSchema = z.object({
  /** The policy's name for it (the registry value, plist key and JSON key). */
  name: z.string().min(1),
  /** What a person calls it. */
  label: z.string().min(1),
  /** Its value in effect, in words. */
  value: z.string(),
  source: z.enum(SETTING_SOURCES),
  /** True when the command line asked for another value and the policy's won. */
  commandLineIgnored: z.boolean(),
});

/** The station's managed policy as the UI shows it and obeys it. */
export const stationPolicyViewSchema = z.object({
  /** Where the policy was read (a file, a registry key); null when this computer has none. */
  origin: z.string().nullable(),
  /** Where this platform looks for one, so IT can tell an absent policy from a misplaced one. */
  place: z.string().min(1),
  settings: z.array(policySettingViewSchema),
  /** The quietest this station's alarms may sound, percent, above the ward's floor; null when the policy sets none. */
  minimumVolumePercent: z.number().int().min(10).max(100).nullable(),
});

/** See {@link stationPolicyViewSchema}. */
export type StationPolicyView = z.infer<typeof stationPolicyViewSchema>;
/** See {@link policySettingViewSchema}. */
export type PolicySettingView = z.infer<typeof policySettingViewSchema>;
