/** The security event log's table in the gateway database (same SQL on PGlite and PostgreSQL). */
import type { SecurityEvent, SecurityEventKind, SecuritySeverity } from '../../common/wire/security-events';
import type { Database } from '../storage/gateway-database';

/** An event before it has an id. */
export interface SecurityEventInput {
  readonly atMs: number;
  readonly kind: SecurityEventKind;
  readonly severity: SecuritySeverity;
  readonly source: string;
  readonly username: string | null;
  readonly message: string;
}

interface Row {
  id: number | string;
  at_ms: number | string;
  kind: SecurityEventKind;
  severity: SecuritySeverity;
  source: string;
  username: string | null;
  message: string;
}

const toEvent = (row: Row): SecurityEvent => ({
  id: Number(row.id),
  atMs: Number(row.at_ms),
  kind: row.kind,
  severity: row.severity,
  source: row.source,
  username: row.username,
  message: row.message,
});

/** Security events in the gateway database. */
export class SecurityEventStore {
  constructor(private readonly database: Database) {}

  /** Appends events in one statement each. */
  async insert(event: SecurityEventInput): Promise<SecurityEvent> {
    const { rows } = await this.database.query<Row>(
      `INSERT INTO security_events (at_ms, kind, severity, source, username, message) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING *`,
      [
        Math.round(event.atMs),
        event.kind,
        event.severity,
        event.source.slice(0, 200),
        event.username,
        event.message.slice(0, 500),
      ],
    );
    return toEvent(rows[0] as Row);
  }

  /** The newest events, newest first; `kind` narrows to one kind; `sinceMs` to a time on. */
  async recent(limit: number, kind?: SecurityEventKind, sinceMs = 0): Promise<SecurityEvent[]> {
    const { rows } = await this.database.query<Row>(
      `SELECT * FROM security_events WHERE ($2::text IS NULL OR kind = $2) AND at_ms >= $3
       ORDER BY at_ms DESC, id DESC LIMIT $1`,
      [limit, kind ?? null, Math.floor(sinceMs)],
    );
    return rows.map(toEvent);
  }

  /** Deletes events older than `beforeMs`; how many. */
  async prune(beforeMs: number): Promise<number> {
    const { rows } = await this.database.query<{ id: string }>(
      'DELETE FROM security_events WHERE at_ms < $1 RETURNING id',
      [Math.floor(beforeMs)],
    );
    return rows.length;
  }
}
