/** The embedded backend: PGlite (PostgreSQL compiled to WASM) in a folder or in memory. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, MigratableDatabase } from './gateway-database';

/** Opens PGlite in `location`'s folder, or in memory. */
export async function openPgliteDatabase(
  location: { readonly kind: 'folder'; readonly path: string } | { readonly kind: 'memory' },
): Promise<MigratableDatabase> {
  // PGlite creates its own folder but not the ones above it (a data folder's `database/`).
  if (location.kind === 'folder') await mkdir(dirname(location.path), { recursive: true });
  const pglite = await PGlite.create(location.kind === 'folder' ? location.path : undefined);
  const database: Database = {
    query: async <Row>(sql: string, parameters: readonly unknown[] = []) => pglite.query<Row>(sql, [...parameters]),
    transaction: <T>(run: (query: Database['query']) => Promise<T>) =>
      pglite.transaction((transaction) =>
        run(async <Row>(sql: string, parameters: readonly unknown[] = []) =>
          transaction.query<Row>(sql, [...parameters]),
        ),
      ),
    close: () => pglite.close(),
  };
  return {
    database,
    scriptTransaction: (run) =>
      pglite.transaction((transaction) =>
        run(
          async (sql) => {
            await transaction.exec(sql);
          },
          async <Row>(sql: string, parameters: readonly unknown[] = []) => transaction.query<Row>(sql, [...parameters]),
        ),
      ),
  };
}
