import { z } from 'zod';

/**
 * Where the station's updates stand: `off` (IT's policy allows none), `checking`, `up-to-date`, `available` (a newer
 * version on the hospital's server), `downloading`, `ready` (downloaded and verified, waiting for a moment when it
 * may install), `installing`, `failed` (the last check or download did not work: `problem` says why).
 */
export const UPDATE_STATES = [
  'off',
  'checking',
  'up-to-date',
  'available',
  'downloading',
  'ready',
  'installing',
  'failed',
] as const;

/** The station's updates as the Station screen shows them (issue 18). */
export const updateStatusSchema = z.object({
  currentVersion: z.string().min(1),
  state: z.enum(UPDATE_STATES),
  /** IT's settings, in words: the server, the channel, the install hours (null where not set). */
  server: z.string().nullable(),
  channel: z.string(),
  installHours: z.string().nullable(),
  /** The newer version the server offers, or null. */
  available: z.object({ version: z.string(), releaseDate: z.string(), releaseName: z.string().nullable() }).nullable(),
  /** When the server was last asked (station wall clock, for display only), or null. */
  lastCheckedAtMs: z.number().nullable(),
  /** Why the last check or download failed, or null. */
  problem: z.string().nullable(),
  /** Who may install, in words, e.g. "an admin at this station, or the station itself 02:00–04:00 — never while an alarm is active". */
  whoMayInstall: z.string(),
  /** Why an admin could not install now, or null when they could. */
  blockedBecause: z.string().nullable(),
});

/** See {@link updateStatusSchema}. */
export type UpdateStatus = z.infer<typeof updateStatusSchema>;
