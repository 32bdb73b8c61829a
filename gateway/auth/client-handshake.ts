/**
 * The socket.io middleware every client passes before it is connected: a hello that parses, the protocol version
 * this gateway speaks, and a valid access token (socket-auth.ts). Each refusal is counted, logged and named with
 * one of HANDSHAKE_REFUSALS, which the client turns into words; a failing token check (the database, say) refuses
 * this client and keeps the gateway running.
 */
import type { Server } from 'socket.io';
import { describeError, type Logger } from '../../common/logging/logger';
import { GATEWAY_PROTOCOL_VERSION, HANDSHAKE_REFUSALS, gatewayHelloSchema } from '../../common/wire/gateway-handshake';
import type { SocketAuth, SocketAuthCounters } from './socket-auth';
import { NO_SECURITY_EVENTS, type SecurityEvents } from '../security/security-log';

/** Installs the handshake on `io`. */
export function requireHandshake(
  io: Server,
  socketAuth: SocketAuth,
  counters: SocketAuthCounters,
  logger: Logger,
  security: SecurityEvents = NO_SECURITY_EVENTS,
): void {
  io.use((socket, next) => {
    const hello = gatewayHelloSchema.safeParse(socket.handshake.auth);
    if (!hello.success) {
      counters.refusedHandshakes += 1;
      logger.warn('refused a client with a malformed hello', { address: socket.handshake.address });
      security.record('handshake-refused', {
        severity: 'notice',
        source: socket.handshake.address,
        message: 'a client sent a hello that is not WardWatch’s',
      });
      next(new Error(HANDSHAKE_REFUSALS.malformedHello));
      return;
    }
    if (hello.data.protocol !== GATEWAY_PROTOCOL_VERSION) {
      counters.refusedHandshakes += 1;
      logger.warn('refused a client speaking another protocol', {
        station: hello.data.stationName,
        theirs: hello.data.protocol,
        ours: GATEWAY_PROTOCOL_VERSION,
      });
      const refusal = new Error(HANDSHAKE_REFUSALS.protocolMismatch) as Error & { data?: unknown };
      refusal.data = { gatewayProtocol: GATEWAY_PROTOCOL_VERSION };
      next(refusal);
      return;
    }
    socket.data.stationName = hello.data.stationName;
    socketAuth.handshake(socket, hello.data.token).then(
      (refusal) => {
        if (refusal !== null)
          logger.warn('refused a client without a valid token', {
            station: hello.data.stationName,
            reason: refusal.message,
          });
        // No token (an unenrolled station before sign-in) and an expired one are routine; a token this gateway
        // did not issue, or one of a revoked session, is worth a security team's look.
        if (refusal !== null && refusal.message === HANDSHAKE_REFUSALS.tokenInvalid)
          security.record('handshake-refused', {
            severity: 'notice',
            source: socket.handshake.address,
            message: `a client calling itself "${hello.data.stationName}" was refused: ${refusal.message}`,
          });
        next(refusal ?? undefined);
      },
      (error: unknown) => {
        counters.refusedHandshakes += 1;
        logger.error('the token check failed; the client is refused and retries', {
          station: hello.data.stationName,
          reason: describeError(error),
        });
        next(new Error(HANDSHAKE_REFUSALS.tokenInvalid));
      },
    );
  });
}
