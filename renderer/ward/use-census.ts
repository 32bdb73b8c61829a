/**
 * The ward's census through React Query, replaced whenever the station pushes a new one.
 */
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Census } from '../../common/wire/ward-messages';
import { useStationServices } from '../app/station-context';
import { StationCallError } from '../station/use-station-identity';

/** React Query key of the census. */
export const CENSUS_KEY = ['ward', 'census'] as const;

/** The census, or null until the gateway has sent one. */
export function useCensus(): UseQueryResult<Census | null, StationCallError> {
  const { bridge } = useStationServices();
  const queryClient = useQueryClient();
  useEffect(() => bridge.api.subscribe('censusChanged', (census) => queryClient.setQueryData(CENSUS_KEY, census)), [bridge, queryClient]);
  return useQuery<Census | null, StationCallError>({
    queryKey: CENSUS_KEY,
    queryFn: async () => {
      const result = await bridge.api.getCensus();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
  });
}
