/**
 * The station identity through React Query, kept current by the `gatewayLinkChanged` event (and refetched, like
 * every station query, when the station service becomes reachable again: main.tsx).
 */
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { IpcError } from '../../common/ipc/result';
import type { StationIdentity } from '../../common/station/station-identity';
import { useStationServices } from '../app/station-context';

/** React Query key of the identity. */
export const STATION_IDENTITY_KEY = ['station', 'identity'] as const;

/** A failed station call, as React Query sees it. */
export class StationCallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'StationCallError';
  }
}

/** The identity, with the gateway link state pushed by the station as it changes. */
export function useStationIdentity(): UseQueryResult<StationIdentity, StationCallError> {
  const { bridge } = useStationServices();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      bridge.api.subscribe('gatewayLinkChanged', (link) => {
        queryClient.setQueryData<StationIdentity>(STATION_IDENTITY_KEY, (identity) =>
          identity ? { ...identity, link } : identity,
        );
      }),
    [bridge, queryClient],
  );

  return useQuery<StationIdentity, StationCallError>({
    queryKey: STATION_IDENTITY_KEY,
    queryFn: async () => {
      const result = await bridge.api.getStationIdentity();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
  });
}
