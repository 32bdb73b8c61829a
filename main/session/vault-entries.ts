/**
 * The two kinds of vault entry a station keeps per gateway: its enrollment (station id + secret) and the refresh
 * token of the user who chose to stay signed in. Entries are JSON in the keychain's secret field, named by kind
 * and gateway so that a station moved to another gateway does not present the old one's credentials.
 */
import { z } from 'zod';
import type { CredentialVault } from '../credentials/credential-vault';

const enrollmentEntry = z.object({ stationId: z.string().min(1), secret: z.string().min(1) });
const refreshEntry = z.object({ username: z.string().min(1), refreshToken: z.string().min(1) });

/** A stored enrollment. */
export type EnrollmentEntry = z.infer<typeof enrollmentEntry>;
/** A stored stay-signed-in session. */
export type RefreshEntry = z.infer<typeof refreshEntry>;

/** A vault account-safe key for a gateway address (`embedded` for the station's own gateway). */
export function gatewayVaultKey(gatewayUrl: string | null): string {
  if (gatewayUrl === null) return 'embedded';
  return new URL(gatewayUrl).host.replace(/[^A-Za-z0-9.:-]/g, '_');
}

/** Typed access to one gateway's entries. Every method rejects with a VaultError when the keychain fails. */
export class VaultEntries {
  constructor(
    private readonly vault: CredentialVault,
    private readonly gatewayKey: string,
  ) {}

  private account(kind: 'enrollment' | 'refresh'): string {
    return `${kind}.${this.gatewayKey}`;
  }

  async enrollment(): Promise<EnrollmentEntry | null> {
    return this.read(this.account('enrollment'), enrollmentEntry);
  }

  saveEnrollment(entry: EnrollmentEntry): Promise<void> {
    return this.vault.set(this.account('enrollment'), JSON.stringify(entry));
  }

  deleteEnrollment(): Promise<boolean> {
    return this.vault.delete(this.account('enrollment'));
  }

  async refresh(): Promise<RefreshEntry | null> {
    return this.read(this.account('refresh'), refreshEntry);
  }

  saveRefresh(entry: RefreshEntry): Promise<void> {
    return this.vault.set(this.account('refresh'), JSON.stringify(entry));
  }

  deleteRefresh(): Promise<boolean> {
    return this.vault.delete(this.account('refresh'));
  }

  /** An entry that is not what this version wrote is ignored (and overwritten at the next save). */
  private async read<T>(account: string, schema: z.ZodType<T>): Promise<T | null> {
    const text = await this.vault.get(account);
    if (text === null) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
