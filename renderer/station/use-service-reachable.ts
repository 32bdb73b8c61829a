import { useSyncExternalStore } from 'react';
import { useStationServices } from '../app/station-context';

/** Whether the station service can be reached right now (always true in Electron). */
export function useServiceReachable(): boolean {
  const { reachability } = useStationServices().bridge;
  return useSyncExternalStore(reachability.onChange, reachability.isReachable);
}
