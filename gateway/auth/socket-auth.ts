/**
 * Authentication and authorization on the gateway socket:
 * - the handshake needs an access token (AUTH_REQUIRED / TOKEN_EXPIRED / TOKEN_INVALID otherwise);
 * - a connected client renews its token with `authenticate` before it expires — the same socket, so a live
 *   stream never stops — and a station switches user the same way; a socket whose token ran out more than
 *   {@link EXPIRY_GRACE_MS} ago, or whose session was revoked, is told why (`auth-ended`) and dropped;
 * - every request is checked against the principal's permissions before its handler runs (guardRequest).
 */
import type { Server, Socket } from 'socket.io';
import { describePrincipal, type Principal } from '../../common/identity/principal';
import { mayPerform, refusalMessage } from '../../common/identity/permissions';
import { summarizeSchemaIssues } from '../../common/ipc/schema-issues';
import { describeError, type Logger } from '../../common/logging/logger';
import { GATEWAY_EVENTS, HANDSHAKE_REFUSALS } from '../../common/wire/gateway-handshake';
import { gatewayOk, gatewayRefusal, type GatewayReply } from '../../common/wire/gateway-reply';
import type { WardRequestDefinition } from '../../common/wire/ward-requests';
import type { VerifiedAccess } from './access-tokens';
import type { AuthService, RevocationHandle } from './auth-service';

/** How long past its expiry a socket may run before it is dropped: room for a refresh delayed by a slow network. */
export const EXPIRY_GRACE_MS = 5000;

/** Counters for the stats. */
export interface SocketAuthCounters {
  refusedHandshakes: number;
  forbiddenRequests: number;
  invalidRequests: number;
  /** Answers a handler gave that its own reply schema rejects (a gateway bug; refused as UNAVAILABLE). */
  invalidReplies: number;
  expiredDisconnects: number;
}

/** The socket side of authentication. */
export interface SocketAuth {
  /** socket.io middleware: run after the hello check. */
  handshake(socket: Socket, token: string | undefined): Promise<Error | null>;
  /** Registers `authenticate` on a newly connected socket. */
  attach(socket: Socket): void;
  /** Drops the sockets of an ended session or enrollment. */
  revoke(handle: RevocationHandle): void;
  /** The principal a socket acts as. */
  principalOf(socket: Socket): Principal;
  stop(): void;
}

/**
 * Who a request came from: a socket on this gateway, or a station's socket on a fan-out node whose request that node
 * passed on (gateway/fanout/) — the access it verified with this gateway and the station's address.
 */
export interface RequestOrigin {
  readonly data: { readonly access?: unknown; readonly stationName?: unknown };
  readonly handshake: { readonly address: string };
}

/** Reads the verified access stored on a socket. */
function accessOf(socket: RequestOrigin): VerifiedAccess {
  return socket.data.access as VerifiedAccess;
}

/**
 * The station a socket's actions are journaled under: the enrolled (or embedded) station its user signed in at,
 * as the gateway verified it; otherwise the name the client gave in its hello, marked as unverified with the
 * address it came from — an audit trail never presents a client's word as a fact.
 */
export function journalStationOf(socket: RequestOrigin): string {
  const via = accessOf(socket).via;
  if (via !== null) return via.stationName;
  return `${String(socket.data.stationName)} [not enrolled: ${socket.handshake.address}]`;
}

