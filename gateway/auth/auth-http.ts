/**
 * The sign-in API over HTTP: POST-only JSON routes on the gateway's port (socket.io takes /socket.io/, this takes
 * /auth/). Bodies are size-limited and validated before the service sees them; every refusal is JSON with a code.
 * Nothing of a request body is ever logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import { describeError, type Logger } from '../../common/logging/logger';
import {
  AUTH_ERROR_STATUS,
  AUTH_PATHS,
  AUTH_REQUESTS,
  MAX_AUTH_BODY_BYTES,
  type AuthErrorBody,
  type AuthErrorCode,
  type AuthRoute,
} from '../../common/wire/gateway-auth';
import type { AuthCaller, AuthOutcome, AuthService } from './auth-service';
import { readJsonBody } from '../http/json-body';
import { bearerOf } from '../http/bearer-token';

const routeByPath = new Map<string, AuthRoute>(
  Object.entries(AUTH_PATHS).map(([route, path]) => [path, route as AuthRoute]),
);

/** Handles a request when it is for the sign-in API; false otherwise (the caller answers 404). */
export function handleAuthRequest(
  request: IncomingMessage,
  response: ServerResponse,
  service: AuthService,
  logger: Logger,
): boolean {
  const path = (request.url ?? '').split('?')[0] ?? '';
  const route = routeByPath.get(path);
  if (route === undefined) return false;
  if (request.method !== 'POST') {
    sendError(response, 'INVALID_REQUEST', `${path} takes POST`, { Allow: 'POST' }, 405);
    return true;
  }
  void readJsonBody(request, MAX_AUTH_BODY_BYTES)
    .then(async (body) => {
      if (typeof body === 'string') return sendError(response, 'INVALID_REQUEST', body);
      const parsed = AUTH_REQUESTS[route].safeParse(body);
      if (!parsed.success)
        return sendError(response, 'INVALID_REQUEST', `${path}: ${summarizeSchemaIssues(parsed.error)}`);
      const caller: AuthCaller = { address: request.socket.remoteAddress ?? 'unknown', bearer: bearerOf(request) };
      const outcome = await dispatchAuthRoute(service, route, parsed.data, caller);
      if (!outcome.ok) {
        const headers =
          outcome.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(outcome.retryAfterSeconds) };
        return sendError(response, outcome.code, outcome.message, headers, undefined, outcome.retryAfterSeconds);
      }
      response
        .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
        .end(JSON.stringify(outcome.value));
    })
    .catch((error: unknown) => {
      logger.error('sign-in API request failed', { route, reason: describeError(error) });
      if (!response.headersSent)
        sendError(response, 'UNAVAILABLE', 'the gateway failed to answer; its log has the details');
    });
  return true;
}

/** Runs one sign-in API route on `service` with a body that has passed its route's schema (over HTTP, or passed on by a fan-out node). */
export function dispatchAuthRoute(
  service: AuthService,
  route: AuthRoute,
  body: unknown,
  caller: AuthCaller,
): Promise<AuthOutcome<unknown>> {
  // Each body has passed its route's schema above; the casts restate that.
  switch (route) {
    case 'signIn':
      return service.signIn(body as Parameters<AuthService['signIn']>[0], caller);
    case 'refresh':
      return service.refresh(body as Parameters<AuthService['refresh']>[0]);
    case 'signOut':
      return service.signOut(body as Parameters<AuthService['signOut']>[0]);
    case 'viewToken':
      return service.viewToken(caller);
    case 'enroll':
      return service.enroll(body as Parameters<AuthService['enroll']>[0], caller);
    case 'stationToken':
      return service.stationToken(body as Parameters<AuthService['stationToken']>[0]);
    case 'unenroll':
      return service.unenroll(body as Parameters<AuthService['unenroll']>[0]);
  }
}

function sendError(
  response: ServerResponse,
  code: AuthErrorCode,
  message: string,
  headers: Record<string, string> = {},
  status?: number,
  retryAfterSeconds?: number,
): void {
  const body: AuthErrorBody = {
    error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds },
  };
  response
    .writeHead(status ?? AUTH_ERROR_STATUS[code], {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      ...headers,
    })
    .end(JSON.stringify(body));
}
