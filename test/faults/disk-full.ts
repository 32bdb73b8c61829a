/**
 * A full disk under a running gateway: its data folder (embedded PGlite database, full disclosure, journal key) on
 * a small tmpfs the case mounts, filled to the last byte while the ward runs. A station's links stay open; the
 * charge nurse starts a VT and a nurse acknowledges it while the disk is full. Judged: FULL DISCLOSURE FAILURE
 * (and ALARM LOG FAILURE where the database cannot write) shows at the station, the VT alarm is raised and shown,
 * the waveform stream goes on, the gateway lives; once space is freed the technical alarms end, the nurse's
 * retried acknowledgment is confirmed and journaled exactly once, and the journal verifies.
 *
 * Mounting a tmpfs needs root (or CAP_SYS_ADMIN): without it the case says so and is skipped; the injected write
 * failures of `npm test` (disclosure-failure-alarm, store-fault-injection) still hold.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlarmSnapshot } from '../../common/alarms/alarm-model';
import { openGatewayLink } from '../../common/wire/gateway-link';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { AlarmJournal } from '../../gateway/alarms/alarm-journal';
import { folderJournalIntegrity } from '../../gateway/alarms/journal-integrity';
import { databaseFolderIn } from '../../gateway/identity/identity-arguments';
import { openGatewayDatabase } from '../../gateway/storage/gateway-database';
import { freePort } from '../support/free-port';
import { signInCredentials } from '../support/link-credentials';
import { createRecordingLogger } from '../support/recording-logger';

/** What a run measured; null when the machine could not mount a tmpfs. */
export interface DiskFullFigures {
  readonly technicalAlarmsShown: readonly string[];
  readonly vtShownWhileFull: boolean;
  /** Longest gap in the station's waveform stream while the disk was full, ms. */
  readonly longestStreamGapMs: number;
  readonly technicalAlarmsEnded: boolean;
  readonly ackConfirmed: boolean;
  readonly ackEvents: number;
  readonly journalIntact: boolean;
  readonly gatewayAlive: boolean;
}

const GATEWAY_SCRIPT = 'dist/gateway/gateway-cli.mjs';
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Writes zeros until the filesystem is full; returns the bytes written. */
function fillUp(file: string): number {
  const descriptor = openSync(file, 'w');
  const chunk = Buffer.alloc(256 * 1024);
  let written = 0;
  try {
    for (;;) written += writeSync(descriptor, chunk);
  } catch {
    // ENOSPC: full. Smaller writes take the last bytes a big one could not.
    const small = Buffer.alloc(512);
    try {
      for (;;) written += writeSync(descriptor, small);
    } catch {
      // Full to the last block.
    }
  } finally {
    closeSync(descriptor);
  }
  return written;
}

