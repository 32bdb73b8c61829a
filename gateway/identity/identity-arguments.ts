/**
 * Command-line options about users, shared by the gateway and the users command: where the database lives and
 * which administrator a ward of real patients starts with.
 */
import { join } from 'node:path';

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
  admin: { type: 'string' },
} as const;

/** The gateway data folder from `--data-dir` (null when absent: memory only). @throws Error when empty. */
export function dataDirFrom(values: Readonly<Record<string, string | boolean | undefined>>): string | null {
  const folder = values['data-dir'];
  if (folder === undefined) return null;
  if (typeof folder !== 'string' || folder.length === 0) throw new Error('--data-dir needs a folder');
  return folder;
}
