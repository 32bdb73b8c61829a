import { z } from 'zod';
import { gatewayLinkStateSchema } from './gateway-link-state';
import { stationPolicyViewSchema } from './station-policy-view';

/** Which program hosts the station UI: the Electron app, or the browser host serving it to Chromium. */
export const STATION_HOSTS = ['electron', 'browser-host'] as const;

/** Who this station is and which gateway it watches; the first thing the UI shows. */
export const stationIdentitySchema = z.object({
  stationName: z.string().min(1).max(64),
  appVersion: z.string().min(1),
  host: z.enum(STATION_HOSTS),
  gateway: z.object({
    /** The gateway address as configured (no credentials are ever part of it). */
    url: z.string().min(1),
    /** The ward's other gateways (a standby), which the station follows when the leader changes; may be empty. */
    fallbackUrls: z.array(z.string().min(1)).max(4),
    /** True when the station started the gateway itself (a single-station ward or a demo). */
    embedded: z.boolean(),
    /**
     * True when the station reaches a gateway on another computer without TLS, which IT allowed with
     * `--insecure-gateway`: the UI says so in a banner that stays.
     */
    cleartext: z.boolean(),
  }),
  link: gatewayLinkStateSchema,
  /** IT's managed policy on this computer: which settings it locks, and the alarm volume floor it sets. */
  policy: stationPolicyViewSchema,
});

/** See {@link stationIdentitySchema}. */
export type StationIdentity = z.infer<typeof stationIdentitySchema>;
