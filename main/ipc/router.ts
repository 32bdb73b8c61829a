/**
 * The one place where station API calls enter main, whatever carried them (ipcMain or the browser host's
 * WebSocket). It rejects unknown channels, validates every request against the contract before a handler runs,
 * validates every reply before it leaves, and turns a handler's exception into an `INTERNAL` error so that
 * nothing throws across the process boundary.
 */
import { callMethodOf, type CallMethod } from '../../common/ipc/channels';
import { CALL_CONTRACT, type CallReply, type CallRequest } from '../../common/ipc/contract';
import { fail, type IpcResult } from '../../common/ipc/result';
import { describeError, type Logger } from '../../common/logging/logger';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';

/** Who is calling: for logs now, for the signed-in user's session later. */
export interface CallerContext {
  readonly transport: 'electron' | 'browser-host';
  /** A stable id of the calling window or socket, for logs. */
  readonly callerId: string;
}

/** A handler receives a request that already passed its schema. */
export type CallHandler<M extends CallMethod> = (
  request: CallRequest<M>,
  caller: CallerContext,
) => Promise<IpcResult<CallReply<M>>>;

/** A handler for every method of the contract; a missing one fails to compile. */
export type CallHandlers = { readonly [M in CallMethod]: CallHandler<M> };

/** Dispatches a call that arrived on a wire channel. Never throws. */
export interface IpcRouter {
  dispatch(channel: unknown, request: unknown, caller: CallerContext): Promise<IpcResult<unknown>>;
}

/** Builds the router over the given handlers. */
export function createIpcRouter(handlers: CallHandlers, logger: Logger): IpcRouter {
  return {
    async dispatch(channel, request, caller) {
      const method = callMethodOf(channel);
      if (method === undefined) {
        logger.warn('rejected a call on an unknown channel', { channel: String(channel).slice(0, 80), ...caller });
        return fail('UNKNOWN_CHANNEL', `"${String(channel).slice(0, 80)}" is not a station API channel`);
      }
      const definition = CALL_CONTRACT[method];
      const parsed = definition.request.safeParse(request);
      if (!parsed.success) {
        const issues = summarizeSchemaIssues(parsed.error);
        logger.warn('rejected an invalid request', { method, issues, ...caller });
        return fail('INVALID_REQUEST', `${method}: the request is invalid: ${issues}`);
      }
      let result: IpcResult<unknown>;
      try {
        const handler = handlers[method] as (request: unknown, caller: CallerContext) => Promise<IpcResult<unknown>>;
        result = await handler(parsed.data, caller);
      } catch (error) {
        logger.error('a handler threw', { method, reason: describeError(error), ...caller });
        return fail('INTERNAL', `${method} failed inside the station; the station log has the details`);
      }
      if (!result.ok) return result;
      const reply = definition.reply.safeParse(result.value);
      if (!reply.success) {
        logger.error('a handler broke the contract', { method, issues: summarizeSchemaIssues(reply.error) });
        return fail(
          'INVALID_REPLY',
          `${method} produced a reply outside the contract; the station log has the details`,
        );
      }
      return { ok: true, value: reply.data };
    },
  };
}
