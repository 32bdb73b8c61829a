/**
 * Station API calls the gateway answers itself (history review, ward settings and alarm policy), forwarded over
 * the control link. The gateway checks the role of whoever the link acts for — a signed-in, unlocked user; a
 * station signed in as itself is refused with the gateway's sentence. Replies are validated before they reach
 * the UI.
 */
import type { z } from 'zod';
import { fail, ok, type IpcResult } from '../../common/ipc/result';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import { describeError } from '../../common/logging/logger';
import type { GatewayLink } from '../../common/wire/gateway-link';
import type { GatewayReply } from '../../common/wire/gateway-reply';

/** Sends one request and checks the answer against `reply`. */
export async function forwardGatewayRequest<T>(link: GatewayLink, event: string, payload: unknown, reply: z.ZodType<T>): Promise<IpcResult<T>> {
  if (link.state().status !== 'connected') return fail('GATEWAY_UNAVAILABLE', 'the gateway cannot be reached; try again once the station is connected');
  let answer: GatewayReply<unknown>;
  try {
    answer = (await link.request(event, payload, 15_000)) as GatewayReply<unknown>;
  } catch (error) {
    return fail('GATEWAY_UNAVAILABLE', `the gateway did not answer (${describeError(error)})`);
  }
  if (!answer.ok) {
    const code = answer.error.code === 'FORBIDDEN' ? 'FORBIDDEN' : answer.error.code === 'TOKEN_EXPIRED' ? 'SESSION_ENDED' : answer.error.code === 'INVALID_REQUEST' ? 'INVALID_REQUEST' : 'GATEWAY_UNAVAILABLE';
    return fail(code, answer.error.message);
  }
  const parsed = reply.safeParse(answer.value);
  if (!parsed.success) return fail('INVALID_REPLY', `the gateway's ${event} answer does not match this station's version (${summarizeSchemaIssues(parsed.error)})`);
  return ok(parsed.data);
}
