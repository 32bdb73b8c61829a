/**
 * The socket.io handshake between a gateway and its clients (stations, and later stream workers).
 *
 * A client connects with {@link gatewayHelloSchema} as socket.io's `auth` payload; the gateway refuses a
 * mismatched protocol version before the connection is accepted, with one of {@link HANDSHAKE_REFUSALS} as the
 * error message, and otherwise sends `welcome`. Heartbeats are acknowledged emits so that the client measures
 * round trips and notices a gateway that is connected but no longer answering.
 */
import { z } from 'zod';

/** Version of the gateway wire protocol; bumped on any incompatible change. */
export const GATEWAY_PROTOCOL_VERSION = 1;

/** Event names on the gateway socket. */
export const GATEWAY_EVENTS = {
  welcome: 'welcome',
  heartbeat: 'heartbeat',
} as const;

/** What a client presents when it connects. */
export const gatewayHelloSchema = z.object({
  protocol: z.number().int().positive(),
  client: z.enum(['station', 'stream']),
  stationName: z.string().min(1).max(64),
});

/** See {@link gatewayHelloSchema}. */
export type GatewayHello = z.infer<typeof gatewayHelloSchema>;

/** What the gateway answers once it accepted a client. */
export const gatewayWelcomeSchema = z.object({
  protocol: z.literal(GATEWAY_PROTOCOL_VERSION),
  gatewayVersion: z.string(),
  wardName: z.string(),
  /** Gateway clock at the welcome, epoch milliseconds. */
  serverTimeMs: z.number(),
});

/** See {@link gatewayWelcomeSchema}. */
export type GatewayWelcome = z.infer<typeof gatewayWelcomeSchema>;

/** Reasons the gateway refuses a connection, sent as the socket.io connect error message. */
export const HANDSHAKE_REFUSALS = {
  malformedHello: 'HELLO_MALFORMED',
  protocolMismatch: 'PROTOCOL_MISMATCH',
} as const;
