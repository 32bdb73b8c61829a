/**
 * The socket.io handshake between a gateway and its clients (stations, and later stream workers).
 *
 * A client connects with {@link gatewayHelloSchema} as socket.io's `auth` payload; the gateway refuses a
 * mismatched protocol version before the connection is accepted, with one of {@link HANDSHAKE_REFUSALS} as the
 * error message, and otherwise sends `welcome`. Heartbeats are acknowledged emits so that the client measures
 * round trips and notices a gateway that is connected but no longer answering.
 */
import { z } from 'zod';
import { principalSchema } from '../identity/principal';

/** Version of the gateway wire protocol; bumped on any incompatible change. */
export const GATEWAY_PROTOCOL_VERSION = 1;

/** Event names on the gateway socket. */
export const GATEWAY_EVENTS = {
  welcome: 'welcome',
  heartbeat: 'heartbeat',
  /** Client → gateway: a fresh access token for this socket (a refresh, or another user signing in). */
  authenticate: 'authenticate',
  /** Gateway → client: this socket's token expired or its session was revoked; it is disconnected next. */
  authEnded: 'auth-ended',
} as const;

/** What a client presents when it connects. */
export const gatewayHelloSchema = z.object({
  protocol: z.number().int().positive(),
  client: z.enum(['station', 'stream']),
  stationName: z.string().min(1).max(64),
  /** An access token from the sign-in API (gateway-auth.ts); the gateway refuses a client without one. */
  token: z.string().min(1).max(4096).optional(),
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
  /** Who the gateway takes this client for. */
  principal: principalSchema,
  /** When the token presented stops working, gateway clock, epoch ms. */
  tokenExpiresAtMs: z.number(),
});

/** See {@link gatewayWelcomeSchema}. */
export type GatewayWelcome = z.infer<typeof gatewayWelcomeSchema>;

/** Reasons the gateway refuses a connection, sent as the socket.io connect error message. */
export const HANDSHAKE_REFUSALS = {
  malformedHello: 'HELLO_MALFORMED',
  protocolMismatch: 'PROTOCOL_MISMATCH',
  /** No token: the station must be enrolled or a user must sign in. */
  authRequired: 'AUTH_REQUIRED',
  /** The token's time is up: refresh it and connect again. */
  tokenExpired: 'TOKEN_EXPIRED',
  /** Not a token of this gateway (forged, or from before a gateway restart), or its session was revoked. */
  tokenInvalid: 'TOKEN_INVALID',
  /** A fan-out node that hears no leading gateway on its bus: the station moves on to the ward's next address. */
  noLeader: 'NO_LEADER',
} as const;
