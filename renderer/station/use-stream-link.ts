import { useEffect, useState } from 'react';
import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import { useStationServices } from '../app/station-context';

/**
 * This display's own data link to the gateway (the stream worker's), once the gateway address is known;
 * null until the worker has reported.
 */
export function useStreamLink(
  gatewayUrl: string | undefined,
  fallbackUrls: readonly string[] | undefined,
  stationName: string | undefined,
): GatewayLinkState | null {
  const { streamWorker } = useStationServices();
  const [state, setState] = useState<GatewayLinkState | null>(null);
  useEffect(() => streamWorker.onLinkChange(setState), [streamWorker]);
  useEffect(() => {
    // The worker client ignores a connect to the addresses it already uses, so a fresh array of the same list
    // from the next identity read reconnects nothing.
    if (gatewayUrl !== undefined && stationName !== undefined)
      streamWorker.connect(gatewayUrl, fallbackUrls ?? [], stationName);
  }, [streamWorker, gatewayUrl, fallbackUrls, stationName]);
  return state;
}
