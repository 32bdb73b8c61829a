/**
 * The alarm table, virtualized: only the rows in view (plus a margin) are in the DOM, so thousands of alarms
 * scroll smoothly; reaching the end asks for the next page.
 */
import { useState, type UIEvent } from 'react';
import { ALARM_CONDITIONS } from '../../common/alarms/alarm-model';
import type { AlarmHistoryRow } from '../../common/wire/history-messages';
import { formatWallTime } from '../app/WallClock';

const ROW_HEIGHT = 34;
const VIEW_HEIGHT = 420;
const MARGIN_ROWS = 10;

/** Props of {@link AlarmHistoryTable}. */
export interface AlarmHistoryTableProps {
  readonly rows: readonly AlarmHistoryRow[];
  readonly selected: string | null;
  readonly onSelect: (row: AlarmHistoryRow) => void;
  readonly onNearEnd: () => void;
}

function ago(fromMs: number, toMs: number | null): string {
  if (toMs === null) return '—';
  const seconds = Math.round((toMs - fromMs) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The table. */
export function AlarmHistoryTable({ rows, selected, onSelect, onNearEnd }: AlarmHistoryTableProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - MARGIN_ROWS);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + MARGIN_ROWS);
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const top = event.currentTarget.scrollTop;
    setScrollTop(top);
    if (top + VIEW_HEIGHT > rows.length * ROW_HEIGHT - 20 * ROW_HEIGHT) onNearEnd();
  };
  return (
    <div className="history-table" role="table" aria-label="Alarm history" aria-rowcount={rows.length}>
      <div className="history-table__head" role="row">
        <span role="columnheader">Onset</span>
        <span role="columnheader">Bed</span>
        <span role="columnheader">Alarm</span>
        <span role="columnheader">Priority</span>
        <span role="columnheader">Detail</span>
        <span role="columnheader">Acknowledged by</span>
        <span role="columnheader">Time to ack</span>
      </div>
      <div
        className="history-table__body"
        style={{ height: VIEW_HEIGHT }}
        onScroll={onScroll}
        data-testid="history-rows"
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((row, index) => (
            <div
              key={row.alarmId}
              role="row"
              aria-rowindex={first + index + 1}
              aria-selected={row.alarmId === selected}
              className={`history-row history-row--${row.priority.toLowerCase()}${row.alarmId === selected ? ' history-row--selected' : ''}`}
              style={{ position: 'absolute', top: (first + index) * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}
              data-testid="history-row"
              data-alarm-id={row.alarmId}
              onClick={() => onSelect(row)}
            >
              <span role="cell">{`${new Date(row.onsetMs).toLocaleDateString('en-GB')} ${formatWallTime(new Date(row.onsetMs))}`}</span>
              <span role="cell">
                {row.bedLabel}
                {row.patientName !== null && row.patientName !== undefined && (
                  <span className="history-table__patient"> · {row.patientName}</span>
                )}
              </span>
              <span role="cell">{ALARM_CONDITIONS[row.condition].label}</span>
              <span role="cell">{row.priority}</span>
              <span role="cell">{row.message}</span>
              <span role="cell">
                {row.acknowledgedName ?? (row.acknowledgedBy === null ? 'not acknowledged' : row.acknowledgedBy)}
              </span>
              <span role="cell">{ago(row.onsetMs, row.acknowledgedMs)}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
