/**
 * The review screen for physicians and charge nurses: filters (bed, period, priority, alarm, acknowledged or not),
 * the virtualized alarm table, the alarm-load statistics, CSV export of the filtered table, and an alarm's detail
 * (timeline, onset numerics, waveform strip). History is the gateway's; a station without a signed-in clinician or
 * admin is told to sign in.
 */
import { useMemo, useState } from 'react';
import {
  ALARM_CONDITION_KEYS,
  ALARM_CONDITIONS,
  ALARM_PRIORITIES,
  type AlarmConditionKey,
  type AlarmPriority,
} from '../../common/alarms/alarm-model';
import type { SessionState } from '../../common/station/session-state';
import type { Census } from '../../common/wire/ward-messages';
import { AlarmDetailPanel } from './AlarmDetailPanel';
import { AlarmHistoryTable } from './AlarmHistoryTable';
import { AlarmStatsPanel } from './AlarmStatsPanel';
import { alarmsToCsv } from './history-csv';
import { useAlarmHistory, useAlarmStats, type HistoryFilters } from './use-history';

const PERIODS = [
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 h', ms: 86_400_000 },
  { label: 'Last 72 h', ms: 3 * 86_400_000 },
] as const;

/** Props of {@link HistoryScreen}. */
export interface HistoryScreenProps {
  readonly census: Census | null;
  readonly session: SessionState;
}

/** The screen. */
export function HistoryScreen({ census, session }: HistoryScreenProps) {
  const [periodMs, setPeriodMs] = useState<number>(PERIODS[1].ms);
  const [bedId, setBedId] = useState<string>('');
  const [priority, setPriority] = useState<AlarmPriority | ''>('');
  const [condition, setCondition] = useState<AlarmConditionKey | ''>('');
  const [state, setState] = useState<'any' | 'acknowledged' | 'unacknowledged'>('any');
  const [acknowledgedBy, setAcknowledgedBy] = useState('');
  const [patientMrn, setPatientMrn] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  // The period ends now, fixed when the filters change, so that pages line up.
  const [anchorMs, setAnchorMs] = useState(() => Date.now());
  const signedIn = session.user !== null && !session.locked;
  const filters: HistoryFilters = useMemo(
    () => ({
      fromMs: anchorMs - periodMs,
      toMs: anchorMs,
      state,
      ...(bedId === '' ? {} : { bedId }),
      ...(priority === '' ? {} : { priorities: [priority] }),
      ...(condition === '' ? {} : { conditions: [condition] }),
      ...(acknowledgedBy.trim() === '' ? {} : { acknowledgedBy: acknowledgedBy.trim().toLowerCase() }),
      ...(patientMrn.trim() === '' ? {} : { patientMrn: patientMrn.trim() }),
    }),
    [anchorMs, periodMs, state, bedId, priority, condition, acknowledgedBy, patientMrn],
  );
  const history = useAlarmHistory(filters, signedIn);
  const stats = useAlarmStats(filters.fromMs, filters.toMs, bedId === '' ? undefined : bedId, signedIn);
  const rows = useMemo(() => history.data?.pages.flatMap((page) => page.rows) ?? [], [history.data]);

  if (!signedIn) {
    return (
      <div className="app-message">
        Sign in (and unlock) as a nurse, physician or admin to review the alarm history.
      </div>
    );
  }

  const exportCsv = async () => {
    // Every page of the filtered table, not only what has been scrolled to.
    let all = history;
    while (all.hasNextPage) all = (await all.fetchNextPage()) as typeof history;
    const csv = alarmsToCsv(all.data?.pages.flatMap((page) => page.rows) ?? []);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    link.download = `wardwatch-alarms-${new Date(filters.toMs).toISOString().slice(0, 16).replace(':', '')}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div className={`history-screen${selected === null ? '' : ' history-screen--detail'}`}>
      <form
        className="history-filters panel no-print"
        aria-label="Filters"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Period
          <select
            value={periodMs}
            onChange={(event) => (setPeriodMs(Number(event.target.value)), setAnchorMs(Date.now()))}
          >
            {PERIODS.map((period) => (
              <option key={period.ms} value={period.ms}>
                {period.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Bed / patient
          <select value={bedId} onChange={(event) => (setBedId(event.target.value), setAnchorMs(Date.now()))}>
            <option value="">All beds</option>
            {census?.beds.map((bed) => (
              <option key={bed.bedId} value={bed.bedId}>
                {bed.patient === null ? bed.label : `${bed.label} — ${bed.patient.name} (${bed.patient.mrn})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority
          <select
            value={priority}
            onChange={(event) => (setPriority(event.target.value as AlarmPriority | ''), setAnchorMs(Date.now()))}
          >
            <option value="">Any</option>
            {ALARM_PRIORITIES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Alarm
          <select
            value={condition}
            onChange={(event) => (setCondition(event.target.value as AlarmConditionKey | ''), setAnchorMs(Date.now()))}
          >
            <option value="">Any</option>
            {ALARM_CONDITION_KEYS.filter((key) => key !== 'COMMS_LOST').map((key) => (
              <option key={key} value={key}>
                {ALARM_CONDITIONS[key].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <select
            value={state}
            onChange={(event) => (setState(event.target.value as typeof state), setAnchorMs(Date.now()))}
          >
            <option value="any">Any</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="unacknowledged">Not acknowledged</option>
          </select>
        </label>
        <label>
          Acknowledged by
          <input
            value={acknowledgedBy}
            placeholder="username"
            size={12}
            onChange={(event) => setAcknowledgedBy(event.target.value)}
          />
        </label>
        <label>
          Patient (MRN)
          <input
            value={patientMrn}
            placeholder="any bed"
            size={12}
            data-testid="history-patient"
            onChange={(event) => setPatientMrn(event.target.value)}
          />
        </label>
        <button type="button" className="button" onClick={() => setAnchorMs(Date.now())}>
          Refresh
        </button>
        <button type="button" className="button" onClick={() => void exportCsv()} disabled={rows.length === 0}>
          Export CSV
        </button>
        <span className="history-filters__count" data-testid="history-count">
          {history.isError ? history.error.message : `${rows.length}${history.hasNextPage ? '+' : ''} alarms`}
        </span>
      </form>
      <div className="history-main">
        <div className="no-print">
          <AlarmHistoryTable
            rows={rows}
            selected={selected}
            onSelect={(row) => setSelected(row.alarmId)}
            onNearEnd={() => {
              if (history.hasNextPage && !history.isFetchingNextPage) void history.fetchNextPage();
            }}
          />
          {stats.data !== undefined && <AlarmStatsPanel stats={stats.data} />}
        </div>
        {selected !== null && <AlarmDetailPanel alarmId={selected} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}
