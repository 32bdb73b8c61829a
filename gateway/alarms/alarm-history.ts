/**
 * History review queries over the alarm summaries (kept in step with the journal, alarm-journal.ts) and the
 * journal itself: a filtered page of alarms (keyset-paged, newest first, on indexed columns, so a page costs the
 * same at row 10 or row 1 000 000), one alarm's timeline and onset numerics, and alarm-load statistics.
 */
import type { AlarmDetail, AlarmHistoryPage, AlarmHistoryRow, AlarmStats } from '../../common/wire/history-messages';
import {
  analysisReasonsSchema,
  type alarmHistoryQuerySchema,
  type alarmStatsQuerySchema,
} from '../../common/wire/history-messages';
import type { z } from 'zod';
import type { Database } from '../storage/gateway-database';

interface SummaryRow {
  alarm_id: string;
  bed_id: string;
  bed_label: string;
  condition: AlarmHistoryRow['condition'];
  priority: AlarmHistoryRow['priority'];
  message: string;
  onset_ms: number | string;
  ended_ms: number | string | null;
  escalated: boolean;
  acknowledged_by: string | null;
  acknowledged_name: string | null;
  acknowledged_at: string | null;
  acknowledged_ms: number | string | null;
  patient_mrn: string | null;
  patient_name: string | null;
  numerics?: Record<string, { value: number | null; unit: string }> | null;
}

const COLUMNS =
  'alarm_id, bed_id, bed_label, condition, priority, message, onset_ms, ended_ms, escalated, acknowledged_by, acknowledged_name, acknowledged_at, acknowledged_ms, patient_mrn, patient_name';

function toRow(row: SummaryRow): AlarmHistoryRow {
  const ms = (value: number | string | null): number | null => (value === null ? null : Number(value));
  return {
    alarmId: row.alarm_id,
    bedId: row.bed_id,
    bedLabel: row.bed_label,
    condition: row.condition,
    priority: row.priority,
    message: row.message,
    onsetMs: Number(row.onset_ms),
    endedMs: ms(row.ended_ms),
    escalated: row.escalated,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedName: row.acknowledged_name,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedMs: ms(row.acknowledged_ms),
    patientMrn: row.patient_mrn,
    patientName: row.patient_name,
  };
}

/** Queries for the review screen. */
export class AlarmHistory {
  constructor(private readonly database: Database) {}

