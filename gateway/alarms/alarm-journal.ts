/**
 * The alarm journal: every alarm event — raised, escalated, acknowledged, audio paused, reset, resolved — appended
 * with time, bed, alarm, user and station to the gateway database, hash-chained: each row's hash covers its
 * content and the previous row's hash, so an edited, removed or reordered row breaks the chain (verify()). The
 * chain is keyed and its head anchored outside the database (journal-integrity.ts): without the key nobody can
 * rewrite it, and a cut tail no longer verifies. Journals written before the key existed keep their unkeyed
 * prefix; after the first keyed event an unkeyed one is tampering.
 * Appends are serialized in this process and each is its own committed transaction; a caller that awaited an
 * append knows it is on disk. An acknowledgment's idempotency key is unique: a replay is recorded once. The same
 * transaction keeps the alarm's summary (history review) and the table of standing alarms (what a restart
 * restores), so neither can disagree with the events.
 */
import { createHash } from 'node:crypto';
import { CHECKPOINT_EVERY, memoryJournalIntegrity, type JournalIntegrity } from './journal-integrity';
import { alarmSchema, type Alarm, type AlarmEventKind } from '../../common/alarms/alarm-model';
import type { Database } from '../storage/gateway-database';

/** What an event says. */
export interface AlarmEventInput {
  readonly atMs: number;
  readonly kind: AlarmEventKind;
  readonly alarmId: string | null;
  readonly bedId: string | null;
  readonly condition: string | null;
  readonly priority: string | null;
  readonly username: string | null;
  readonly userDisplay: string | null;
  readonly station: string | null;
  readonly idempotencyKey: string | null;
  /** Anything else worth keeping (the alarm as raised, the pause length…). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** A recorded event. */
export interface AlarmEventRecord extends AlarmEventInput {
  readonly seq: number;
  readonly hash: string;
}

/** The outcome of an append. */
export type AppendOutcome = { readonly recorded: AlarmEventRecord } | { readonly duplicateOf: AlarmEventRecord };

/** The outcome of verify(). */
export type JournalVerdict =
  | {
      readonly intact: true;
      readonly events: number;
      /** The last signed checkpoint the journal matched, or null when none was written yet. */
      readonly anchoredAtSeq: number | null;
    }
  | { readonly intact: false; readonly events: number; readonly brokenAtSeq: number; readonly reason: string };

const GENESIS = 'wardwatch-alarm-journal-v1';
/** Events verify() reads and hashes before it lets the gateway's other work run. */
export const VERIFY_PAGE_ROWS = 2000;

interface EventRow {
  seq: number | string;
  at_ms: number | string;
  kind: AlarmEventKind;
  alarm_id: string | null;
  bed_id: string | null;
  condition: string | null;
  priority: string | null;
  username: string | null;
  user_display: string | null;
  station: string | null;
  idempotency_key: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every level: the database (JSONB) does not keep key order, the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Marks a keyed hash (HMAC under the journal key); unkeyed hashes are plain hex. */
const KEYED = 'k1:';

/** The keyed hash of an event chained to the previous one. */
export function keyedEventHash(integrity: JournalIntegrity, previousHash: string, event: AlarmEventInput): string {
  return `${KEYED}${integrity.mac(`${previousHash}\n${eventContent(event)}`)}`;
}

function eventContent(event: AlarmEventInput): string {
  return canonicalJson([
    event.atMs,
    event.kind,
    event.alarmId,
    event.bedId,
    event.condition,
    event.priority,
    event.username,
    event.userDisplay,
    event.station,
    event.idempotencyKey,
    event.details,
  ]);
}

/** One key per process for journals given none (a memory database, a test): they all verify each other. */
let processIntegrity: JournalIntegrity | null = null;

/** The unkeyed hash of an event chained to the previous one (journals written before the key existed). */
export function eventHash(previousHash: string, event: AlarmEventInput): string {
  return createHash('sha256').update(previousHash).update('\n').update(eventContent(event)).digest('hex');
}

function toRecord(row: EventRow): AlarmEventRecord {
  return {
    seq: Number(row.seq),
    atMs: Number(row.at_ms),
    kind: row.kind,
    alarmId: row.alarm_id,
    bedId: row.bed_id,
    condition: row.condition,
    priority: row.priority,
    username: row.username,
    userDisplay: row.user_display,
    station: row.station,
    idempotencyKey: row.idempotency_key,
    details: row.details,
    hash: row.hash,
  };
}

/** Keeps the table of standing alarms in step with the events: what stands is the alarm as its last event left it. */
async function keepStanding(query: Database['query'], event: AlarmEventInput, seq: number): Promise<void> {
  if (event.alarmId === null || event.bedId === null) return;
  switch (event.kind) {
    case 'raised':
    case 'escalated':
    case 'acknowledged':
    case 'condition-ended': {
      const alarm = (event.details as { alarm?: unknown }).alarm;
      if (alarm === undefined) return;
      await query(
        `INSERT INTO standing_alarms (alarm_id, bed_id, alarm, updated_seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (alarm_id) DO UPDATE SET alarm = EXCLUDED.alarm, updated_seq = EXCLUDED.updated_seq`,
        [event.alarmId, event.bedId, JSON.stringify(alarm), seq],
      );
      return;
    }
    case 'resolved':
    case 'reset':
    case 'superseded':
      await query('DELETE FROM standing_alarms WHERE alarm_id = $1', [event.alarmId]);
      return;
    default:
      return;
  }
}

/** Keeps an alarm's summary row (alarm-history.ts reads them) in step with its events. */
async function summarize(query: Database['query'], event: AlarmEventInput): Promise<void> {
  if (event.alarmId === null) return;
  const alarm = (
    event.details as { alarm?: { bedLabel?: string; message?: string; patient?: { mrn?: string; name?: string } } }
  ).alarm;
  switch (event.kind) {
    case 'raised':
      await query(
        `INSERT INTO alarm_summaries (alarm_id, bed_id, bed_label, condition, priority, message, onset_ms, numerics, patient_mrn, patient_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (alarm_id) DO NOTHING`,
        [
          event.alarmId,
          event.bedId,
          alarm?.bedLabel ?? event.bedId,
          event.condition,
          event.priority,
          alarm?.message ?? '',
          event.atMs,
          JSON.stringify((event.details as { numerics?: unknown }).numerics ?? null),
          alarm?.patient?.mrn ?? null,
          alarm?.patient?.name ?? null,
        ],
      );
      return;
    case 'escalated':
      await query('UPDATE alarm_summaries SET priority = $2, escalated = TRUE WHERE alarm_id = $1', [
        event.alarmId,
        event.priority,
      ]);
      return;
    case 'acknowledged':
      await query(
        'UPDATE alarm_summaries SET acknowledged_by = $2, acknowledged_name = $3, acknowledged_at = $4, acknowledged_ms = $5 WHERE alarm_id = $1 AND acknowledged_by IS NULL',
        [event.alarmId, event.username, event.userDisplay, event.station, event.atMs],
      );
      return;
    case 'resolved':
    case 'reset':
    case 'superseded':
      await query('UPDATE alarm_summaries SET ended_ms = $2 WHERE alarm_id = $1 AND ended_ms IS NULL', [
        event.alarmId,
        event.atMs,
      ]);
      return;
    default:
      return;
  }
}

/** The journal over a gateway database. */
export class AlarmJournal {
  private tail: Promise<unknown> = Promise.resolve();
  private lastHash: string | null = null;
  /** The last write failed: it may have committed all the same (see appendNow). */
  private lastWriteFailed = false;
  private head: { seq: number; hash: string; atMs: number } | null = null;
  private anchoredSeq = 0;
  private readonly integrity: JournalIntegrity;

