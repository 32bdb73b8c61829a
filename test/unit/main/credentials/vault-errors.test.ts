import { describe, expect, it } from 'vitest';
import { classifyKeychainError } from '../../../../main/credentials/vault-errors';
import { keychainName } from '../../../../main/credentials/credential-store-status';

describe('keychain error classification', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'KEYCHAIN_UNAVAILABLE'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'KEYCHAIN_UNAVAILABLE'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'KEYCHAIN_LOCKED'],
    ['Cannot create an item in a locked collection', 'KEYCHAIN_LOCKED'],
    ['User interaction is not allowed.', 'KEYCHAIN_LOCKED'],
    ['The stub received bad data.', 'KEYCHAIN_REFUSED'],
  ])('%s → %s, with advice and the OS message', (message, code) => {
    const error = classifyKeychainError(new Error(message));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/unlock it|desktop session|ask IT/);
  });

  it('names the keychain of each platform', () => {
    expect(keychainName('darwin')).toBe('macOS Keychain');
    expect(keychainName('win32')).toBe('Windows Credential Manager');
    expect(keychainName('linux')).toMatch(/Secret Service/);
  });
});
