/**
 * The vault's errors: which way the keychain failed, in words a nurse or IT can act on. keytar passes the
 * operating system's messages through; they are recognized here, on each OS.
 */

/** How the keychain failed. */
export type VaultErrorCode = 'KEYCHAIN_UNAVAILABLE' | 'KEYCHAIN_LOCKED' | 'KEYCHAIN_REFUSED' | 'INVALID_ACCOUNT';

/** A keychain failure. Never carries a secret. */
export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

const UNAVAILABLE = [
  // Linux: no session bus, or no Secret Service on it.
  /Cannot autolaunch D-Bus/i,
  /org\.freedesktop\.secrets was not provided/i,
  /ServiceUnknown/i,
  /Could not connect: .*(No such file|Connection refused)/i,
];
const LOCKED = [
  // Linux: no unlocked login collection (the keyring daemon runs but nobody unlocked it).
  /Object does not exist at path .*collection/i,
  /locked collection/i,
  /Cannot create an item in a locked/i,
  // macOS.
  /User interaction is not allowed/i,
  /keychain.*locked/i,
];

/** Turns a keychain error into a {@link VaultError} with advice. */
export function classifyKeychainError(error: unknown): VaultError {
  const message = error instanceof Error ? error.message : String(error);
  if (UNAVAILABLE.some((pattern) => pattern.test(message))) {
    return new VaultError(
      'KEYCHAIN_UNAVAILABLE',
      `no OS keychain is available (${message}); on Linux run the station in a desktop session with GNOME Keyring or KWallet — WardWatch never stores credentials in a file`,
    );
  }
  if (LOCKED.some((pattern) => pattern.test(message))) {
    return new VaultError(
      'KEYCHAIN_LOCKED',
      `the keychain is locked (${message}); unlock it (log in to the desktop session) and try again`,
    );
  }
  return new VaultError(
    'KEYCHAIN_REFUSED',
    `the keychain refused the request (${message}); ask IT to check this computer's keychain`,
  );
}