/** Starts socket authentication over the auth service. */
export function createSocketAuth(
  io: Server,
  service: AuthService,
  counters: SocketAuthCounters,
  logger: Logger,
  now: () => number = Date.now,
): SocketAuth {
  const end = (socket: Socket, reason: 'TOKEN_EXPIRED' | 'TOKEN_REVOKED', message: string): void => {
    socket.emit(GATEWAY_EVENTS.authEnded, { reason, message });
    socket.disconnect(true);
  };
  const sweep = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      const access = socket.data.access as VerifiedAccess | undefined;
      if (access !== undefined && access.expiresAtMs + EXPIRY_GRACE_MS < now()) {
        counters.expiredDisconnects += 1;
        logger.info('dropped a client whose token expired', { who: describePrincipal(access.principal) });
        end(socket, 'TOKEN_EXPIRED', 'the access token expired and was not renewed');
      }
    }
  }, 1000);
  sweep.unref();

  return {
    async handshake(socket, token) {
      if (token === undefined) {
        counters.refusedHandshakes += 1;
        return new Error(HANDSHAKE_REFUSALS.authRequired);
      }
      const verified = await service.verifyAccess(token);
      if (typeof verified === 'string') {
        counters.refusedHandshakes += 1;
        return new Error(
          verified === 'TOKEN_EXPIRED' ? HANDSHAKE_REFUSALS.tokenExpired : HANDSHAKE_REFUSALS.tokenInvalid,
        );
      }
      socket.data.access = verified;
      // Kept for a fan-out node, which passes the token itself on with each request for the leader to check.
      socket.data.token = token;
      return null;
    },
    attach(socket) {
      socket.on(GATEWAY_EVENTS.authenticate, (payload: unknown, acknowledge: unknown) => {
        if (typeof acknowledge !== 'function') return;
        const token =
          typeof payload === 'object' && payload !== null ? (payload as { token?: unknown }).token : undefined;
        if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
          counters.invalidRequests += 1;
          acknowledge(gatewayRefusal('INVALID_REQUEST', 'authenticate needs { token }'));
          return;
        }
        void service.verifyAccess(token).then(
          (verified) => {
            if (typeof verified === 'string') {
              acknowledge(
                gatewayRefusal(
                  verified === 'TOKEN_EXPIRED' ? 'TOKEN_EXPIRED' : 'REFUSED',
                  verified === 'TOKEN_EXPIRED' ? 'that token has expired already' : 'that token is not valid here',
                ),
              );
              return;
            }
            const before = accessOf(socket).principal;
            socket.data.access = verified;
            socket.data.token = token;
            if (describePrincipal(before) !== describePrincipal(verified.principal)) {
              logger.info('client now acts as another principal', {
                station: String(socket.data.stationName),
                from: describePrincipal(before),
                to: describePrincipal(verified.principal),
              });
            }
            acknowledge(gatewayOk({ principal: verified.principal, tokenExpiresAtMs: verified.expiresAtMs }));
          },
          (error: unknown) => {
            // The check itself failed (the database): this renewal is refused, the socket keeps its current token
            // and the gateway keeps running; the station tries the renewal again shortly.
            logger.error('a token renewal could not be checked', { reason: describeError(error) });
            acknowledge(gatewayRefusal('UNAVAILABLE', 'the gateway could not check that token now; try again shortly'));
          },
        );
      });
    },
    revoke(handle) {
      for (const socket of io.of('/').sockets.values()) {
        if ((socket.data.access as VerifiedAccess | undefined)?.sessionId === handle)
          end(socket, 'TOKEN_REVOKED', 'the session was signed out or the station forgotten');
      }
    },
    principalOf: (socket) => accessOf(socket).principal,
    stop: () => clearInterval(sweep),
  };
}

/** A request handler once the request is authorized and valid. */
export type AuthorizedHandler<T, R = unknown> = (
  payload: T,
  principal: Principal,
  origin: RequestOrigin,
) => Promise<GatewayReply<R>> | GatewayReply<R>;

/**
 * Registers a request on a socket behind the checks every request gets ({@link runGuardedRequest}); a request
 * without a reply callback is counted and dropped.
 */
export function guardRequest<T>(
  socket: Socket,
  definition: WardRequestDefinition,
  counters: SocketAuthCounters,
  logger: Logger,
  handler: AuthorizedHandler<T>,
  now: () => number = Date.now,
): void {
  socket.on(definition.event, (payload: unknown, acknowledge: unknown) => {
    if (typeof acknowledge !== 'function') {
      counters.invalidRequests += 1;
      return;
    }
    void runGuardedRequest(socket, definition, payload, counters, logger, handler, now).then((answer) =>
      acknowledge(answer),
    );
  });
}

/**
 * Answers one request from `origin` behind the checks every request gets, in this order: the token must not have
 * expired; the principal must be allowed the action; the payload must match; and the handler's answer must match
 * the reply schema. Never rejects: a failing handler is an UNAVAILABLE answer.
 */
export async function runGuardedRequest<T>(
  origin: RequestOrigin,
  definition: WardRequestDefinition,
  payload: unknown,
  counters: SocketAuthCounters,
  logger: Logger,
  handler: AuthorizedHandler<T>,
  now: () => number = Date.now,
): Promise<GatewayReply<unknown>> {
  const access = accessOf(origin);
  if (access.expiresAtMs <= now())
    return gatewayRefusal('TOKEN_EXPIRED', 'the access token has expired; the station renews it and retries');
  if (!mayPerform(access.principal, definition.action)) {
    counters.forbiddenRequests += 1;
    logger.warn('refused a request the principal may not make', {
      event: definition.event,
      who: describePrincipal(access.principal),
    });
    return gatewayRefusal('FORBIDDEN', refusalMessage(access.principal, definition.action));
  }
  const parsed = definition.payload.safeParse(payload ?? {});
  if (!parsed.success) {
    counters.invalidRequests += 1;
    return gatewayRefusal('INVALID_REQUEST', `${definition.event}: ${summarizeSchemaIssues(parsed.error)}`);
  }
  const failed = (reason: string): GatewayReply<never> => {
    logger.error('a request handler failed', { event: definition.event, reason });
    return gatewayRefusal('UNAVAILABLE', `${definition.event} failed inside the gateway; its log has the details`);
  };
  try {
    const answer = await handler(parsed.data as T, access.principal, origin);
    // The gateway keeps its side of the contract too: an answer its own reply schema rejects is a bug here,
    // logged and refused, never sent on for the station to misread.
    if (!answer.ok) return answer;
    const checked = definition.reply.safeParse(answer.value);
    if (checked.success) return answer;
    counters.invalidReplies += 1;
    return failed(`its answer breaks the contract: ${summarizeSchemaIssues(checked.error)}`);
  } catch (error) {
    return failed(describeError(error));
  }
}
