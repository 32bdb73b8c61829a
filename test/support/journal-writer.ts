/**
 * A gateway-like process that appends alarm events to a journal in a folder as fast as it can and prints
 * `committed N` after each append it awaited — for the test that kills it mid-write.
 * `node --import tsx test/support/journal-writer.ts <gateway data folder>` (the journal key and checkpoints are
 * kept there, the database in its `database/` folder, as the gateway keeps them).
 */
import { AlarmJournal } from '../../gateway/alarms/alarm-journal';
import { folderJournalIntegrity } from '../../gateway/alarms/journal-integrity';
import { databaseFolderIn } from '../../gateway/identity/identity-arguments';
import { openGatewayDatabase } from '../../gateway/storage/gateway-database';
import { createRecordingLogger } from './recording-logger';

const [folder = ''] = process.argv.slice(2);
const database = await openGatewayDatabase({ kind: 'folder', path: databaseFolderIn(folder) }, createRecordingLogger());
const journal = new AlarmJournal(database, folderJournalIntegrity(folder));
console.log('open');
for (let n = 1; ; n += 1) {
  await journal.append({
    atMs: Date.now(),
    kind: n % 2 === 0 ? 'acknowledged' : 'raised',
    alarmId: `a-${n}`,
    bedId: 'bed-01',
    condition: 'HR_HIGH',
    priority: 'MEDIUM',
    username: n % 2 === 0 ? 'demo.nurse' : null,
    userDisplay: null,
    station: 'Desk 1',
    idempotencyKey: n % 2 === 0 ? `ack-${n}` : null,
    details: { n, message: `HR ${100 + (n % 50)} > 120` },
  });
  console.log(`committed ${n}`);
}
