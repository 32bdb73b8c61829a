/**
 * The ward's settings (from the gateway, through the station) via React Query, replaced when the gateway pushes
 * a change.
 */
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { WardSettings } from '../../common/wire/ward-settings';
import { useStationServices } from '../app/station-context';
import { StationCallError } from '../station/use-station-identity';

/** React Query key of the ward settings. */
export const WARD_SETTINGS_KEY = ['ward', 'settings'] as const;

/** The settings, or null until the gateway has sent them. */
export function useWardSettings(): UseQueryResult<WardSettings | null, StationCallError> {
  const { bridge } = useStationServices();
  const queryClient = useQueryClient();
  useEffect(() => bridge.api.subscribe('wardSettingsChanged', (settings) => queryClient.setQueryData(WARD_SETTINGS_KEY, settings)), [bridge, queryClient]);
  return useQuery<WardSettings | null, StationCallError>({
    queryKey: WARD_SETTINGS_KEY,
    queryFn: async () => {
      const result = await bridge.api.getWardSettings();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
  });
}
