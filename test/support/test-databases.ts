/**
 * The two database backends a store test runs on: the embedded PGlite (in memory) and a real PostgreSQL server
 * (test/support/postgres-server.ts), started once per test file on first use and stopped after the file. Each
 * call gives a fresh, empty database, so tests do not see each other's rows.
 */
import { afterAll } from 'vitest';
import type { DatabaseLocation } from '../../gateway/storage/gateway-database';
import { startPostgresServer, type PostgresServer } from './postgres-server';

/** A database backend under test. */
export type TestBackend = 'pglite' | 'postgres';

/** Both backends, for `describe.each`. */
export const BACKENDS: readonly TestBackend[] = ['pglite', 'postgres'];

let server: Promise<PostgresServer> | null = null;
let databases = 0;

/** The file's PostgreSQL server (started on first use). */
export function testPostgresServer(): Promise<PostgresServer> {
  server ??= startPostgresServer();
  return server;
}

/** A fresh, empty database on `backend`. */
export async function freshDatabase(backend: TestBackend): Promise<DatabaseLocation> {
  if (backend === 'pglite') return { kind: 'memory' };
  databases += 1;
  return { kind: 'server', url: await (await testPostgresServer()).database(`test_${databases}`) };
}

afterAll(async () => {
  const started = server;
  server = null;
  if (started !== null) await (await started).destroy();
});
