/**
 * History review data through React Query: pages of alarms (infinite, newest first), one alarm's detail, a
 * waveform strip, and statistics. Each call goes through the station to the gateway, which checks the role.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AlarmHistoryQuery } from '../../common/wire/history-messages';
import { useStationServices } from '../app/station-context';
import { StationCallError } from '../station/use-station-identity';

/** Filters of the table, without paging. */
export type HistoryFilters = Omit<AlarmHistoryQuery, 'after' | 'limit'>;

const PAGE_SIZE = 200;

/** The alarm table, page by page. */
export function useAlarmHistory(filters: HistoryFilters, enabled: boolean) {
  const { bridge } = useStationServices();
  return useInfiniteQuery({
    queryKey: ['history', 'alarms', filters],
    enabled,
    initialPageParam: undefined as AlarmHistoryQuery['after'],
    queryFn: async ({ pageParam }) => {
      const result = await bridge.api.getAlarmHistory({
        ...filters,
        limit: PAGE_SIZE,
        ...(pageParam === undefined ? {} : { after: pageParam }),
      });
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
    getNextPageParam: (last) => last.next ?? undefined,
    retry: false,
  });
}

/** One alarm's detail. */
export function useAlarmDetail(alarmId: string | null) {
  const { bridge } = useStationServices();
  return useQuery({
    queryKey: ['history', 'detail', alarmId],
    enabled: alarmId !== null,
    queryFn: async () => {
      const result = await bridge.api.getAlarmDetail({ alarmId: alarmId as string });
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
    retry: false,
  });
}

/** A bed's strip around a moment: `beforeMs` before to `afterMs` after. */
export function useWaveformStrip(bedId: string | null, atMs: number | null, beforeMs = 10_000, afterMs = 10_000) {
  const { bridge } = useStationServices();
  return useQuery({
    queryKey: ['history', 'strip', bedId, atMs],
    enabled: bedId !== null && atMs !== null,
    queryFn: async () => {
      const result = await bridge.api.getWaveformStrip({
        bedId: bedId as string,
        fromMs: (atMs as number) - beforeMs,
        toMs: (atMs as number) + afterMs,
      });
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
    retry: false,
  });
}

/** Alarm load over the filters' period. */
export function useAlarmStats(fromMs: number, toMs: number, bedId: string | undefined, enabled: boolean) {
  const { bridge } = useStationServices();
  return useQuery({
    queryKey: ['history', 'stats', fromMs, toMs, bedId],
    enabled,
    queryFn: async () => {
      const result = await bridge.api.getAlarmStats({ fromMs, toMs, ...(bedId === undefined ? {} : { bedId }) });
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
    retry: false,
  });
}
