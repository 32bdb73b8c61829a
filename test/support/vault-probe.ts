/**
 * A one-shot station process for the vault tests: performs one vault operation and prints its outcome as JSON.
 * `node --import tsx test/support/vault-probe.ts <get|set|delete|list|check> [account] [secret]`
 */
import { createCredentialVault } from '../../main/credentials/credential-vault';
import { VaultError } from '../../main/credentials/vault-errors';

const [operation, account = '', secret = ''] = process.argv.slice(2);
const vault = createCredentialVault();

async function run(): Promise<unknown> {
  switch (operation) {
    case 'get':
      return vault.get(account);
    case 'set':
      return vault.set(account, secret);
    case 'delete':
      return vault.delete(account);
    case 'list':
      return vault.list();
    case 'check':
      return vault.check();
    default:
      throw new Error(`unknown operation ${operation}`);
  }
}

run().then(
  (value) => console.log(JSON.stringify({ ok: true, value: value ?? null })),
  (error: unknown) =>
    console.log(
      JSON.stringify(
        error instanceof VaultError
          ? { ok: false, code: error.code, message: error.message }
          : { ok: false, code: 'CRASH', message: String(error) },
      ),
    ),
);
