/**
 * How a link state reads on the wall display: a short label and a tone. Pure, so it is unit-tested, and one
 * place decides that an unreachable station service never shows a link as connected.
 */
import type { GatewayLinkState } from '../../common/station/gateway-link-state';

/** Colour family of a status: ok green, pending amber, fault red. */
export type LinkTone = 'ok' | 'pending' | 'fault';

/** What a link badge shows. */
export interface LinkPresentation {
  readonly label: string;
  readonly tone: LinkTone;
  /** Why, when not connected; shown under the label. */
  readonly detail: string | null;
}

/**
 * The presentation of a link. `serviceReachable` false overrides everything: the last known state is stale and
 * must not look live.
 */
export function presentLink(state: GatewayLinkState | null, serviceReachable: boolean): LinkPresentation {
  if (!serviceReachable) {
    return { label: 'Unknown', tone: 'fault', detail: 'the station service is unreachable; this state is not live' };
  }
  if (state === null) return { label: 'Connecting…', tone: 'pending', detail: null };
  switch (state.status) {
    case 'connected':
      return { label: 'Connected', tone: 'ok', detail: null };
    case 'connecting':
      return { label: 'Connecting…', tone: 'pending', detail: state.detail };
    case 'disconnected':
      return { label: 'Disconnected', tone: 'fault', detail: state.detail };
    case 'unauthorized':
      return { label: 'Not signed in', tone: 'fault', detail: state.detail };
    case 'incompatible':
      return { label: 'Incompatible gateway', tone: 'fault', detail: state.detail };
  }
}
