/**
 * Command-line options about users, shared by the gateway and the users command: where the database lives and
 * which administrator a ward of real patients starts with.
 */
import { join } from 'node:path';
import { checkServerUrl } from '../storage/postgres-database';
import type { DatabaseLocation } from '../storage/gateway-database';

/** The database's folder inside a gateway data folder (beside it: `disclosure/`, the full-disclosure waveforms). */
export function databaseFolderIn(dataDir: string): string {
  return join(dataDir, 'database');
}

/** The full-disclosure folder inside a gateway data folder. */
export function disclosureFolderIn(dataDir: string): string {
  return join(dataDir, 'disclosure');
}

/** `node:util` parseArgs options. */
export const IDENTITY_ARGUMENTS = {
  'data-dir': { type: 'string' },
  database: { type: 'string' },
  admin: { type: 'string' },
} as const;

/** The gateway data folder from `--data-dir` (null when absent: memory only). @throws Error when empty. */
export function dataDirFrom(values: Readonly<Record<string, string | boolean | undefined>>): string | null {
  const folder = values['data-dir'];
  if (folder === undefined) return null;
  if (typeof folder !== 'string' || folder.length === 0) throw new Error('--data-dir needs a folder');
  return folder;
}

/**
 * The PostgreSQL server from `--database postgres://…` (null when absent: PGlite in the data folder, or memory).
 * @throws Error when the URL is wrong, holds a password, or comes without `--data-dir` — the journal's key and
 * checkpoints and full disclosure live in the data folder, outside the database, whichever database it is.
 */
export function databaseUrlFrom(values: Readonly<Record<string, string | boolean | undefined>>): string | null {
  const url = values.database;
  if (url === undefined) return null;
  if (typeof url !== 'string' || url.length === 0) throw new Error('--database needs a postgres:// URL');
  checkServerUrl(url);
  if (values['data-dir'] === undefined)
    throw new Error(
      '--database needs --data-dir too: the journal key, its checkpoints and full disclosure live in the data folder',
    );
  return url;
}

/**
 * Where a command's database is: the `--database` server, else PGlite in `dataDir`. `exclusive` says whether the
 * data folder must be locked first (PGlite has one writer at a time; a server serves the gateway and the command).
 */
export function commandDatabaseIn(
  dataDir: string,
  values: Readonly<Record<string, string | boolean | undefined>>,
): { readonly location: DatabaseLocation; readonly exclusive: boolean } {
  const url = databaseUrlFrom({ ...values, 'data-dir': dataDir });
  return url === null
    ? { location: { kind: 'folder', path: databaseFolderIn(dataDir) }, exclusive: true }
    : { location: { kind: 'server', url }, exclusive: false };
}