/** Runs the case; `say` gets a line per step. */
export async function runDiskFull(say: (line: string) => void = () => undefined): Promise<DiskFullFigures | null> {
  if (!existsSync(GATEWAY_SCRIPT)) throw new Error(`${GATEWAY_SCRIPT} is missing: run npm run build first`);
  const mountPoint = mkdtempSync(join(tmpdir(), 'wardwatch-diskfull-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=192m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    say(`disk full: skipped — cannot mount a tmpfs here (${mounted.stderr.trim() || 'needs root'})`);
    rmSync(mountPoint, { recursive: true, force: true });
    return null;
  }
  const dataDir = join(mountPoint, 'gateway');
  const calm = join(tmpdir(), `wardwatch-calm-${randomUUID()}.json`);
  writeFileSync(calm, JSON.stringify({ beds: {} }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [GATEWAY_SCRIPT, '--port', String(port), '--beds', '4', '--scenario-file', calm, '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const state = { exited: false };
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      state.exited = true;
      done();
    }),
  );
  const filler = join(mountPoint, 'filler');
  const links: ReturnType<typeof openGatewayLink>[] = [];
  try {
    const ready = Date.now() + 60_000;
    while (!/listening on/.test(output)) {
      if (state.exited || Date.now() > ready) throw new Error(`the gateway did not start:\n${output}`);
      await sleep(50);
    }
    const link = (role: 'nurse' | 'admin', client: 'station' | 'stream') => {
      const opened = openGatewayLink({
        url,
        stationName: `Disk desk ${links.length}`,
        client,
        credentials: signInCredentials([url], role, `Disk desk ${links.length}`),
        logger: createRecordingLogger(),
      });
      links.push(opened);
      return opened;
    };
    const station = link('nurse', 'station');
    let latest: AlarmSnapshot['alarms'] = [];
    station.on(WARD_EVENTS.alarms, (payload) => (latest = (payload as AlarmSnapshot).alarms));
    const stream = link('nurse', 'stream');
    let lastBatch = Number.NaN;
    let longestGap = 0;
    let full = false;
    stream.onChange((linkState) => {
      if (linkState.status === 'connected') void stream.call('subscribe', { beds: 'all', waveforms: true });
    });
    stream.on(WARD_EVENTS.waves, () => {
      const now = performance.now();
      if (full && Number.isFinite(lastBatch)) longestGap = Math.max(longestGap, now - lastBatch);
      lastBatch = now;
    });
    const control = link('admin', 'station');
    const until = async (what: string, probe: () => boolean, ms: number): Promise<boolean> => {
      const deadline = Date.now() + ms;
      while (!probe()) {
        if (Date.now() > deadline) {
          say(`disk full: gave up waiting for ${what}`);
          return false;
        }
        await sleep(100);
      }
      return true;
    };
    await until(
      'the links',
      () => links.every((each) => each.state().status === 'connected') && Number.isFinite(lastBatch),
      30_000,
    );
    await sleep(3000);

    const bytes = fillUp(filler);
    full = true;
    say(`disk full: filled the gateway's filesystem (${Math.round(bytes / 1048576)} MB of filler)`);
    await control.call('setScenario', { bedId: 'bed-02', scenario: 'vt' });
    const vtShownWhileFull = await until(
      'the VT alarm',
      () => latest.some((alarm) => alarm.condition === 'VT'),
      30_000,
    );
    const technical = new Set<string>();
    await until(
      'a technical alarm for the full disk',
      () => {
        for (const alarm of latest) if (alarm.category === 'technical') technical.add(alarm.condition);
        return technical.has('DISCLOSURE_FAILURE');
      },
      30_000,
    );
    // The nurse acknowledges while the disk is full, as her station would: the same key until it is confirmed.
    const vt = latest.find((alarm) => alarm.bedId === 'bed-02' && alarm.category !== 'technical');
    const key = randomUUID();
    const acknowledging = (async () => {
      if (vt === undefined) return false;
      for (let attempt = 0; attempt < 300; attempt += 1) {
        const reply = await station.call('acknowledgeAlarm', { alarmId: vt.alarmId, idempotencyKey: key });
        if (reply.ok) return true;
        await sleep(200);
      }
      return false;
    })();
    await sleep(10_000);
    for (const alarm of latest) if (alarm.category === 'technical') technical.add(alarm.condition);
    full = false;
    rmSync(filler, { force: true });
    say(`disk full: space freed; technical alarms seen: ${[...technical].join(', ') || 'none'}`);
    const ackConfirmed = await acknowledging;
    const technicalAlarmsEnded = await until(
      'the technical alarms to end',
      () =>
        !latest.some((alarm) => alarm.condition === 'DISCLOSURE_FAILURE' || alarm.condition === 'ALARM_LOG_FAILURE'),
      60_000,
    );
    const gatewayAlive = !state.exited;
    for (const each of links) each.close();
    links.length = 0;
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (!state.exited) child.kill('SIGKILL');
    await exited;

    const database = await openGatewayDatabase(
      { kind: 'folder', path: databaseFolderIn(dataDir) },
      createRecordingLogger(),
    );
    const { rows } = await database.query<{ events: number }>(
      "SELECT count(*) AS events FROM alarm_events WHERE kind = 'acknowledged' AND idempotency_key = $1",
      [key],
    );
    const verdict = await new AlarmJournal(database, folderJournalIntegrity(dataDir)).verify();
    await database.close();
    return {
      technicalAlarmsShown: [...technical],
      vtShownWhileFull,
      longestStreamGapMs: Math.round(longestGap),
      technicalAlarmsEnded,
      ackConfirmed,
      ackEvents: Number(rows[0]?.events ?? 0),
      journalIntact: verdict.intact,
      gatewayAlive,
    };
  } finally {
    for (const each of links) each.close();
    if (!state.exited) child.kill('SIGKILL');
    await exited;
    spawnSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
    rmSync(calm, { force: true });
  }
}
