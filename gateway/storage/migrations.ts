/**
 * The gateway database's schema, as ordered migrations. Plain PostgreSQL: the same SQL runs on the embedded
 * PGlite and on a ward's or hospital's PostgreSQL server (DESIGN.md §4). A migration is never edited once
 * released; a change is a new migration.
 */

import type { Logger } from '../../common/logging/logger';
import type { MigratableDatabase } from './gateway-database';

/** One migration. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users',
    sql: `
      CREATE TABLE users (
        id            BIGSERIAL PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,31}$'),
        display_name  TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
        role          TEXT NOT NULL CHECK (role IN ('nurse', 'physician', 'admin')),
        password_hash TEXT NOT NULL,
        disabled      BOOLEAN NOT NULL DEFAULT FALSE,
        created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'sessions, stations and ward settings',
    sql: `
      CREATE TABLE stations (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        secret_hash  TEXT NOT NULL UNIQUE,
        enrolled_by  BIGINT NOT NULL REFERENCES users (id),
        enrolled_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
        revoked_at   TIMESTAMPTZ
      );
      CREATE TABLE sessions (
        id                TEXT PRIMARY KEY,
        user_id           BIGINT NOT NULL REFERENCES users (id),
        station_name      TEXT NOT NULL,
        refresh_hash      TEXT NOT NULL UNIQUE,
        stay_signed_in    BOOLEAN NOT NULL,
        created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
        expires_at        TIMESTAMPTZ NOT NULL,
        last_refreshed_at TIMESTAMPTZ,
        revoked_at        TIMESTAMPTZ,
        revoked_reason    TEXT
      );
      CREATE INDEX sessions_by_user ON sessions (user_id) WHERE revoked_at IS NULL;
      CREATE TABLE ward_settings (
        key        TEXT PRIMARY KEY,
        value      JSONB NOT NULL,
        updated_by BIGINT REFERENCES users (id),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 3,
    name: 'alarm journal',
    sql: `
      CREATE TABLE alarm_events (
        seq             BIGSERIAL PRIMARY KEY,
        at_ms           BIGINT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('raised', 'escalated', 'acknowledged', 'audio-paused', 'reset', 'resolved')),
        alarm_id        TEXT,
        bed_id          TEXT,
        condition       TEXT,
        priority        TEXT,
        username        TEXT,
        user_display    TEXT,
        station         TEXT,
        idempotency_key TEXT UNIQUE,
        details         JSONB NOT NULL,
        prev_hash       TEXT NOT NULL,
        hash            TEXT NOT NULL UNIQUE
      );
      CREATE INDEX alarm_events_by_time ON alarm_events (at_ms);
      CREATE INDEX alarm_events_by_alarm ON alarm_events (alarm_id);
    `,
  },
  {
    version: 4,
    name: 'alarm summaries for history review',
    sql: `
      CREATE TABLE alarm_summaries (
        alarm_id          TEXT PRIMARY KEY,
        bed_id            TEXT NOT NULL,
        bed_label         TEXT NOT NULL,
        condition         TEXT NOT NULL,
        priority          TEXT NOT NULL,
        message           TEXT NOT NULL,
        onset_ms          BIGINT NOT NULL,
        ended_ms          BIGINT,
        escalated         BOOLEAN NOT NULL DEFAULT FALSE,
        acknowledged_by   TEXT,
        acknowledged_name TEXT,
        acknowledged_at   TEXT,
        acknowledged_ms   BIGINT,
        numerics          JSONB
      );
      CREATE INDEX alarm_summaries_by_onset ON alarm_summaries (onset_ms DESC, alarm_id);
      CREATE INDEX alarm_summaries_by_bed ON alarm_summaries (bed_id, onset_ms DESC);
    `,
  },
  {
    version: 5,
    name: 'standing alarms, and the condition-ended and superseded events',
    // Standing alarms are kept in the journal's transaction so that a restart reads them, not the whole journal.
    // The backfill takes each alarm's latest state from the events written before this table existed.
    sql: `
      ALTER TABLE alarm_events DROP CONSTRAINT alarm_events_kind_check;
      ALTER TABLE alarm_events ADD CONSTRAINT alarm_events_kind_check
        CHECK (kind IN ('raised', 'escalated', 'acknowledged', 'audio-paused', 'reset', 'resolved', 'condition-ended', 'superseded'));
      CREATE TABLE standing_alarms (
        alarm_id    TEXT PRIMARY KEY,
        bed_id      TEXT NOT NULL,
        alarm       JSONB NOT NULL,
        updated_seq BIGINT NOT NULL
      );
      INSERT INTO standing_alarms (alarm_id, bed_id, alarm, updated_seq)
      SELECT alarm_id, bed_id, alarm, seq FROM (
        SELECT DISTINCT ON (alarm_id) alarm_id, bed_id, kind, seq, details->'alarm' AS alarm
        FROM alarm_events WHERE alarm_id IS NOT NULL AND bed_id IS NOT NULL AND details ? 'alarm'
        ORDER BY alarm_id, seq DESC
      ) latest
      WHERE kind NOT IN ('resolved', 'reset');
    `,
  },
  {
    version: 6,
    name: 'refresh tokens already used, for reuse detection',
    // A refresh token presented again after it was rotated means two parties hold the session (one of them
    // copied it): the whole session ends. Only digests are kept, and only while their session could be refreshed.
    sql: `
      CREATE TABLE used_refresh_tokens (
        refresh_hash TEXT PRIMARY KEY,
        session_id   TEXT NOT NULL REFERENCES sessions (id),
        used_at      TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX used_refresh_tokens_by_session ON used_refresh_tokens (session_id);
    `,
  },
  {
    version: 7,
    name: 'the verified station of a session',
    // The station that vouched for a sign-in with its own token; the journal names it instead of what a client
    // said in its hello. Not a reference to stations: the embedded station has no enrollment row.
    sql: `
      ALTER TABLE sessions ADD COLUMN via_station_id TEXT;
      ALTER TABLE sessions ADD COLUMN via_station_name TEXT;
    `,
  },
  {
    version: 8,
    name: 'settings changes in the alarm journal',
    sql: `
      ALTER TABLE alarm_events DROP CONSTRAINT alarm_events_kind_check;
      ALTER TABLE alarm_events ADD CONSTRAINT alarm_events_kind_check
        CHECK (kind IN ('raised', 'escalated', 'acknowledged', 'audio-paused', 'reset', 'resolved', 'condition-ended', 'superseded', 'settings-changed'));
    `,
  },
  {
    version: 9,
    name: 'security event log',
    sql: `
      CREATE TABLE security_events (
        id        BIGSERIAL PRIMARY KEY,
        at_ms     BIGINT NOT NULL,
        kind      TEXT NOT NULL,
        severity  TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'notice', 'info')),
        source    TEXT NOT NULL,
        username  TEXT,
        message   TEXT NOT NULL
      );
      CREATE INDEX security_events_by_time ON security_events (at_ms DESC);
    `,
  },
  {
    version: 10,
    name: 'device-to-bed assignments',
    // An admin's association of a device (its EUI-64 or sender id) with a bed: it outlives a gateway restart, and
    // beats the location a device says it is at (a monitor moved between rooms keeps its configured location).
    sql: `
      CREATE TABLE device_assignments (
        device_id   TEXT PRIMARY KEY,
        bed_id      TEXT NOT NULL,
        assigned_by TEXT NOT NULL,
        assigned_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 11,
    name: 'secondary notification in the alarm journal',
    sql: `
      ALTER TABLE alarm_events DROP CONSTRAINT alarm_events_kind_check;
      ALTER TABLE alarm_events ADD CONSTRAINT alarm_events_kind_check
        CHECK (kind IN ('raised', 'escalated', 'acknowledged', 'audio-paused', 'reset', 'resolved', 'condition-ended', 'superseded', 'settings-changed', 'notified'));
    `,
  },
  {
    version: 12,
    name: 'the ADT census, and the patient of each alarm',
    // Who lies in which bed by the hospital's ADT (a null occupant: nobody, the bed was discharged), kept across
    // restarts; and the patient an alarm was about, so the history follows a patient across beds.
    sql: `
      CREATE TABLE bed_occupants (
        bed_id     TEXT PRIMARY KEY,
        occupant   JSONB,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      ALTER TABLE alarm_summaries ADD COLUMN patient_mrn TEXT;
      ALTER TABLE alarm_summaries ADD COLUMN patient_name TEXT;
      CREATE INDEX alarm_summaries_by_patient ON alarm_summaries (patient_mrn, onset_ms DESC);
    `,
  },
  {
    version: 13,
    name: 'one-minute numeric trends',
    // One row per bed, numeric and minute (issue 16): what the trend views and the FHIR API read, kept for the
    // policy's trend window. The key orders a bed's rows by time, the way every trend query reads them.
    sql: `
      CREATE TABLE numeric_trends (
        bed_id    TEXT NOT NULL,
        minute_ms BIGINT NOT NULL,
        key       TEXT NOT NULL,
        median    REAL NOT NULL,
        min       REAL NOT NULL,
        max       REAL NOT NULL,
        count     INTEGER NOT NULL,
        PRIMARY KEY (bed_id, minute_ms, key)
      );
      CREATE INDEX numeric_trends_by_time ON numeric_trends (minute_ms);
    `,
  },
  {
    version: 14,
    name: 'NEWS2 charting by nurses',
    // What a nurse charted of each bed for its early warning score (oxygen, ACVPU, temperature, SpO2 scale), the
    // latest per bed, kept across restarts; each charting is also journaled with her name (kind 'charted').
    sql: `
      CREATE TABLE charted_observations (
        bed_id     TEXT PRIMARY KEY,
        charted    JSONB NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      ALTER TABLE alarm_events DROP CONSTRAINT alarm_events_kind_check;
      ALTER TABLE alarm_events ADD CONSTRAINT alarm_events_kind_check
        CHECK (kind IN ('raised', 'escalated', 'acknowledged', 'audio-paused', 'reset', 'resolved', 'condition-ended', 'superseded', 'settings-changed', 'notified', 'charted'));
    `,
  },
  {
    version: 15,
    name: 'remote patients, their devices and their home readings',
    // Patients at home (issue 16) enrolled by a clinician with thresholds and a schedule; the devices registered to
    // each (only a hash of a device's secret); every reading they uploaded, with the FHIR resource as received.
    sql: `
      CREATE TABLE remote_patients (
        patient_id TEXT PRIMARY KEY,
        mrn        TEXT NOT NULL UNIQUE,
        record     JSONB NOT NULL
      );
      CREATE TABLE remote_devices (
        device_id      TEXT PRIMARY KEY,
        patient_id     TEXT NOT NULL REFERENCES remote_patients (patient_id),
        model          TEXT NOT NULL,
        secret_hash    TEXT NOT NULL,
        last_upload_ms BIGINT
      );
      CREATE TABLE remote_readings (
        reading_id   TEXT PRIMARY KEY,
        patient_id   TEXT NOT NULL REFERENCES remote_patients (patient_id),
        device_id    TEXT NOT NULL,
        kind         TEXT NOT NULL,
        effective_ms BIGINT NOT NULL,
        received_ms  BIGINT NOT NULL,
        reading      JSONB NOT NULL,
        resource     JSONB NOT NULL
      );
      CREATE INDEX remote_readings_by_patient ON remote_readings (patient_id, effective_ms);
    `,
  },
  {
    version: 16,
    name: 'ward leadership epoch',
    sql: `
      -- Which leader of the ward's gateways may write (ward-leadership.ts): each new leader takes the next epoch,
      -- and a write checks it is still the writer's, so a former leader's late write is refused, never recorded.
      -- IF NOT EXISTS: the leadership module makes it too, before the first migration of a new database.
      CREATE TABLE IF NOT EXISTS ward_leadership (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        epoch      BIGINT NOT NULL,
        holder     TEXT NOT NULL,
        since      TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
];

/** The advisory lock key that serialises migrations (two gateways of a ward may start at the same moment). */
const MIGRATION_LOCK = 0x57_57_4d_31; // "WWM1"

/**
 * Applies every migration the database has not seen, all in one transaction under an advisory lock: a second
 * gateway starting at the same moment waits, then finds them applied; a failing migration leaves the schema as
 * it was.
 */
export async function applyMigrations(backend: MigratableDatabase, logger: Logger): Promise<void> {
  await backend.scriptTransaction(async (script, query) => {
    await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await script(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const applied = new Set(
      (await query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version),
    );
    const known = new Set(MIGRATIONS.map((migration) => migration.version));
    const newer = [...applied].filter((version) => !known.has(version));
    if (newer.length > 0)
      throw new Error(
        `the database has migration ${Math.max(...newer)}, newer than this gateway knows: a newer WardWatch wrote it; update this gateway`,
      );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await script(migration.sql);
      await query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      logger.info('database migrated', { version: migration.version, name: migration.name });
    }
  });
}
