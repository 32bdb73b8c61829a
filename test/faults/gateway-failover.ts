/**
 * Two gateways of one ward on a real PostgreSQL server, and `kill -9` of whichever leads, again and again, while
 * two stations acknowledge every alarm as soon as it shows (faster than nurses could) and a driver keeps raising
 * new ones. The stations and the driver are real gateway links (common/wire/gateway-link.ts) given both
 * addresses, as a station is; after each kill the killed gateway is started again and becomes the standby.
 *
 * Judged afterwards from the database: for every acknowledgment a station was told succeeded, exactly one journal
 * event (lost: none; doubled: more than one); the journal's chain verifies across all the leaders that wrote it.
 * Measured: failover time (kill → a station's link connected to the new leader), and whether each station's link
 * reported the outage (what makes the station show COMMS LOST) for every kill.
 *
 * Runs the built gateway (`dist/gateway/gateway-cli.mjs`: `npm run build` first).
 */
import { foldersWithWardJournalKey } from '../support/ward-journal-key';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlarmSnapshot } from '../../common/alarms/alarm-model';
import { createRecordingLogger } from '../support/recording-logger';
import { acknowledgmentOutcomes } from '../support/acknowledgment-outcomes';
import { openGatewayLink, type GatewayLink } from '../../common/wire/gateway-link';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { AlarmJournal } from '../../gateway/alarms/alarm-journal';
import { folderJournalIntegrity } from '../../gateway/alarms/journal-integrity';
import { openGatewayDatabase } from '../../gateway/storage/gateway-database';
import { signInCredentials } from '../support/link-credentials';
import { freePort } from '../support/free-port';
import { startPostgresServer } from '../support/postgres-server';
import { calmWardScenarioFile } from '../support/calm-ward';

/** What a run measured. */
export interface FailoverFigures {
  readonly kills: number;
  readonly acksConfirmed: number;
  readonly acksLost: number;
  readonly acksDoubled: number;
  readonly failoverMs: readonly number[];
  /** Kills after which a station's link did not report the outage within 2.5 s. */
  readonly commsLostMissed: number;
  readonly journalIntact: boolean;
  readonly journalEvents: number;
}

const GATEWAY_SCRIPT = 'dist/gateway/gateway-cli.mjs';
const BEDS = 4;

interface GatewayProcess {
  readonly child: ChildProcess;
  leading: boolean;
  readonly exited: Promise<void>;
  output: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Runs `kills` kill -9 failovers; `say` gets a line per kill. */
export async function runFailoverFaults(kills: number, say: (line: string) => void = () => undefined) {
  if (!existsSync(GATEWAY_SCRIPT)) throw new Error(`${GATEWAY_SCRIPT} is missing: run npm run build first`);
  const postgres = await startPostgresServer();
  const url = await postgres.database('ward');
  const root = mkdtempSync(join(tmpdir(), 'wardwatch-failover-'));
  // Both gateways sign the journal with the ward's one key (README: copied to each gateway's data folder).
  const folders = foldersWithWardJournalKey(['a', 'b'].map((name) => join(root, name)));
  const calm = calmWardScenarioFile();
  const ports = [await freePort(), await freePort()];
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);

