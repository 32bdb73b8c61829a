/**
 * The alarm journal on both database engines (PGlite, and a PostgreSQL server): the hash chain verifies and catches an
 * altered, a removed and a reordered event; an idempotency key is recorded once; a gateway process killed while
 * writing loses nothing it had committed and leaves a chain that still verifies; the verify command says so. The
 * chain is keyed (a rewrite with recomputed hashes fails) and anchored (a cut tail fails). The journal command
 * verifies a journal on a PostgreSQL server while the gateway's data folder holds its key.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlarmJournal, eventHash, VERIFY_PAGE_ROWS, type AlarmEventInput } from '../../../gateway/alarms/alarm-journal';
import {
  CHECKPOINT_EVERY,
  CHECKPOINT_FILE,
  folderJournalIntegrity,
  JOURNAL_KEY_FILE,
  memoryJournalIntegrity,
} from '../../../gateway/alarms/journal-integrity';
import { openGatewayDatabase } from '../../../gateway/storage/gateway-database';
import { databaseFolderIn } from '../../../gateway/identity/identity-arguments';
import { createRecordingLogger } from '../../support/recording-logger';
import { BACKENDS, freshDatabase } from '../../support/test-databases';

/** A gateway data folder (the database is in its `database/` folder). */
function folder(): string {
  return join(mkdtempSync(join(tmpdir(), 'wardwatch-journal-')), 'gw');
}

function event(n: number, key: string | null = null): AlarmEventInput {
  return {
    atMs: 1_700_000_000_000 + n,
    kind: 'raised',
    alarmId: `a-${n}`,
    bedId: 'bed-02',
    condition: 'SPO2_LOW',
    priority: 'MEDIUM',
    username: null,
    userDisplay: null,
    station: null,
    idempotencyKey: key,
    details: { alarm: { message: `SpO2 ${80 + n} < 90`, nested: { b: 1, a: [1, 2] } } },
  };
}

