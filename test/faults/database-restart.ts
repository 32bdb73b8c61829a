/**
 * The ward's PostgreSQL server stopped under a running gateway for 15 s, then started again on the same data
 * (test/faults/ward-under-fault.ts): ALARM LOG FAILURE must show while it is down — alarms are still raised and
 * shown, the stream goes on, the nurse's acknowledgment is refused and retried rather than claimed — and once it is
 * back the acknowledgment is journaled exactly once and the chain verifies.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgresServer } from '../support/postgres-server';
import { runWardUnderFault, type WardFaultFigures } from './ward-under-fault';

/** Runs the case on a PostgreSQL server of its own. */
export async function runDatabaseRestart(say: (line: string) => void = () => undefined): Promise<WardFaultFigures> {
  const postgres = await startPostgresServer();
  try {
    const url = await postgres.database('ward');
    const dataDir = join(mkdtempSync(join(tmpdir(), 'wardwatch-db-restart-')), 'gateway');
    return await runWardUnderFault(
      {
        name: 'database restart',
        dataDir,
        databaseUrl: url,
        database: { kind: 'server', url },
        expectedAlarm: 'ALARM_LOG_FAILURE',
        lastsMs: 15_000,
        inflict: async () => {
          await postgres.stop();
          return 'PostgreSQL stopped';
        },
        heal: () => postgres.start(),
      },
      say,
    );
  } finally {
    await postgres.destroy();
  }
}
