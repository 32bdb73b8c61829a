/** The token of an `Authorization: Bearer …` header (RFC 6750's characters, at most 4 KiB), or null. */
import type { IncomingMessage } from 'node:http';

/** The bearer token the request carries, or null when it carries none (or a malformed one). */
export function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header) : null;
  return match?.[1] ?? null;
}