describe.each(BACKENDS)('alarm journal on %s', (backend) => {
  it('chains events, records an idempotency key once, and verifies', async () => {
    const database = await openGatewayDatabase(await freshDatabase(backend), createRecordingLogger());
    const journal = new AlarmJournal(database);
    for (let n = 1; n <= 5; n += 1) await journal.append(event(n));
    const first = await journal.append({ ...event(6, 'ack-key-1'), kind: 'acknowledged', username: 'demo.nurse' });
    const again = await journal.append({ ...event(7, 'ack-key-1'), kind: 'acknowledged', username: 'demo.nurse' });
    expect('recorded' in first).toBe(true);
    expect(again).toEqual({ duplicateOf: 'recorded' in first ? first.recorded : null });
    expect(await journal.verify()).toEqual({ intact: true, events: 6, anchoredAtSeq: null });
    await database.close();
  }, 60_000);

  it.each([
    [
      'altered',
      "UPDATE alarm_events SET details = jsonb_set(details, '{alarm,message}', '\"SpO2 95 < 90\"') WHERE seq = 3",
      /event 3 was altered/,
    ],
    ['re-attributed', "UPDATE alarm_events SET username = 'someone.else' WHERE seq = 2", /event 2 was altered/],
    ['removed', 'DELETE FROM alarm_events WHERE seq = 2', /event 3 does not follow event 1/],
    [
      'reordered',
      'UPDATE alarm_events SET seq = 100 WHERE seq = 2; UPDATE alarm_events SET seq = 2 WHERE seq = 3; UPDATE alarm_events SET seq = 3 WHERE seq = 100',
      /event 2 does not follow event 1/,
    ],
  ])(
    'notices an %s event',
    async (_label, tamper, reason) => {
      const database = await openGatewayDatabase(await freshDatabase(backend), createRecordingLogger());
      const journal = new AlarmJournal(database);
      for (let n = 1; n <= 4; n += 1) await journal.append(event(n));
      for (const statement of tamper.split('; ')) await database.query(statement);
      const verdict = await journal.verify();
      expect(verdict.intact).toBe(false);
      expect(verdict.intact ? '' : verdict.reason).toMatch(reason);
      await database.close();
    },
    60_000,
  );

  it('catches a rewrite whose author recomputed every hash without the journal key', async () => {
    const database = await openGatewayDatabase(await freshDatabase(backend), createRecordingLogger());
    const journal = new AlarmJournal(database, memoryJournalIntegrity());
    for (let n = 1; n <= 4; n += 1) await journal.append(event(n));
    // The attacker changes who acknowledged event 3 and recomputes the chain the only way open to them: unkeyed.
    const { rows } = await database.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM alarm_events ORDER BY seq',
    );
    await database.query("UPDATE alarm_events SET username = 'someone.else' WHERE seq = 3");
    let previous = rows[1]?.hash as string;
    for (const seq of [3, 4]) {
      const forged = eventHash(previous, { ...event(seq), username: seq === 3 ? 'someone.else' : null });
      await database.query('UPDATE alarm_events SET prev_hash = $2, hash = $3 WHERE seq = $1', [seq, previous, forged]);
      previous = forged;
    }
    expect(await journal.verify()).toMatchObject({
      intact: false,
      brokenAtSeq: 3,
      reason: expect.stringMatching(/event 3 is not keyed: it was rewritten without the journal key/),
    });
    await database.close();
  }, 60_000);

  it('verifies a journal longer than one page, page by page, and still names an event altered on a later page', async () => {
    const database = await openGatewayDatabase(await freshDatabase(backend), createRecordingLogger());
    const journal = new AlarmJournal(database, memoryJournalIntegrity());
    const total = VERIFY_PAGE_ROWS + 150;
    for (let n = 1; n <= total; n += 1) await journal.append(event(n));
    journal.anchor();
    const reads: string[] = [];
    const query = database.query.bind(database);
    const watched = {
      ...database,
      query: ((sql: string, params?: unknown[]) => {
        if (sql.includes('FROM alarm_events')) reads.push(sql);
        return query(sql, params);
      }) as typeof database.query,
    };
    const paged = new AlarmJournal(watched, journal['integrity']);
    expect(await paged.verify()).toEqual({ intact: true, events: total, anchoredAtSeq: total });
    // Two pages, never the whole journal in one read.
    expect(reads).toHaveLength(2);
    expect(reads.every((sql) => sql.includes('LIMIT'))).toBe(true);

    const altered = VERIFY_PAGE_ROWS + 40;
    await database.query(`UPDATE alarm_events SET details = '{"alarm":{"message":"edited"}}' WHERE seq = $1`, [
      altered,
    ]);
    expect(await paged.verify()).toMatchObject({ intact: false, brokenAtSeq: altered });
    await database.close();
  }, 120_000);
});