  constructor(
    private readonly database: Database,
    integrity?: JournalIntegrity,
  ) {
    this.integrity = integrity ?? (processIntegrity ??= memoryJournalIntegrity());
  }

  /** Writes a checkpoint of the head unless the last one has it (at shutdown, and on a timer). */
  anchor(): void {
    if (this.head === null || this.head.seq === this.anchoredSeq) return;
    this.integrity.checkpoint(this.head);
    this.anchoredSeq = this.head.seq;
  }

  /** Appends an event (or finds the one with the same idempotency key); resolves once it is committed. */
  append(event: AlarmEventInput): Promise<AppendOutcome> {
    // Whole milliseconds: the gateway's monotonic clock has fractions, the column (and the hash) does not.
    const whole = { ...event, atMs: Math.round(event.atMs) };
    const next = this.tail.then(() => this.appendNow(whole));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async appendNow(event: AlarmEventInput): Promise<AppendOutcome> {
    if (event.idempotencyKey !== null) {
      const earlier = await this.findByKey(event.idempotencyKey);
      if (earlier !== null) return { duplicateOf: earlier };
    }
    if (this.lastHash === null) {
      const { rows } = await this.database.query<EventRow>('SELECT * FROM alarm_events ORDER BY seq DESC LIMIT 1');
      const last = rows[0];
      const uncertain = this.lastWriteFailed;
      this.lastWriteFailed = false;
      // The last try of this very event failed, yet it may have committed: a server connection can break after
      // COMMIT reached the server and before its answer came back. Then it is the last event, chained onto the
      // one before it — writing it again would record it twice and fork the chain.
      if (uncertain && last !== undefined && keyedEventHash(this.integrity, last.prev_hash, event) === last.hash) {
        this.lastHash = last.hash;
        this.head = { seq: Number(last.seq), hash: last.hash, atMs: event.atMs };
        return { recorded: toRecord(last) };
      }
      this.lastHash = last?.hash ?? GENESIS;
    }
    const hash = keyedEventHash(this.integrity, this.lastHash, event);
    const previousHash = this.lastHash;
    // The event and the alarm's summary row (what history review queries) commit together.
    const row = await this.inserted(async (query) => {
      const { rows } = await query<EventRow>(
        `INSERT INTO alarm_events (at_ms, kind, alarm_id, bed_id, condition, priority, username, user_display, station, idempotency_key, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
        [
          event.atMs,
          event.kind,
          event.alarmId,
          event.bedId,
          event.condition,
          event.priority,
          event.username,
          event.userDisplay,
          event.station,
          event.idempotencyKey,
          JSON.stringify(event.details),
          previousHash,
          hash,
        ],
      );
      const inserted = rows[0] as EventRow;
      await summarize(query, event);
      await keepStanding(query, event, Number(inserted.seq));
      return inserted;
    });
    this.lastHash = hash;
    this.head = { seq: Number(row.seq), hash, atMs: event.atMs };
    if (this.head.seq % CHECKPOINT_EVERY === 0) this.anchor();
    return { recorded: toRecord(row) };
  }

  /**
   * Runs the write's transaction; when it fails the head is read again from the database before the next write,
   * so the chain goes on from what was committed, not from what this process believes was.
   */
  private async inserted(write: (query: Database['query']) => Promise<EventRow>): Promise<EventRow> {
    try {
      return await this.database.transaction(write);
    } catch (error) {
      this.lastHash = null;
      this.lastWriteFailed = true;
      throw error;
    }
  }

  /** The event recorded with this idempotency key, if any. */
  async findByKey(idempotencyKey: string): Promise<AlarmEventRecord | null> {
    const { rows } = await this.database.query<EventRow>('SELECT * FROM alarm_events WHERE idempotency_key = $1', [
      idempotencyKey,
    ]);
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  /**
   * The alarms standing when the last event was written, for a restart: one row per standing alarm, so the time
   * and memory a restart takes do not grow with the journal. A row that no longer fits the alarm model is counted
   * (the caller logs it), never guessed at.
   */
  async standing(): Promise<{ readonly alarms: Alarm[]; readonly unreadable: number }> {
    const { rows } = await this.database.query<{ alarm: unknown }>(
      'SELECT alarm FROM standing_alarms ORDER BY updated_seq',
    );
    const alarms: Alarm[] = [];
    for (const row of rows) {
      const parsed = alarmSchema.safeParse(row.alarm);
      if (parsed.success) alarms.push(parsed.data);
    }
    return { alarms, unreadable: rows.length - alarms.length };
  }

  /** Events in order, optionally from a time on, for the history review. */
  async events(options: { fromMs?: number; toMs?: number; limit?: number } = {}): Promise<AlarmEventRecord[]> {
    const { rows } = await this.database.query<EventRow>(
      'SELECT * FROM alarm_events WHERE at_ms >= $1 AND at_ms <= $2 ORDER BY seq LIMIT $3',
      [Math.floor(options.fromMs ?? 0), Math.ceil(options.toMs ?? Number.MAX_SAFE_INTEGER), options.limit ?? 1_000_000],
    );
    return rows.map(toRecord);
  }

  /**
   * Recomputes the chain from the first event and compares it with the last signed checkpoint; names the first row
   * that does not fit, or the cut tail. Reads the journal {@link VERIFY_PAGE_ROWS} events at a time and yields
   * between pages: the gateway verifies itself every hour while it streams and alarms, and a year's journal read
   * and hashed in one go would hold its event loop (and every alarm) for seconds.
   */
  async verify(): Promise<JournalVerdict> {
    const { checkpoint, forged } = this.integrity.lastCheckpoint();
    let events = 0;
    let previous = GENESIS;
    let previousSeq: number | null = null;
    let keyed = 0;
    let anchoredHash: string | null = null;
    const broken = (seq: number, reason: string): JournalVerdict => ({
      intact: false,
      events,
      brokenAtSeq: seq,
      reason,
    });
    for (;;) {
      const { rows } = await this.database.query<EventRow>(
        'SELECT * FROM alarm_events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [previousSeq ?? -1, VERIFY_PAGE_ROWS],
      );
      for (const row of rows) {
        const record = toRecord(row);
        events += 1;
        if (row.prev_hash !== previous)
          return broken(
            record.seq,
            `event ${record.seq} does not follow event ${previousSeq ?? '(start)'}: an event was removed or reordered`,
          );
        const isKeyed = row.hash.startsWith(KEYED);
        if (!isKeyed && keyed > 0)
          return broken(record.seq, `event ${record.seq} is not keyed: it was rewritten without the journal key`);
        const expected = isKeyed ? keyedEventHash(this.integrity, previous, record) : eventHash(previous, record);
        if (expected !== row.hash)
          return broken(
            record.seq,
            isKeyed
              ? `event ${record.seq} was altered after it was written (or the journal key is not this journal's)`
              : `event ${record.seq} was altered after it was written`,
          );
        if (isKeyed) keyed += 1;
        if (checkpoint !== null && record.seq === checkpoint.seq) anchoredHash = row.hash;
        previous = row.hash;
        previousSeq = record.seq;
      }
      if (rows.length < VERIFY_PAGE_ROWS) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const lastSeq = previousSeq ?? 0;
    if (forged > 0)
      return broken(lastSeq, `${forged} checkpoint line(s) carry a wrong signature: the checkpoint log was edited`);
    if (checkpoint === null) {
      if (keyed >= CHECKPOINT_EVERY)
        return broken(lastSeq, `${keyed} keyed events but no checkpoint: the checkpoint log was removed or emptied`);
      return { intact: true, events, anchoredAtSeq: null };
    }
    if (anchoredHash === null)
      return broken(
        lastSeq,
        checkpoint.seq > lastSeq
          ? `the journal ends at event ${lastSeq}, but a checkpoint of ${new Date(checkpoint.atMs).toISOString()} vouches for event ${checkpoint.seq}: events were cut from its end`
          : `event ${checkpoint.seq}, which a checkpoint vouches for, is missing`,
      );
    if (anchoredHash !== checkpoint.hash)
      return broken(
        checkpoint.seq,
        `event ${checkpoint.seq} differs from its signed checkpoint: the journal was rewritten`,
      );
    return { intact: true, events, anchoredAtSeq: checkpoint.seq };
  }
}