  /** A page of alarms matching the filters, newest first. */
  async page(query: z.output<typeof alarmHistoryQuerySchema>): Promise<AlarmHistoryPage> {
    const where: string[] = ['onset_ms >= $1', 'onset_ms <= $2'];
    // Whole milliseconds: the columns are BIGINT and a fraction would not parse.
    const parameters: unknown[] = [Math.floor(query.fromMs), Math.ceil(query.toMs)];
    const add = (clause: (placeholder: string) => string, value: unknown): void => {
      parameters.push(value);
      where.push(clause(`$${parameters.length}`));
    };
    if (query.bedId !== undefined) add((p) => `bed_id = ${p}`, query.bedId);
    if (query.priorities !== undefined && query.priorities.length > 0)
      add((p) => `priority = ANY(${p})`, query.priorities);
    if (query.conditions !== undefined && query.conditions.length > 0)
      add((p) => `condition = ANY(${p})`, query.conditions);
    if (query.state === 'acknowledged') where.push('acknowledged_by IS NOT NULL');
    if (query.state === 'unacknowledged') where.push('acknowledged_by IS NULL');
    if (query.acknowledgedBy !== undefined) add((p) => `acknowledged_by = ${p}`, query.acknowledgedBy);
    if (query.patientMrn !== undefined) add((p) => `patient_mrn = ${p}`, query.patientMrn);
    if (query.after !== undefined) {
      parameters.push(Math.round(query.after.onsetMs), query.after.alarmId);
      where.push(`(onset_ms, alarm_id) < ($${parameters.length - 1}, $${parameters.length})`);
    }
    parameters.push(query.limit + 1);
    const { rows } = await this.database.query<SummaryRow>(
      `SELECT ${COLUMNS} FROM alarm_summaries WHERE ${where.join(' AND ')} ORDER BY onset_ms DESC, alarm_id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    const page = rows.slice(0, query.limit).map(toRow);
    const last = page.at(-1);
    return {
      rows: page,
      next: rows.length > query.limit && last !== undefined ? { onsetMs: last.onsetMs, alarmId: last.alarmId } : null,
    };
  }

  /** One alarm, its journal timeline and its onset numerics; null when unknown. */
  async detail(alarmId: string): Promise<AlarmDetail | null> {
    const { rows } = await this.database.query<SummaryRow>(
      `SELECT ${COLUMNS}, numerics FROM alarm_summaries WHERE alarm_id = $1`,
      [alarmId],
    );
    const summary = rows[0];
    if (summary === undefined) return null;
    // The alarm's own events, and the ward-wide AUDIO PAUSED events while it stood: one timeline, in time order.
    const ended = summary.ended_ms === null ? Number.MAX_SAFE_INTEGER : Number(summary.ended_ms);
    const events = await this.database.query<{
      seq: number | string;
      at_ms: number | string;
      kind: AlarmDetail['timeline'][number]['kind'];
      priority: string | null;
      username: string | null;
      user_display: string | null;
      station: string | null;
      note: string | null;
    }>(
      `SELECT seq, at_ms, kind, priority, username, user_display, station, details->>'note' AS note FROM alarm_events
        WHERE alarm_id = $1 OR (kind = 'audio-paused' AND at_ms BETWEEN $2 AND $3) ORDER BY at_ms, seq`,
      [alarmId, Number(summary.onset_ms), ended],
    );
    const timeline = events.rows.map((event) => ({
      seq: Number(event.seq),
      atMs: Number(event.at_ms),
      kind: event.kind,
      priority: event.priority,
      username: event.username,
      userDisplay: event.user_display,
      station: event.station,
      note: event.kind === 'notified' ? event.note : null,
    }));
    const numerics = summary.numerics ?? null;
    const numericsAtOnset =
      numerics === null
        ? null
        : Object.fromEntries(
            Object.entries(numerics).map(([key, value]) => [key, { value: value.value, unit: value.unit }]),
          );
    const raised = await this.database.query<{ analysis: unknown }>(
      `SELECT details->'analysis' AS analysis FROM alarm_events WHERE alarm_id = $1 AND kind = 'raised' ORDER BY seq LIMIT 1`,
      [alarmId],
    );
    // What the analysis recorded is checked like any input: a record that does not fit shows no reasons.
    const parsed = analysisReasonsSchema.safeParse(raised.rows[0]?.analysis ?? null);
    return { alarm: toRow(summary), timeline, numericsAtOnset, analysis: parsed.success ? parsed.data : null };
  }

  /** Alarm load over a period, for the ward or one bed. */
  async stats(query: z.output<typeof alarmStatsQuerySchema>): Promise<AlarmStats> {
    const bedClause = query.bedId === undefined ? '' : ' AND bed_id = $3';
    const span = [Math.floor(query.fromMs), Math.ceil(query.toMs)];
    const parameters: unknown[] = query.bedId === undefined ? span : [...span, query.bedId];
    const range = `onset_ms >= $1 AND onset_ms <= $2${bedClause}`;
    const days = Math.max((query.toMs - query.fromMs) / 86_400_000, 1 / 24);
    const overall = await this.database.query<{
      total: number | string;
      acknowledged: number | string;
      median: number | string | null;
      p90: number | string | null;
    }>(
      `SELECT count(*) AS total, count(acknowledged_by) AS acknowledged,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY acknowledged_ms - onset_ms) FILTER (WHERE acknowledged_ms IS NOT NULL) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY acknowledged_ms - onset_ms) FILTER (WHERE acknowledged_ms IS NOT NULL) AS p90
         FROM alarm_summaries WHERE ${range}`,
      parameters,
    );
    const perBed = await this.database.query<{
      bed_id: string;
      bed_label: string;
      high: number | string;
      medium: number | string;
      low: number | string;
      total: number | string;
    }>(
      `SELECT bed_id, max(bed_label) AS bed_label, count(*) FILTER (WHERE priority = 'HIGH') AS high, count(*) FILTER (WHERE priority = 'MEDIUM') AS medium,
              count(*) FILTER (WHERE priority = 'LOW') AS low, count(*) AS total
         FROM alarm_summaries WHERE ${range} GROUP BY bed_id ORDER BY count(*) DESC, bed_id`,
      parameters,
    );
    const top = await this.database.query<{
      condition: AlarmHistoryRow['condition'];
      total: number | string;
      acknowledged: number | string;
    }>(
      `SELECT condition, count(*) AS total, count(acknowledged_by) AS acknowledged FROM alarm_summaries WHERE ${range} GROUP BY condition ORDER BY count(*) DESC, condition LIMIT 10`,
      parameters,
    );
    const first = overall.rows[0];
    const total = Number(first?.total ?? 0);
    const number = (value: number | string | null | undefined): number | null =>
      value === null || value === undefined ? null : Math.round(Number(value));
    return {
      total,
      acknowledgedShare: total === 0 ? null : Number(first?.acknowledged ?? 0) / total,
      medianMsToAcknowledge: number(first?.median),
      p90MsToAcknowledge: number(first?.p90),
      days,
      perBed: perBed.rows.map((row) => ({
        bedId: row.bed_id,
        bedLabel: row.bed_label,
        perDay: Number(row.total) / days,
        HIGH: Number(row.high),
        MEDIUM: Number(row.medium),
        LOW: Number(row.low),
      })),
      topConditions: top.rows.map((row) => ({
        condition: row.condition,
        count: Number(row.total),
        acknowledgedShare: Number(row.acknowledged) / Number(row.total),
      })),
    };
  }
}
