/**
 * A station value through React Query that the station also pushes: fetched once (and again whenever the station
 * service becomes reachable, see main.tsx), then replaced by every `event` the station sends.
 */
import { useQuery, useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventName } from '../../common/ipc/channels';
import type { EventPayload } from '../../common/ipc/contract';
import type { IpcResult } from '../../common/ipc/result';
import type { StationApi } from '../../common/ipc/station-api';
import { useStationServices } from '../app/station-context';
import { StationCallError } from './use-station-identity';

/** The value under `key`: `fetch` asks for it, `event` pushes new ones (its payload must fit the value's type). */
export function usePushedStationValue<T, E extends EventName>(
  key: QueryKey,
  event: EventPayload<E> extends T ? E : never,
  fetch: (api: StationApi) => Promise<IpcResult<T>>,
): UseQueryResult<T, StationCallError> {
  const { bridge } = useStationServices();
  const queryClient = useQueryClient();
  useEffect(
    () => bridge.api.subscribe(event, (payload) => queryClient.setQueryData<T>(key, payload as T)),
    [bridge, queryClient, event, key],
  );
  return useQuery<T, StationCallError>({
    queryKey: key,
    queryFn: async () => {
      const result = await fetch(bridge.api);
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
  });
}
