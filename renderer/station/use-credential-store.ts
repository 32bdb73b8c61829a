import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { CredentialStoreStatus } from '../../common/station/credential-store-status';
import { useStationServices } from '../app/station-context';
import { StationCallError } from './use-station-identity';

/** The credential store's state, re-checked every minute (someone may unlock or lock the keychain meanwhile). */
export function useCredentialStore(): UseQueryResult<CredentialStoreStatus, StationCallError> {
  const { bridge } = useStationServices();
  return useQuery<CredentialStoreStatus, StationCallError>({
    queryKey: ['station', 'credential-store'],
    queryFn: async () => {
      const result = await bridge.api.getCredentialStoreStatus();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
    refetchInterval: 60_000,
  });
}
