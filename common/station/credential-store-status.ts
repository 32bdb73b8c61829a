import { z } from 'zod';

/** The OS keychain's state as the station found it. */
export const CREDENTIAL_STORE_STATES = ['available', 'locked', 'unavailable', 'refused'] as const;

/** What the station screen shows about where credentials are kept. */
export const credentialStoreStatusSchema = z.object({
  state: z.enum(CREDENTIAL_STORE_STATES),
  /** The keychain of this OS, in words (e.g. "Secret Service (GNOME Keyring, KWallet)"). */
  keychain: z.string(),
  /** What is wrong and what to do; null when available. */
  detail: z.string().nullable(),
  checkedAtMs: z.number(),
});

/** See {@link credentialStoreStatusSchema}. */
export type CredentialStoreStatus = z.infer<typeof credentialStoreStatusSchema>;
