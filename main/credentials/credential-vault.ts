/**
 * The station's credential vault: the one place secrets are kept — the station's enrollment secret and, for
 * users who stay signed in, their refresh tokens — in the operating system's keychain (Keychain on macOS,
 * Credential Manager on Windows, the Secret Service — GNOME Keyring, KWallet — on Linux), through keytar.
 *
 * Never a file, a setting, a log line or the renderer's storage, and no plaintext fallback: when the keychain is
 * missing, locked or refuses, every call fails with a {@link VaultError} whose code says which and whose message
 * says what to do.
 */
import { classifyKeychainError, VaultError } from './vault-errors';

/** The keychain service name every WardWatch entry is filed under. */
export const VAULT_SERVICE = 'org.wardwatch.station';

/** What the vault needs from keytar (the real module in the station; the same shape on every OS). */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/** The vault. Every method rejects with a {@link VaultError} when the keychain cannot be used. */
export interface CredentialVault {
  /** The secret stored for `account`, or null when there is none. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Removes the entry; true when there was one. */
  delete(account: string): Promise<boolean>;
  /** The accounts that have an entry (never their secrets). */
  list(): Promise<string[]>;
  /**
   * Proves the keychain can store and return a secret now. A locked Linux keyring answers reads with "nothing
   * stored" rather than an error, so the station checks at start-up and tells the user, instead of discovering
   * it as a missing sign-in later.
   */
  check(): Promise<void>;
}

const ACCOUNT = /^[A-Za-z0-9:._@-]{1,128}$/;
const CHECK_ACCOUNT = 'vault-check';

/** A vault over a keychain backend; by default keytar, loaded on first use. */
export function createCredentialVault(
  backend: () => Promise<KeychainBackend> = loadKeytar,
  service = VAULT_SERVICE,
): CredentialVault {
  let loaded: Promise<KeychainBackend> | null = null;
  const keychain = async (): Promise<KeychainBackend> => {
    loaded ??= backend().catch((error: unknown) => {
      loaded = null;
      throw new VaultError(
        'KEYCHAIN_UNAVAILABLE',
        `the keychain module could not be loaded (${error instanceof Error ? error.message : String(error)}); reinstall WardWatch`,
      );
    });
    return loaded;
  };
  const guarded = async <T>(account: string | null, operation: (keys: KeychainBackend) => Promise<T>): Promise<T> => {
    if (account !== null && !ACCOUNT.test(account))
      throw new VaultError('INVALID_ACCOUNT', `"${account.slice(0, 40)}" is not a valid vault account name`);
    const keys = await keychain();
    try {
      return await operation(keys);
    } catch (error) {
      throw error instanceof VaultError ? error : classifyKeychainError(error);
    }
  };
  return {
    get: (account) => guarded(account, (keys) => keys.getPassword(service, account)),
    set: (account, secret) => {
      if (secret.length === 0)
        return Promise.reject(new VaultError('INVALID_ACCOUNT', 'an empty secret cannot be stored'));
      return guarded(account, (keys) => keys.setPassword(service, account, secret));
    },
    delete: (account) => guarded(account, (keys) => keys.deletePassword(service, account)),
    list: () =>
      guarded(null, async (keys) =>
        (await keys.findCredentials(service))
          .map((entry) => entry.account)
          .filter((account) => account !== CHECK_ACCOUNT),
      ),
    check: () =>
      guarded(CHECK_ACCOUNT, async (keys) => {
        const probe = `check-${Date.now()}`;
        await keys.setPassword(service, CHECK_ACCOUNT, probe);
        const read = await keys.getPassword(service, CHECK_ACCOUNT);
        await keys.deletePassword(service, CHECK_ACCOUNT);
        if (read !== probe)
          throw new VaultError(
            'KEYCHAIN_LOCKED',
            'the keychain accepted a secret but did not return it: it is locked; unlock it (log in to the desktop session) and try again',
          );
      }),
  };
}

async function loadKeytar(): Promise<KeychainBackend> {
  const module = (await import('keytar')) as unknown as KeychainBackend & { default?: KeychainBackend };
  return module.default ?? module;
}
