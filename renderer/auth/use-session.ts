/**
 * The station's session (who is signed in, locked or not) through React Query, replaced whenever the station
 * pushes a change, plus the calls that change it. Every call answers with the new session or an error message
 * the form shows as it is.
 */
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { IpcResult } from '../../common/ipc/result';
import type { SessionState } from '../../common/station/session-state';
import { useStationServices } from '../app/station-context';
import { StationCallError } from '../station/use-station-identity';

/** React Query key of the session. */
export const SESSION_KEY = ['station', 'session'] as const;

/** The session, kept current by the `sessionChanged` event. */
export function useSession(): UseQueryResult<SessionState, StationCallError> {
  const { bridge } = useStationServices();
  const queryClient = useQueryClient();
  useEffect(() => bridge.api.subscribe('sessionChanged', (session) => queryClient.setQueryData(SESSION_KEY, session)), [bridge, queryClient]);
  useEffect(
    () =>
      bridge.reachability.onChange((reachable) => {
        if (reachable) void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      }),
    [bridge, queryClient],
  );
  return useQuery<SessionState, StationCallError>({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const result = await bridge.api.getSession();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
  });
}

/** Runs a session call and stores its answer; resolves with the error message, or null on success. */
export function useSessionCall(): (call: () => Promise<IpcResult<SessionState>>) => Promise<string | null> {
  const queryClient = useQueryClient();
  return useCallback(
    async (call) => {
      const result = await call();
      if (!result.ok) return result.error.message;
      queryClient.setQueryData(SESSION_KEY, result.value);
      return null;
    },
    [queryClient],
  );
}
