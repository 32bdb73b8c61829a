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
    if (gatewayUrl !== undefined && stationName !== undefined)
      streamWorker.connect(gatewayUrl, fallbackUrls ?? [], stationName);
    // The list by value: a fresh array of the same addresses from the next identity read is no reconnection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [streamWorker, gatewayUrl, (fallbackUrls ?? []).join(','), stationName]);
  return state;
}
