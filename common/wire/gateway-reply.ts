/**
 * The answer to every request a client sends on the gateway socket: a value, or a code and a sentence the
 * station shows as it is (FORBIDDEN says which role may).
 */

/** Why the gateway refused a socket request. */
export type GatewayErrorCode =
  | 'INVALID_REQUEST'
  | 'FORBIDDEN'
  | 'TOKEN_EXPIRED'
  | 'UNKNOWN_BED'
  | 'UNKNOWN_ALARM'
  | 'REFUSED'
  | 'UNAVAILABLE';

/** A refusal. */
export interface GatewayError {
  readonly code: GatewayErrorCode;
  readonly message: string;
}

/** A socket request's answer. */
export type GatewayReply<T = null> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GatewayError };

/** A successful answer. */
export function gatewayOk<T>(value: T): GatewayReply<T> {
  return { ok: true, value };
}

/** A refusal. */
export function gatewayRefusal(code: GatewayErrorCode, message: string): GatewayReply<never> {
  return { ok: false, error: { code, message } };
}
