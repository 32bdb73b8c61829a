/**
 * The station's session (who is signed in, locked or not) through React Query, replaced whenever the station
 * pushes a change, plus the calls that change it. Every call answers with the new session or an error message
 * the form shows as it is.
 */
import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { IpcResult } from '../../common/ipc/result';
import type { SessionState } from '../../common/station/session-state';
import type { StationCallError } from '../station/use-station-identity';
import { usePushedStationValue } from '../station/use-pushed-station-value';

/** React Query key of the session. */
export const SESSION_KEY = ['station', 'session'] as const;

/** The session, kept current by the `sessionChanged` event. */
export function useSession(): UseQueryResult<SessionState, StationCallError> {
  return usePushedStationValue<SessionState, 'sessionChanged'>(SESSION_KEY, 'sessionChanged', (api) =>
    api.getSession(),
  );
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
