/**
 * A ward left running: the built gateway (its own process, with test/soak/process-probe.mjs loaded into it) with
 * `beds` simulated beds and its embedded database in a throwaway data folder, `stations` stations — each a real
 * stream link subscribed to every bed's waveforms and a real station link whose nurse acknowledges the alarms of her
 * share of the beds after 1–5 s — and a charge nurse's link that keeps alarms coming: every 15 s the next few beds
 * go into VT (and, every other turn, one into desaturation) and the previous ones back to normal. Alarms come only
 * from the gateway's analysis of the simulated waveforms and numerics, as on a ward.
 *
 * Measured: the probe's heap, RSS, file descriptors and event-loop delay; the data folder's size; per station the
 * longest gap in its waveform stream after warm-up (a trace that stops while the link looks fine is a frozen trace);
 * acknowledgments confirmed, and afterwards, from the journal, how many of them have no event or more than one.
 * Runs `dist/gateway/gateway-cli.mjs` (`npm run build` first).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AlarmSnapshot } from '../../common/alarms/alarm-model';
import { openGatewayLink, type GatewayLink } from '../../common/wire/gateway-link';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { AlarmJournal } from '../../gateway/alarms/alarm-journal';
import { folderJournalIntegrity } from '../../gateway/alarms/journal-integrity';
import { databaseFolderIn } from '../../gateway/identity/identity-arguments';
import { openGatewayDatabase } from '../../gateway/storage/gateway-database';
import { freePort } from '../support/free-port';
import { signInCredentials } from '../support/link-credentials';
import { createRecordingLogger } from '../support/recording-logger';
import { acknowledgmentOutcomes } from '../support/acknowledgment-outcomes';
import type { SoakSample } from './soak-judge';
import { calmWardScenarioFile } from '../support/calm-ward';

/** What to run. */
export interface SoakOptions {
  readonly durationMs: number;
  readonly beds: number;
  readonly stations: number;
  /** How often the probe reads the gateway (and the folder is measured). */
  readonly sampleEveryMs: number;
  /** How often a report line is said. */
  readonly reportEveryMs: number;
  /** Gaps in a station's stream before this are start-up, not judged. */
  readonly warmupMs: number;
  readonly say: (line: string) => void;
  /** Gets the samples of each report period as it ends, and all of them so far. */
  readonly onReport?: (samples: readonly SoakSample[], counters: SoakCounters, allSoFar: readonly SoakSample[]) => void;
}

/** Running totals of what the ward did. */
export interface SoakCounters {
  alarmsSeen: number;
  acksConfirmed: number;
  /** Acknowledgments that were refused for good (not "try again"), by code. */
  acksRefused: Record<string, number>;
  /** Waveform batches received, all stations. */
  batches: number;
  /** Longest time without a waveform batch at any station after warm-up (once it streamed at all), ms. */
  longestStreamGapMs: number;
  /** Stations whose stream delivered at least one batch. */
  stationsStreaming: number;
  /** Times a station's link left "connected" after warm-up. */
  linkDrops: number;
}

/** What a whole run gives. */
export interface SoakResult {
  readonly samples: readonly SoakSample[];
  readonly counters: SoakCounters;
  readonly acksLost: number;
  readonly acksDoubled: number;
  readonly journalIntact: boolean;
  readonly journalEvents: number;
  /** Set when the gateway exited before the run ended (then the rest is what was seen until then). */
  readonly gatewayExit: string | null;
}

const GATEWAY_SCRIPT = 'dist/gateway/gateway-cli.mjs';
const PROBE = resolve('test/soak/process-probe.mjs');
const DRIVE_EVERY_MS = 15_000;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function folderMegabytes(folder: string): number {
  const du = spawnSync('du', ['-sk', folder], { encoding: 'utf8' });
  const kilobytes = Number(du.stdout.split('\t')[0]);
  return du.status === 0 && Number.isFinite(kilobytes) ? Math.round((kilobytes / 1024) * 10) / 10 : Number.NaN;
}

const bedId = (number: number): string => `bed-${String(number).padStart(2, '0')}`;

