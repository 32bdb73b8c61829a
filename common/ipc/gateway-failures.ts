/**
 * What a gateway refusal (common/wire/gateway-reply.ts) becomes in the station API: one table for every caller,
 * so the same refusal reads the same wherever it came from. A gateway code without an entry fails to compile.
 */
import type { GatewayError, GatewayErrorCode } from '../wire/gateway-reply';
import type { IpcErrorCode } from './error-codes';
import { fail, type IpcResult } from './result';

/** The station API code of each gateway code. */
export const IPC_CODE_OF_GATEWAY_CODE: Readonly<Record<GatewayErrorCode, IpcErrorCode>> = {
  INVALID_REQUEST: 'INVALID_REQUEST',
  FORBIDDEN: 'FORBIDDEN',
  TOKEN_EXPIRED: 'SESSION_ENDED',
  TOKEN_INVALID: 'SESSION_ENDED',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  RATE_LIMITED: 'RATE_LIMITED',
  NOT_FOUND: 'GATEWAY_UNAVAILABLE',
  UNKNOWN_BED: 'REFUSED',
  UNKNOWN_ALARM: 'REFUSED',
  REFUSED: 'REFUSED',
  UNAVAILABLE: 'GATEWAY_UNAVAILABLE',
  UNREACHABLE: 'GATEWAY_UNAVAILABLE',
  BAD_REPLY: 'INVALID_REPLY',
};

/** The station API failure for a gateway refusal: its code through the table, its sentence as the gateway said it. */
export function failFromGateway<T = never>(error: GatewayError): IpcResult<T> {
  return fail(IPC_CODE_OF_GATEWAY_CODE[error.code], error.message);
}
