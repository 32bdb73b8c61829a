/**
 * Station API calls the gateway answers itself (history review, ward settings and alarm policy), forwarded over
 * the control link. The gateway checks the role of whoever the link acts for — a signed-in, unlocked user; a
 * station signed in as itself is refused with the gateway's sentence. The link checks the answer against the
 * contract (ward-requests.ts) before it reaches the UI.
 */
import { failFromGateway } from '../../common/ipc/gateway-failures';
import { ok, type IpcResult } from '../../common/ipc/result';
import type { GatewayLink } from '../../common/wire/gateway-link';
import type { WardReplyValue, WardRequestInput, WardRequestName } from '../../common/wire/ward-requests';

/** Calls one ward request and answers as the station API does. */
export async function forwardGatewayRequest<N extends WardRequestName>(
  link: GatewayLink,
  name: N,
  payload: WardRequestInput<N>,
): Promise<IpcResult<WardReplyValue<N>>> {
  const reply = await link.call(name, payload);
  return reply.ok ? ok(reply.value) : failFromGateway(reply.error);
}
