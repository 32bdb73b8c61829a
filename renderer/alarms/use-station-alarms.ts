/**
 * The ward's alarms as the station knows them, through React Query, replaced on every push.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { StationAlarms } from '../../common/station/station-alarms';
import { useStationServices } from '../app/station-context';
import { StationCallError } from '../station/use-station-identity';

/** React Query key of the alarms. */
export const ALARMS_KEY = ['ward', 'alarms'] as const;

/** The alarms, or undefined before the first answer. */
export function useStationAlarms(): StationAlarms | undefined {
  const { bridge } = useStationServices();
  const queryClient = useQueryClient();
  useEffect(() => bridge.api.subscribe('alarmsChanged', (alarms) => queryClient.setQueryData(ALARMS_KEY, alarms)), [bridge, queryClient]);
  return useQuery<StationAlarms, StationCallError>({
    queryKey: ALARMS_KEY,
    queryFn: async () => {
      const result = await bridge.api.getAlarms();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
  }).data;
}
