/**
 * The ward's remote patients through React Query: asked again every 30 s and whenever their alerts change (a new
 * upload raises or ends one), so a tile's ages and readings follow without a live stream — these are readings
 * taken hours apart, not waveforms.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useStationServices } from '../app/station-context';
import { StationCallError } from '../station/use-station-identity';

/** React Query key of the remote patients. */
export const REMOTE_KEY = ['remote', 'patients'] as const;

/** The summaries; `alertsVersion` changes when a remote alert does. */
export function useRemotePatients(enabled: boolean, alertsVersion: string) {
  const { bridge } = useStationServices();
  return useQuery({
    queryKey: [...REMOTE_KEY, alertsVersion],
    enabled,
    queryFn: async () => {
      const result = await bridge.api.listRemote();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value.patients;
    },
    refetchInterval: 30_000,
    placeholderData: (previous) => previous,
    retry: 1,
  });
}

/** Enrolls a patient or registers a device, then asks for the list again. */
export function useRemoteActions() {
  const { bridge } = useStationServices();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: REMOTE_KEY });
  const enroll = useMutation({
    mutationFn: async (request: Parameters<typeof bridge.api.enrollRemote>[0]) => {
      const result = await bridge.api.enrollRemote(request);
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
    onSuccess: refresh,
  });
  const register = useMutation({
    mutationFn: async (request: Parameters<typeof bridge.api.registerRemoteDevice>[0]) => {
      const result = await bridge.api.registerRemoteDevice(request);
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
    onSuccess: refresh,
  });
  return { enroll, register };
}
