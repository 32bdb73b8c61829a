/**
 * Long-lived secrets the gateway hands out — refresh tokens and station secrets — are 256 random bits, and the
 * database keeps only their SHA-256. A plain hash is enough here (unlike passwords): a random 256-bit value
 * cannot be guessed from its hash, so there is nothing for a slow hash to slow down.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new secret, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores for a secret. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** A random identifier (sessions, stations): not secret, only unique. */
export function newIdentifier(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('base64url')}`;
}
