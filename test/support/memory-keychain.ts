/**
 * An in-memory stand-in for the OS keychain behind the real vault code, named as such: for station tests about
 * something else than the keychain (the Secret Service runs only inside a dbus session, where
 * station-secrets.test.ts exercises the keychain itself).
 */
import type { KeychainBackend } from '../../main/credentials/credential-vault';

/** A keychain kept in a Map (its entries visible to the test). */
export function memoryKeychain(): KeychainBackend & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: async (service, account) => entries.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => void entries.set(`${service}/${account}`, password),
    deletePassword: async (service, account) => entries.delete(`${service}/${account}`),
    findCredentials: async (service) =>
      [...entries]
        .filter(([key]) => key.startsWith(`${service}/`))
        .map(([key, password]) => ({ account: key.slice(service.length + 1), password })),
  };
}