describe('alarm journal in a data folder (PGlite)', () => {
  it('keeps every committed event of a gateway killed mid-write, and the chain still verifies', async () => {
    const path = folder();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/journal-writer.ts', path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let committed = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const all = [...output.matchAll(/committed (\d+)/g)];
      committed = Number(all.at(-1)?.[1] ?? 0);
      if (committed >= 40 && child.exitCode === null) child.kill('SIGKILL');
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(committed).toBeGreaterThanOrEqual(40);

    const database = await openGatewayDatabase(
      { kind: 'folder', path: databaseFolderIn(path) },
      createRecordingLogger(),
    );
    const journal = new AlarmJournal(database, folderJournalIntegrity(path));
    const verdict = await journal.verify();
    expect(verdict.intact).toBe(true);
    expect(verdict.events).toBeGreaterThanOrEqual(committed);
    // The journal goes on from where it was, on the same chain.
    await journal.append(event(9999));
    expect(await journal.verify()).toMatchObject({ intact: true, events: verdict.events + 1 });
    await database.close();

    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'gateway/tools/journal-cli.ts', '--data-dir', path, 'verify'],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`journal intact: ${verdict.events + 1} events`));
  }, 120_000);

  it('the verify command exits 1 and names the event when the journal was tampered with', async () => {
    const path = folder();
    const database = await openGatewayDatabase(
      { kind: 'folder', path: databaseFolderIn(path) },
      createRecordingLogger(),
    );
    const journal = new AlarmJournal(database, folderJournalIntegrity(path));
    for (let n = 1; n <= 3; n += 1) await journal.append(event(n));
    await database.query("UPDATE alarm_events SET priority = 'LOW' WHERE seq = 2");
    await database.close();
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'gateway/tools/journal-cli.ts', '--data-dir', path, 'verify'],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/journal TAMPERED: event 2 was altered after it was written/);
  }, 60_000);

  it('anchors its head outside the database: a cut tail and an edited checkpoint log are caught', async () => {
    const path = folder();
    const open = () => openGatewayDatabase({ kind: 'folder', path: databaseFolderIn(path) }, createRecordingLogger());
    const database = await open();
    const journal = new AlarmJournal(database, folderJournalIntegrity(path));
    for (let n = 1; n <= CHECKPOINT_EVERY + 5; n += 1) await journal.append(event(n));
    journal.anchor();
    expect(await journal.verify()).toMatchObject({ intact: true, anchoredAtSeq: CHECKPOINT_EVERY + 5 });
    expect(statSync(join(path, JOURNAL_KEY_FILE)).mode & 0o777).toBe(0o600);

    // The last five events are deleted: every remaining hash is still right, only the checkpoint knows.
    await database.query('DELETE FROM standing_alarms');
    await database.query('DELETE FROM alarm_events WHERE seq > $1', [CHECKPOINT_EVERY]);
    const cut = await journal.verify();
    expect(cut).toMatchObject({ intact: false, reason: expect.stringMatching(/events were cut from its end/) });
    await database.close();

    // The checkpoint log edited to vouch for the shorter journal: its signature gives it away.
    const log = readFileSync(join(path, CHECKPOINT_FILE), 'utf8').trim().split('\n');
    const last = JSON.parse(log.at(-1) as string) as { seq: number };
    writeFileSync(
      join(path, CHECKPOINT_FILE),
      `${log.join('\n')}\n${JSON.stringify({ ...last, seq: CHECKPOINT_EVERY })}\n`,
    );
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'gateway/tools/journal-cli.ts', '--data-dir', path, 'verify'],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/journal TAMPERED: 1 checkpoint line\(s\) carry a wrong signature/);
    // The verdict is in the security log an admin reads, as the gateway's own hourly check would put it.
    const after = await open();
    const { rows } = await after.query<{ kind: string; severity: string }>(
      "SELECT kind, severity FROM security_events WHERE source = 'journal command'",
    );
    expect(rows).toEqual([{ kind: 'journal-tampered', severity: 'critical' }]);
    await after.close();
  }, 90_000);
});

describe('journal command on a PostgreSQL server', () => {
  it('verifies the server’s journal with the data folder’s key, and names an altered event', async () => {
    const path = folder();
    const location = await freshDatabase('postgres');
    const url = location.kind === 'server' ? location.url : '';
    const database = await openGatewayDatabase(location, createRecordingLogger());
    const journal = new AlarmJournal(database, folderJournalIntegrity(path));
    for (let n = 1; n <= 5; n += 1) await journal.append(event(n));
    journal.anchor();
    const verify = () =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'gateway/tools/journal-cli.ts', '--data-dir', path, '--database', url, 'verify'],
        { encoding: 'utf8' },
      );
    // While the "gateway" still has the database open: a server has many writers, no folder lock is needed.
    const intact = verify();
    expect(intact.stdout).toMatch(/journal intact: 5 events/);
    expect(intact.status).toBe(0);
    await database.query("UPDATE alarm_events SET priority = 'LOW' WHERE seq = 4");
    const tampered = verify();
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toMatch(/journal TAMPERED: event 4 was altered after it was written/);
    await database.close();
  }, 60_000);
});
