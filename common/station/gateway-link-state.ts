import { z } from 'zod';
import { principalSchema } from '../identity/principal';

/**
 * Where the station's link to its ward gateway stands.
 * - `connecting`: no answer yet (first attempt or reconnecting with back-off);
 * - `connected`: handshake done and heartbeats answered;
 * - `disconnected`: the gateway is unreachable or stopped answering heartbeats;
 * - `unauthorized`: the gateway needs credentials this station does not have (nobody signed in, not enrolled,
 *   or the session was ended); the link waits until it gets some;
 * - `incompatible`: the gateway answered but speaks another protocol version or refused the station.
 */
export const GATEWAY_LINK_STATUSES = [
  'connecting',
  'connected',
  'disconnected',
  'unauthorized',
  'incompatible',
] as const;

/** The link state as the station UI shows it. */
export const gatewayLinkStateSchema = z.object({
  status: z.enum(GATEWAY_LINK_STATUSES),
  /** When the status last changed, epoch milliseconds (station clock). */
  sinceMs: z.number().int().nonnegative(),
  /** The ward the gateway serves, once the handshake told us. */
  wardName: z.string().nullable(),
  gatewayVersion: z.string().nullable(),
  /** Last heartbeat round trip, when connected. */
  roundTripMs: z.number().nonnegative().nullable(),
  /** Why the link is not connected, in words a nurse or IT can act on; null when connected. */
  detail: z.string().nullable(),
  /** Connection attempts since the last successful handshake. */
  failedAttempts: z.number().int().nonnegative(),
  /** Who the gateway takes this link for (a user, or the station itself), once connected. */
  principal: principalSchema.nullable(),
});

/** See {@link gatewayLinkStateSchema}. */
export type GatewayLinkState = z.infer<typeof gatewayLinkStateSchema>;
