/**
 * A client's call of one ward request (ward-requests.ts): the payload is checked before it goes, the answer when
 * it comes, and every outcome is a {@link GatewayReply} — never an exception. What the client could not learn is
 * UNREACHABLE (not connected, no answer in the request's time) or BAD_REPLY (an answer of another version).
 */
import { summarizeSchemaIssues } from '../ipc/schema-issues';
import { gatewayOk, gatewayRefusal, gatewayReplyEnvelopeSchema, type GatewayReply } from './gateway-reply';
import {
  WARD_REQUESTS,
  type WardReplyValue,
  type WardRequestDefinition,
  type WardRequestInput,
  type WardRequestName,
} from './ward-requests';

/** Sends one event with an acknowledgment callback; rejects after `timeoutMs` (socket.io's `timeout().emitWithAck`). */
export type WardEmit = (event: string, payload: unknown, timeoutMs: number) => Promise<unknown>;

/** Calls `name` through `emit`; `emit` is null while the link is not connected. */
export async function callWardRequest<N extends WardRequestName>(
  emit: WardEmit | null,
  name: N,
  payload: WardRequestInput<N>,
): Promise<GatewayReply<WardReplyValue<N>>> {
  const definition: WardRequestDefinition = WARD_REQUESTS[name];
  const checked = definition.payload.safeParse(payload);
  if (!checked.success)
    return gatewayRefusal(
      'INVALID_REQUEST',
      `this station built an invalid ${name} request (${summarizeSchemaIssues(checked.error)})`,
    );
  if (emit === null)
    return gatewayRefusal('UNREACHABLE', 'the gateway cannot be reached; try again once the station is connected');
  let answer: unknown;
  try {
    answer = await emit(definition.event, payload, definition.timeoutMs);
  } catch (error) {
    return gatewayRefusal(
      'UNREACHABLE',
      `the gateway did not answer ${name} within ${definition.timeoutMs / 1000} s (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return readWardAnswer(name, answer);
}

/** Checks an answer to `name`: its envelope, its refusal code, its value against the request's reply schema. */
export function readWardAnswer<N extends WardRequestName>(name: N, answer: unknown): GatewayReply<WardReplyValue<N>> {
  const envelope = gatewayReplyEnvelopeSchema.safeParse(answer);
  if (!envelope.success)
    return gatewayRefusal(
      'BAD_REPLY',
      `the gateway's ${name} answer is not one this station can read (${summarizeSchemaIssues(envelope.error)})`,
    );
  if (!envelope.data.ok) {
    const { code, message, retryAfterSeconds } = envelope.data.error;
    return gatewayRefusal(code, message, retryAfterSeconds);
  }
  const value = WARD_REQUESTS[name].reply.safeParse(envelope.data.value);
  if (!value.success)
    return gatewayRefusal(
      'BAD_REPLY',
      `the gateway's ${name} answer does not match this station's version (${summarizeSchemaIssues(value.error)})`,
    );
  return gatewayOk(value.data as WardReplyValue<N>);
}
