/**
 * The answer to everything a station asks its gateway — a socket request (ward-requests.ts) or a sign-in API call
 * (gateway-auth.ts): a value, or a code from one closed list and a sentence the station shows as it is
 * (FORBIDDEN says which role may). A client never gets an exception instead: what it could not learn (no
 * connection, no answer, an answer it cannot read) is a code of this list too.
 */
import { z } from 'zod';

/** Every reason a gateway answer can be a refusal. Codes are part of the contract: add one here, never inline. */
export const GATEWAY_ERROR_CODES = [
  /** The request does not match its schema (an old or broken client). */
  'INVALID_REQUEST',
  /** The principal's role may not do this; the message says which role may. */
  'FORBIDDEN',
  /** The access token has expired: the client renews it. */
  'TOKEN_EXPIRED',
  /** The token is not one the gateway issued, or its session ended. */
  'TOKEN_INVALID',
  /** Wrong username or password, disabled account, or a station secret the gateway does not know. */
  'BAD_CREDENTIALS',
  /** Too many failed sign-ins; `retryAfterSeconds` says when to try again. */
  'RATE_LIMITED',
  /** The gateway has no such API (a client newer than its gateway). */
  'NOT_FOUND',
  /** No such bed in this ward. */
  'UNKNOWN_BED',
  /** No such alarm (it ended, or never existed). */
  'UNKNOWN_ALARM',
  /** The gateway understood and will not do it; the message says why. */
  'REFUSED',
  /** The gateway cannot do it now (its database is opening, a handler failed): try again. */
  'UNAVAILABLE',
  /** Client side: not connected, or no answer within the request's time. */
  'UNREACHABLE',
  /** Client side: the answer does not match this client's version of the contract. */
  'BAD_REPLY',
] as const;

/** One of {@link GATEWAY_ERROR_CODES}. */
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/** A refusal. */
export interface GatewayError {
  readonly code: GatewayErrorCode;
  readonly message: string;
  /** For RATE_LIMITED: when to try again. */
  readonly retryAfterSeconds?: number;
}

/** An answer. */
export type GatewayReply<T = null> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GatewayError };

/** The envelope of every socket answer, before its value is checked against the request's reply schema. */
export const gatewayReplyEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(GATEWAY_ERROR_CODES),
      message: z.string().max(2000),
      retryAfterSeconds: z.number().int().nonnegative().optional(),
    }),
  }),
]);

/** A successful answer. */
export function gatewayOk<T>(value: T): GatewayReply<T> {
  return { ok: true, value };
}

/** A refusal. */
export function gatewayRefusal(
  code: GatewayErrorCode,
  message: string,
  retryAfterSeconds?: number,
): GatewayReply<never> {
  return {
    ok: false,
    error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds },
  };
}
