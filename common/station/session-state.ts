import { z } from 'zod';
import { ROLES } from '../identity/roles';

/**
 * Who is using the station, as the UI shows it. No token or secret is ever part of it: they stay in main (memory)
 * and in the OS keychain.
 */
export const sessionStateSchema = z.object({
  /** The signed-in clinician or admin; null when nobody is. */
  user: z
    .object({
      username: z.string(),
      displayName: z.string(),
      role: z.enum(ROLES),
      /** Their refresh token is in the OS keychain and survives a restart of the station. */
      staySignedIn: z.boolean(),
    })
    .nullable(),
  /** The station is locked: the ward stays live behind the lock, nothing can be acknowledged. */
  locked: z.boolean(),
  /**
   * How this station may show the ward without anyone signed in: `embedded` (its own gateway), `enrolled` (a station
   * secret in the keychain), or `none` (somebody must sign in).
   */
  stationAccess: z.enum(['embedded', 'enrolled', 'none']),
  /** Minutes without activity before the station locks (the ward's setting); 0 never. */
  autoLockMinutes: z.number().int().nonnegative(),
  /** When the station will lock if nobody touches it, epoch ms; null when no lock is pending. */
  autoLockAtMs: z.number().nullable(),
  /** Something the user should know about their session (it ended, the keychain refused…); null when nothing. */
  notice: z.string().nullable(),
});

/** See {@link sessionStateSchema}. */
export type SessionState = z.infer<typeof sessionStateSchema>;

/** What the sign-in form sends. The password leaves main only towards the gateway, and is never logged. */
export const signInRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(32),
  password: z.string().min(1).max(256),
  staySignedIn: z.boolean(),
});
