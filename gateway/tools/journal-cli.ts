/**
 * `npm run journal -- --data-dir <folder> [--database postgres://user@host/db] verify | list [--last N]`: hospital IT's check of the alarm journal.
 * `verify` recomputes the hash chain from the first event and exits 1, naming the first event that does not fit,
 * when any event was altered, removed or reordered. Stop the gateway that uses the folder first (the embedded
 * database has one writer at a time).
 */
import { parseArgs } from 'node:util';
import { createConsoleLogger, describeError } from '../../common/logging/logger';
import { AlarmJournal } from '../alarms/alarm-journal';
import { folderJournalIntegrity } from '../alarms/journal-integrity';
import { SecurityEventStore } from '../security/security-event-store';
import { openGatewayDatabase } from '../storage/gateway-database';
import { lockForCommand } from '../storage/data-folder-lock';
import { commandDatabaseIn } from '../identity/identity-arguments';

const USAGE =
  'usage: npm run journal -- --data-dir <folder> [--database postgres://user@host/db] verify | list [--last N]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { 'data-dir': { type: 'string' }, database: { type: 'string' }, last: { type: 'string', default: '20' } },
    allowPositionals: true,
    strict: true,
  });
  const folder = values['data-dir'];
  const [command] = positionals;
  if (folder === undefined || (command !== 'verify' && command !== 'list')) {
    console.error(USAGE);
    return 2;
  }
  const { location, exclusive } = commandDatabaseIn(folder, values);
  const lock = exclusive ? lockForCommand(folder, 'journal command') : { release: () => undefined };
  if (lock === null) return 1;
  const database = await openGatewayDatabase(location, createConsoleLogger('journal', 'warn'));

  try {
    const journal = new AlarmJournal(database, folderJournalIntegrity(folder));
    if (command === 'verify') {
      const verdict = await journal.verify();
      const message = verdict.intact
        ? `journal intact: ${verdict.events} events, keyed hash chain verified${verdict.anchoredAtSeq === null ? '' : `, matches its signed checkpoint at event ${verdict.anchoredAtSeq}`}`
        : `journal TAMPERED: ${verdict.reason} (${verdict.events} events)`;
      // The verdict goes to the same security log the gateway's own hourly check feeds (admins see both).
      await new SecurityEventStore(database).insert({
        atMs: Date.now(),
        kind: verdict.intact ? 'journal-verified' : 'journal-tampered',
        severity: verdict.intact ? 'info' : 'critical',
        source: 'journal command',
        username: null,
        message,
      });
      if (verdict.intact) console.log(message);
      else console.error(message);
      return verdict.intact ? 0 : 1;
    }
    const events = await journal.events();
    for (const event of events.slice(-Number(values.last))) {
      const who =
        event.username === null ? '' : ` by ${event.userDisplay ?? event.username} at ${event.station ?? '?'}`;
      console.log(
        `${String(event.seq).padStart(6)} ${new Date(event.atMs).toISOString()} ${event.kind.padEnd(12)} ${event.bedId ?? '-'} ${event.condition ?? ''} ${event.priority ?? ''}${who}`,
      );
    }
    return 0;
  } finally {
    await database.close();
    lock.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`journal: ${describeError(error)}`);
    process.exit(1);
  },
);
