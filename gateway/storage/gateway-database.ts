/**
 * Opens the gateway's database — embedded PostgreSQL (PGlite, WASM: one install serves Node and Electron) in a
 * folder, or in memory for a demo ward — and brings its schema up to date. Opening compiles PGlite's WASM (about
 * 3 s on the reference machine), so the gateway opens it in the background: streaming never waits for it.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../../common/logging/logger';
import { MIGRATIONS } from './migrations';

/** The queries the gateway's stores need (PGlite's, and node-postgres' for a server, have this shape). */
export interface Database {
  query<Row>(sql: string, parameters?: readonly unknown[]): Promise<{ rows: Row[] }>;
  /** Runs queries in one transaction: all of them commit, or none (rolled back when `run` throws). */
  transaction<T>(run: (query: Database['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the data lives: a folder, or nowhere (a demo ward, tests). */
export type DatabaseLocation = { readonly kind: 'folder'; readonly path: string } | { readonly kind: 'memory' };

/** Opens the database and applies any migrations it has not seen. */
export async function openGatewayDatabase(location: DatabaseLocation, logger: Logger): Promise<Database> {
  const started = performance.now();
  // PGlite creates its own folder but not the ones above it (a data folder's `database/`).
  if (location.kind === 'folder') await mkdir(dirname(location.path), { recursive: true });
  const database = await PGlite.create(location.kind === 'folder' ? location.path : undefined);
  await database.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );
  const applied = new Set(
    (await database.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version),
  );
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await database.transaction(async (transaction) => {
      await transaction.exec(migration.sql);
      await transaction.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    });
    logger.info('database migrated', { version: migration.version, name: migration.name });
  }
  logger.info('database open', {
    location: location.kind === 'folder' ? location.path : 'memory',
    ms: Math.round(performance.now() - started),
  });
  return {
    query: async <Row>(sql: string, parameters: readonly unknown[] = []) => database.query<Row>(sql, [...parameters]),
    transaction: <T>(run: (query: Database['query']) => Promise<T>) =>
      database.transaction((transaction) =>
        run(async <Row>(sql: string, parameters: readonly unknown[] = []) =>
          transaction.query<Row>(sql, [...parameters]),
        ),
      ),
    close: () => database.close(),
  };
}
