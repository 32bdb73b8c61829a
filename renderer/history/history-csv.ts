/**
 * The alarm table as CSV (RFC 4180: comma-separated, CRLF, fields quoted when they hold a comma, quote or line
 * break), times in ISO 8601 UTC, so that a spreadsheet or an audit tool reads it as it is. Pure.
 */
import { ALARM_CONDITIONS } from '../../common/alarms/alarm-model';
import type { AlarmHistoryRow } from '../../common/wire/history-messages';

/** The header row. */
export const CSV_COLUMNS = [
  'alarm_id',
  'bed',
  'alarm',
  'priority',
  'message',
  'onset_utc',
  'ended_utc',
  'escalated',
  'acknowledged_by',
  'acknowledged_at_station',
  'acknowledged_utc',
  'seconds_to_acknowledge',
  'patient_mrn',
  'patient_name',
] as const;

function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The CSV text of the rows. */
export function alarmsToCsv(rows: readonly AlarmHistoryRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.alarmId,
        row.bedLabel,
        ALARM_CONDITIONS[row.condition].label,
        row.priority,
        row.message,
        iso(row.onsetMs),
        iso(row.endedMs),
        row.escalated,
        row.acknowledgedName ?? row.acknowledgedBy,
        row.acknowledgedAt,
        iso(row.acknowledgedMs),
        row.acknowledgedMs === null ? null : Math.round((row.acknowledgedMs - row.onsetMs) / 100) / 10,
        row.patientMrn ?? null,
        row.patientName ?? null,
      ]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