  const start = (index: number): GatewayProcess => {
    const child = spawn(
      process.execPath,
      [
        GATEWAY_SCRIPT,
        ...['--port', String(ports[index]), '--beds', String(BEDS), '--scenario-file', calm],
        ...['--data-dir', folders[index] as string, '--database', url],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const process_: GatewayProcess = {
      child,
      leading: false,
      output: '',
      exited: new Promise((resolve) => child.once('exit', () => resolve())),
    };
    const onData = (chunk: Buffer): void => {
      process_.output = (process_.output + chunk.toString()).slice(-20_000);
      if (/WardWatch gateway listening on/.test(process_.output)) process_.leading = true;
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    return process_;
  };
  const gateways: (GatewayProcess | null)[] = [start(0), null];
  say('PostgreSQL is up; starting the ward’s two gateways');
  await until('the first gateway to lead', () => gateways[0]?.leading === true, 30_000);
  gateways[1] = start(1);
  await until('the second gateway to stand by', () => /standby/.test(gateways[1]?.output ?? ''), 30_000);

  const linkFor = (role: 'nurse' | 'admin', stationName: string): GatewayLink =>
    openGatewayLink({
      url: urls[0] as string,
      fallbackUrls: [urls[1] as string],
      stationName,
      client: 'station',
      credentials: signInCredentials(urls, role, stationName),
      logger: createRecordingLogger(),
    });

  /** Acknowledgments a station was told were recorded, by key. */
  const confirmed = new Set<string>();
  const stations = ['Desk 1', 'Desk 2'].map((name) => {
    const link = linkFor('nurse', name);
    const keyOf = new Map<string, string>();
    const working = new Set<string>();
    const statusLog: { atMs: number; status: string }[] = [];
    link.onChange((state) => statusLog.push({ atMs: performance.now(), status: state.status }));
    const acknowledge = async (alarmId: string): Promise<void> => {
      const key = keyOf.get(alarmId) ?? randomUUID();
      keyOf.set(alarmId, key);
      // As the station does: the same key until the gateway says it is recorded (or the alarm is gone for good).
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const reply = await link.call('acknowledgeAlarm', { alarmId, idempotencyKey: key });
        if (reply.ok) {
          confirmed.add(key);
          return;
        }
        if (reply.error.code === 'UNKNOWN_ALARM' && attempt > 20) return;
        await sleep(50);
      }
    };
    link.on(WARD_EVENTS.alarms, (payload) => {
      const snapshot = payload as AlarmSnapshot;
      for (const alarm of snapshot.alarms ?? []) {
        if (alarm.acknowledged !== null || working.has(alarm.alarmId) || keyOf.has(alarm.alarmId)) continue;
        working.add(alarm.alarmId);
        void acknowledge(alarm.alarmId).finally(() => working.delete(alarm.alarmId));
      }
    });
    return { link, statusLog, working };
  });
  // The driver keeps alarms coming: every second it tells each bed its rhythm — VT for 6 s, then normal for 6 s,
  // half of the beds at a time — so that a new leader (whose simulator starts afresh) is told within a second.
  const driver = linkFor('admin', 'Driver');
  let driving = true;
  const drive = (async () => {
    const begun = performance.now();
    while (driving) {
      const phase = Math.floor((performance.now() - begun) / 6000);
      for (let bed = 1; bed <= BEDS; bed += 1)
        await driver.call('setScenario', { bedId: `bed-0${bed}`, scenario: (bed + phase) % 2 === 0 ? 'vt' : 'normal' });
      await sleep(1000);
    }
  })();

  await until(
    'both stations connected',
    () => stations.every((station) => station.link.state().status === 'connected'),
    30_000,
  );
  await sleep(1500);

  const failoverMs: number[] = [];
  let commsLostMissed = 0;
  for (let kill = 1; kill <= kills; kill += 1) {
    const leaderIndex = gateways.findIndex((gateway) => gateway?.leading === true);
    const leader = gateways[leaderIndex] as GatewayProcess;
    const standbyIndex = 1 - leaderIndex;
    const killedAt = performance.now();
    leader.child.kill('SIGKILL');
    await leader.exited;
    for (const station of stations) {
      await until(
        'a station to reconnect',
        () => station.statusLog.some((entry) => entry.atMs > killedAt && entry.status === 'connected'),
        30_000,
      );
      const entries = station.statusLog.filter((entry) => entry.atMs > killedAt);
      const reconnected = entries.find((entry) => entry.status === 'connected') as { atMs: number };
      failoverMs.push(reconnected.atMs - killedAt);
      const noticed = entries.find((entry) => entry.status !== 'connected');
      if (noticed === undefined || noticed.atMs - killedAt > 2500) commsLostMissed += 1;
    }
    if (gateways[standbyIndex]?.leading !== true) throw new Error('a station reconnected, but not to the new leader');
    // The killed gateway comes back (its service manager restarts it) and stands by for the next kill.
    const restarted = start(leaderIndex);
    gateways[leaderIndex] = restarted;
    await until('the restarted gateway to stand by', () => /standby/.test(restarted.output), 30_000);
    say(
      `kill ${kill}/${kills}: failover ${Math.round(Math.max(...failoverMs.slice(-stations.length)))} ms, ${confirmed.size} acknowledgments confirmed so far`,
    );
    // Alarms and acknowledgments go on against the new leader before the next kill: long enough for the alarms
    // of a rhythm the driver just set to be raised (VT alarms after a few seconds of analysis).
    await sleep(4000 + Math.random() * 4000);
  }

  say('stopping: waiting for the driver and the acknowledgments in flight');
  driving = false;
  await drive;
  await until(
    'acknowledgments in flight to finish',
    () => stations.every((station) => station.working.size === 0),
    30_000,
  );
  for (const station of stations) station.link.close();
  driver.close();
  for (const gateway of gateways) {
    if (gateway === null) continue;
    gateway.child.kill('SIGTERM');
    // A clean stop takes well under a second; one that hangs is said and killed, never waited for forever.
    const stoppedInTime = await Promise.race([gateway.exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!stoppedInTime) {
      say(`a gateway did not stop within 10 s of SIGTERM; killed:\n${gateway.output.slice(-2000)}`);
      gateway.child.kill('SIGKILL');
      await gateway.exited;
    }
  }

  say('checking the journal');
  const database = await openGatewayDatabase({ kind: 'server', url }, createRecordingLogger());
  const { lost: acksLost, doubled: acksDoubled } = await acknowledgmentOutcomes(database, confirmed);
  const verdict = await new AlarmJournal(database, folderJournalIntegrity(folders[0] as string)).verify();
  await database.close();
  await postgres.destroy();
  const figures: FailoverFigures = {
    kills,
    acksConfirmed: confirmed.size,
    acksLost,
    acksDoubled,
    failoverMs,
    commsLostMissed,
    journalIntact: verdict.intact,
    journalEvents: verdict.events,
  };
  return figures;
}
