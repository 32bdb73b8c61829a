/**
 * Checks the vault and says where this station keeps credentials and whether it can: shown to IT on the station
 * screen, so that a locked or missing keychain is found at installation, not at the first sign-in.
 */
import type { CredentialStoreStatus } from '../../common/station/credential-store-status';
import type { CredentialVault } from './credential-vault';
import { VaultError } from './vault-errors';

/** The keychain WardWatch uses on each platform. */
export function keychainName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (GNOME Keyring, KWallet)';
}

/** Runs the vault's check and describes the outcome. */
export async function credentialStoreStatus(
  vault: CredentialVault,
  now: () => number = Date.now,
): Promise<CredentialStoreStatus> {
  const base = { keychain: keychainName(), checkedAtMs: now() };
  try {
    await vault.check();
    return { ...base, state: 'available', detail: null };
  } catch (error) {
    if (!(error instanceof VaultError))
      return { ...base, state: 'refused', detail: `the keychain check failed unexpectedly: ${String(error)}` };
    const state =
      error.code === 'KEYCHAIN_LOCKED' ? 'locked' : error.code === 'KEYCHAIN_UNAVAILABLE' ? 'unavailable' : 'refused';
    return { ...base, state, detail: error.message };
  }
}
