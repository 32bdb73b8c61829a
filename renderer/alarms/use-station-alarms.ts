/**
 * The ward's alarms as the station knows them, through React Query, replaced on every push. Each state that
 * arrives (fetched or pushed) also anchors the page's gateway clock, at the moment it arrives.
 */
import { useEffect } from 'react';
import type { StationAlarms } from '../../common/station/station-alarms';
import { useStationServices } from '../app/station-context';
import { usePushedStationValue } from '../station/use-pushed-station-value';
import { pageGatewayClock } from './gateway-clock-anchor';

/** React Query key of the alarms. */
export const ALARMS_KEY = ['ward', 'alarms'] as const;

/** The alarms, or undefined before the first answer. */
export function useStationAlarms(): StationAlarms | undefined {
  const { bridge } = useStationServices();
  useEffect(
    () => bridge.api.subscribe('alarmsChanged', (state) => pageGatewayClock.note(state.gatewayTimeMs)),
    [bridge],
  );
  return usePushedStationValue<StationAlarms, 'alarmsChanged'>(ALARMS_KEY, 'alarmsChanged', async (api) => {
    const result = await api.getAlarms();
    if (result.ok) pageGatewayClock.note(result.value.gatewayTimeMs);
    return result;
  }).data;
}
