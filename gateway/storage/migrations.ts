/**
 * The gateway database's schema, as ordered migrations. Plain PostgreSQL: the same SQL runs on the embedded
 * PGlite and on a ward's or hospital's PostgreSQL server (DESIGN.md §4). A migration is never edited once
 * released; a change is a new migration.
 */

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
];
