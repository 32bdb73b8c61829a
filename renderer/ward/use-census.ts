/**
 * The ward's census through React Query, replaced whenever the station pushes a new one.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import type { Census } from '../../common/wire/ward-messages';
import type { StationCallError } from '../station/use-station-identity';
import { usePushedStationValue } from '../station/use-pushed-station-value';

/** React Query key of the census. */
export const CENSUS_KEY = ['ward', 'census'] as const;

/** The census, or null until the gateway has sent one. */
export function useCensus(): UseQueryResult<Census | null, StationCallError> {
  return usePushedStationValue<Census | null, 'censusChanged'>(CENSUS_KEY, 'censusChanged', (api) => api.getCensus());
}