/** Runs the soak; resolves when it is over and the journal is judged. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  if (!existsSync(GATEWAY_SCRIPT)) throw new Error(`${GATEWAY_SCRIPT} is missing: run npm run build first`);
  const root = mkdtempSync(join(tmpdir(), 'wardwatch-soak-'));
  const dataDir = join(root, 'gateway');
  const probeFile = join(root, 'probe.jsonl');
  const calm = calmWardScenarioFile();
  writeFileSync(probeFile, '');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  const child = spawn(
    process.execPath,
    [
      // The probe's once-a-minute forced collection: the heap's live set, which is what a leak grows.
      '--expose-gc',
      '--import',
      PROBE,
      GATEWAY_SCRIPT,
      ...['--port', String(port), '--beds', String(options.beds), '--scenario-file', calm, '--data-dir', dataDir],
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SOAK_PROBE_FILE: probeFile, SOAK_PROBE_INTERVAL_MS: String(options.sampleEveryMs) },
    },
  );
  let output = '';
  // Set by the exit handler, so a holder object rather than a variable TypeScript would narrow to its first value.
  const gateway: { exit: string | null } = { exit: null };
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      gateway.exit = `exit ${code ?? signal}`;
      done();
    }),
  );
  const listening = Date.now() + 60_000;
  while (!/listening on/.test(output)) {
    if (gateway.exit !== null || Date.now() > listening) throw new Error(`the gateway did not start:\n${output}`);
    await sleep(50);
  }

  const counters: SoakCounters = {
    alarmsSeen: 0,
    acksConfirmed: 0,
    acksRefused: {},
    batches: 0,
    longestStreamGapMs: 0,
    stationsStreaming: 0,
    linkDrops: 0,
  };
  const startedAt = Date.now();
  const warm = (): boolean => Date.now() - startedAt >= options.warmupMs;
  const links: GatewayLink[] = [];
  const linkFor = (role: 'nurse' | 'admin', stationName: string, client: 'station' | 'stream'): GatewayLink => {
    const link = openGatewayLink({
      url,
      stationName,
      client,
      credentials: signInCredentials([url], role, stationName),
      logger: createRecordingLogger(),
    });
    links.push(link);
    return link;
  };

  const confirmedKeys = new Set<string>();
  const seenAlarms = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  // Per station, when its last waveform batch came; null until the first (sign-ins of one account from one
  // address are paced by the gateway's limiter, so the last station may start streaming seconds after the first).
  const lastBatchAt: (number | null)[] = [];
  for (let station = 0; station < options.stations; station += 1) {
    const name = `Soak desk ${station + 1}`;
    // The stream: every bed's waveforms, subscribed again whenever the link (re)connects, as the stream worker does.
    const stream = linkFor('nurse', name, 'stream');
    lastBatchAt[station] = null;
    stream.onChange((state) => {
      if (state.status === 'connected') void stream.call('subscribe', { beds: 'all', waveforms: true });
      else if (warm()) counters.linkDrops += 1;
    });
    stream.on(WARD_EVENTS.waves, () => {
      const now = Date.now();
      if (warm())
        counters.longestStreamGapMs = Math.max(counters.longestStreamGapMs, now - (lastBatchAt[station] ?? now));
      if (lastBatchAt[station] === null) counters.stationsStreaming += 1;
      lastBatchAt[station] = now;
      counters.batches += 1;
    });
    // The nurse: her share of the beds, acknowledged 1–5 s after the alarm shows, retried with the same key.
    const alarms = linkFor('nurse', name, 'station');
    const keyOf = new Map<string, string>();
    const acknowledge = async (alarmId: string): Promise<void> => {
      await sleep(1000 + Math.random() * 4000);
      const key = keyOf.get(alarmId) ?? randomUUID();
      keyOf.set(alarmId, key);
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const reply = await alarms.call('acknowledgeAlarm', { alarmId, idempotencyKey: key });
        if (reply.ok) {
          confirmedKeys.add(key);
          counters.acksConfirmed += 1;
          return;
        }
        if (reply.error.code !== 'UNAVAILABLE' && reply.error.code !== 'UNREACHABLE') {
          counters.acksRefused[reply.error.code] = (counters.acksRefused[reply.error.code] ?? 0) + 1;
          return;
        }
        await sleep(200);
      }
    };
    alarms.on(WARD_EVENTS.alarms, (payload) => {
      for (const alarm of (payload as AlarmSnapshot).alarms ?? []) {
        if (!seenAlarms.has(alarm.alarmId)) {
          seenAlarms.add(alarm.alarmId);
          counters.alarmsSeen += 1;
        }
        const bedNumber = Number(alarm.bedId.slice(4));
        if (alarm.acknowledged !== null || keyOf.has(alarm.alarmId) || bedNumber % options.stations !== station)
          continue;
        keyOf.set(alarm.alarmId, randomUUID());
        const work = acknowledge(alarm.alarmId).finally(() => inFlight.delete(work));
        inFlight.add(work);
      }
    });
  }

  // The charge nurse's scenario control keeps the ward eventful.
  const driver = linkFor('admin', 'Soak control', 'station');
  let driving = true;
  const drive = (async () => {
    const perTurn = Math.max(1, Math.round(options.beds / 16));
    let turn = 0;
    while (driving && gateway.exit === null) {
      const previous = Array.from({ length: perTurn }, (_, index) => ((turn - 1) * perTurn + index) % options.beds);
      const next = Array.from({ length: perTurn }, (_, index) => (turn * perTurn + index) % options.beds);
      for (const index of previous)
        if (turn > 0) await driver.call('setScenario', { bedId: bedId(index + 1), scenario: 'normal' });
      for (const [position, index] of next.entries()) {
        const scenario = position === 0 && turn % 2 === 1 ? 'desaturation' : 'vt';
        await driver.call('setScenario', { bedId: bedId(index + 1), scenario });
      }
      turn += 1;
      const until = Date.now() + DRIVE_EVERY_MS;
      while (driving && Date.now() < until) await sleep(250);
    }
  })();

  // Reads the probe's lines as they come, with the folder's size at the time of reading.
  const samples: SoakSample[] = [];
  let probeOffset = 0;
  const readProbe = (): SoakSample[] => {
    const text = readFileSync(probeFile, 'utf8');
    const fresh = text.slice(probeOffset);
    const complete = fresh.lastIndexOf('\n') + 1;
    probeOffset += complete;
    const lines = fresh
      .slice(0, complete)
      .split('\n')
      .filter((line) => line !== '');
    const diskMb = lines.length > 0 ? folderMegabytes(dataDir) : Number.NaN;
    return lines.map((line, index) => {
      const reading = JSON.parse(line) as Omit<SoakSample, 'diskMb'>;
      return { ...reading, diskMb: index === lines.length - 1 ? diskMb : Number.NaN };
    });
  };

  const endAt = startedAt + options.durationMs;
  let reportFrom = 0;
  let nextReport = startedAt + options.reportEveryMs;
  while (Date.now() < endAt && gateway.exit === null) {
    await sleep(Math.min(options.sampleEveryMs, Math.max(0, endAt - Date.now())));
    // A station whose stream has been silent this long right now counts as a gap too, before a batch ends it.
    if (warm()) {
      const now = Date.now();
      for (const at of lastBatchAt)
        counters.longestStreamGapMs = Math.max(counters.longestStreamGapMs, now - (at ?? now));
    }
    samples.push(...readProbe());
    if (Date.now() >= nextReport || Date.now() >= endAt) {
      options.onReport?.(samples.slice(reportFrom), counters, samples);
      reportFrom = samples.length;
      nextReport += options.reportEveryMs;
    }
  }
  const gatewayExit = gateway.exit;
  if (gatewayExit !== null) options.say(`the gateway exited during the soak (${gatewayExit}):\n${output.slice(-3000)}`);

  driving = false;
  await drive;
  const settle = Date.now() + 30_000;
  while (inFlight.size > 0 && Date.now() < settle) await sleep(100);
  for (const link of links) link.close();
  if (gatewayExit === null) {
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!stopped) {
      options.say(`the gateway did not stop within 15 s of SIGTERM; killed:\n${output.slice(-2000)}`);
      child.kill('SIGKILL');
      await exited;
    }
  }

  const database = await openGatewayDatabase(
    { kind: 'folder', path: databaseFolderIn(dataDir) },
    createRecordingLogger(),
  );
  const { lost: acksLost, doubled: acksDoubled } = await acknowledgmentOutcomes(database, confirmedKeys);
  const verdict = await new AlarmJournal(database, folderJournalIntegrity(dataDir)).verify();
  await database.close();
  rmSync(root, { recursive: true, force: true });
  return {
    samples,
    counters,
    acksLost,
    acksDoubled,
    journalIntact: verdict.intact,
    journalEvents: verdict.events,
    gatewayExit,
  };
}
