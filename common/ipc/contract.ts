/**
 * The station API contract: for each call its request and reply schema, for each event its payload schema.
 * Main validates every request and reply against it; the renderer's types come from it. Add a channel by adding
 * its name to `channels.ts` and its schemas here — the `satisfies` clauses fail to compile until both exist.
 */
import { z } from 'zod';
import type { CallMethod, EventName } from './channels';
import { gatewayLinkStateSchema } from '../station/gateway-link-state';
import { stationIdentitySchema } from '../station/station-identity';
import { censusSchema } from '../wire/ward-messages';
import { credentialStoreStatusSchema } from '../station/credential-store-status';

/** A call's schemas. A call without arguments takes `z.undefined()`. */
export interface CallDefinition {
  readonly request: z.ZodType;
  readonly reply: z.ZodType;
}

/** Request and reply schemas of every call, by method name. */
export const CALL_CONTRACT = {
  getStationIdentity: { request: z.undefined(), reply: stationIdentitySchema },
  /** The ward's beds and patients; null until the gateway has sent its census. */
  getCensus: { request: z.undefined(), reply: censusSchema.nullable() },
  /** Whether the OS keychain can hold this station's credentials right now (checked on each call). */
  getCredentialStoreStatus: { request: z.undefined(), reply: credentialStoreStatusSchema },
} as const satisfies Record<CallMethod, CallDefinition>;

/** Payload schema of every event, by event name. */
export const EVENT_CONTRACT = {
  gatewayLinkChanged: gatewayLinkStateSchema,
  censusChanged: censusSchema,
} as const satisfies Record<EventName, z.ZodType>;

/** The request type of a call. */
export type CallRequest<M extends CallMethod> = z.input<(typeof CALL_CONTRACT)[M]['request']>;
/** The reply type of a call. */
export type CallReply<M extends CallMethod> = z.output<(typeof CALL_CONTRACT)[M]['reply']>;
/** The payload type of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof EVENT_CONTRACT)[E]>;
