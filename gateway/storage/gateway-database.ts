/**
 * Opens the gateway's database and brings its schema up to date: the embedded PostgreSQL (PGlite, WASM) in a
 * folder or in memory — one station, a demo ward — or a PostgreSQL server (`--database postgres://…`) for a ward
 * whose gateways share it. Both run the same migrations and the same SQL (DESIGN.md §4). Opening PGlite compiles
 * its WASM (about 3 s on the reference machine), so the gateway opens the database in the background: streaming
 * never waits for it.
 */
import type { Logger } from '../../common/logging/logger';
import { applyMigrations } from './migrations';
import { openPgliteDatabase } from './pglite-database';
import { describeServerLocation, openPostgresDatabase } from './postgres-database';

/** The queries the gateway's stores need (both backends give this shape). */
export interface Database {
  query<Row>(sql: string, parameters?: readonly unknown[]): Promise<{ rows: Row[] }>;
  /** Runs queries in one transaction: all of them commit, or none (rolled back when `run` throws). */
  transaction<T>(run: (query: Database['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A backend as migrations need it: a transaction that may also run a script of several statements. */
export interface MigratableDatabase {
  readonly database: Database;
  scriptTransaction<T>(
    run: (script: (sql: string) => Promise<void>, query: Database['query']) => Promise<T>,
  ): Promise<T>;
}

/** Where the data lives: a folder, nowhere (a demo ward, tests), or a PostgreSQL server. */
export type DatabaseLocation =
  | { readonly kind: 'folder'; readonly path: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'server'; readonly url: string };

/** Opens the database and applies any migrations it has not seen. */
export async function openGatewayDatabase(location: DatabaseLocation, logger: Logger): Promise<Database> {
  const started = performance.now();
  const backend =
    location.kind === 'server' ? await openPostgresDatabase(location.url, logger) : await openPgliteDatabase(location);
  try {
    await applyMigrations(backend, logger);
  } catch (error) {
    await backend.database.close().catch(() => undefined);
    throw error;
  }
  logger.info('database open', {
    location:
      location.kind === 'folder'
        ? location.path
        : location.kind === 'server'
          ? describeServerLocation(location.url)
          : 'memory',
    ms: Math.round(performance.now() - started),
  });
  return backend.database;
}
