/**
 * The data folders of a ward's gateways, made with the ward's one journal key in each — as README step 3 has IT
 * copy it — so that both sign the alarm journal's chain alike and it verifies across failovers.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_KEY_FILE } from '../../gateway/alarms/journal-integrity';

/** Creates each folder (mode 0700) with the same new journal key (0600); returns the folders. */
export function foldersWithWardJournalKey(folders: readonly string[]): readonly string[] {
  const key = randomBytes(32).toString('base64');
  for (const folder of folders) {
    mkdirSync(folder, { mode: 0o700, recursive: true });
    writeFileSync(join(folder, JOURNAL_KEY_FILE), key, { mode: 0o600 });
  }
  return folders;
}
