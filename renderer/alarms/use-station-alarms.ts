/**
 * The ward's alarms as the station knows them, through React Query, replaced on every push.
 */
import type { StationAlarms } from '../../common/station/station-alarms';
import { usePushedStationValue } from '../station/use-pushed-station-value';

/** React Query key of the alarms. */
export const ALARMS_KEY = ['ward', 'alarms'] as const;

/** The alarms, or undefined before the first answer. */
export function useStationAlarms(): StationAlarms | undefined {
  return usePushedStationValue<StationAlarms, 'alarmsChanged'>(ALARMS_KEY, 'alarmsChanged', (api) => api.getAlarms()).data;
}
