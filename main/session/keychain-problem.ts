/** What a keychain failure says to a user (vault-errors.ts explains each kind), for notices and logs. */
import { describeError } from '../../common/logging/logger';
import { VaultError } from '../credentials/vault-errors';

/** The sentence for a keychain failure. */
export function keychainProblem(error: unknown): string {
  return error instanceof VaultError ? error.message : `the keychain failed (${describeError(error)})`;
}
