/**
 * A ward under one fault of its storage, as test/faults' disk and database cases inflict it: the built gateway
 * (its own process, 4 simulated beds) with a station's links open — the nurse's alarms, the waveform stream — and
 * the charge nurse's. The fault is inflicted; the charge nurse starts a VT and the nurse acknowledges it, retrying
 * with the same key as her station would; after a while the fault is healed. Judged: the technical alarm the fault
 * must raise shows at the station, the VT is raised and shown anyway, the stream goes on, the gateway lives; once
 * healed the technical alarms end, the acknowledgment is confirmed and journaled exactly once, the journal verifies.
 *
 * Runs `dist/gateway/gateway-cli.mjs` (`npm run build` first).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AlarmConditionKey, AlarmSnapshot } from '../../common/alarms/alarm-model';
import { openGatewayLink } from '../../common/wire/gateway-link';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { AlarmJournal } from '../../gateway/alarms/alarm-journal';
import { folderJournalIntegrity } from '../../gateway/alarms/journal-integrity';
import { openGatewayDatabase, type DatabaseLocation } from '../../gateway/storage/gateway-database';
import { freePort } from '../support/free-port';
import { signInCredentials } from '../support/link-credentials';
import { createRecordingLogger } from '../support/recording-logger';
import { calmWardScenarioFile } from '../support/calm-ward';

/** What a run measured. */
export interface WardFaultFigures {
  readonly technicalAlarmsShown: readonly string[];
  /** Whether the technical alarm the fault must raise was shown. */
  readonly expectedAlarmShown: boolean;
  readonly vtShownDuringFault: boolean;
  /** Longest gap in the station's waveform stream during the fault, ms. */
  readonly longestStreamGapMs: number;
  readonly technicalAlarmsEnded: boolean;
  /** The storage technical alarms still standing when the wait for their end gave up (empty when they ended). */
  readonly technicalAlarmsLeft: readonly string[];
  readonly ackConfirmed: boolean;
  readonly ackEvents: number;
  readonly journalIntact: boolean;
  readonly gatewayAlive: boolean;
}

/** The fault and where the gateway keeps its data. */
export interface WardFault {
  readonly name: string;
  /** The gateway's data folder (journal key, disclosure; the database too unless `databaseUrl`). */
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** Where the journal is read afterwards. */
  readonly database: DatabaseLocation;
  /** The technical alarm the fault must raise. */
  readonly expectedAlarm: AlarmConditionKey;
  /** How long the fault lasts after the VT is shown. */
  readonly lastsMs: number;
  inflict(): Promise<string>;
  heal(): Promise<void>;
}

const GATEWAY_SCRIPT = 'dist/gateway/gateway-cli.mjs';
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Runs the ward through `fault`; `say` gets a line per step. */
export async function runWardUnderFault(fault: WardFault, say: (line: string) => void): Promise<WardFaultFigures> {
  if (!existsSync(GATEWAY_SCRIPT)) throw new Error(`${GATEWAY_SCRIPT} is missing: run npm run build first`);
  const calm = calmWardScenarioFile();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      GATEWAY_SCRIPT,
      ...['--port', String(port), '--beds', '4', '--scenario-file', calm, '--data-dir', fault.dataDir],
      ...(fault.databaseUrl === undefined ? [] : ['--database', fault.databaseUrl]),
    ],
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
  const links: ReturnType<typeof openGatewayLink>[] = [];
  const until = async (what: string, probe: () => boolean, ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (!probe()) {
      if (Date.now() > deadline) {
        say(`${fault.name}: gave up waiting for ${what}`);
        return false;
      }
      await sleep(100);
    }
    return true;
  };
  try {
    const ready = Date.now() + 60_000;
    while (!/listening on/.test(output)) {
      if (state.exited || Date.now() > ready) throw new Error(`the gateway did not start:\n${output}`);
      await sleep(50);
    }
    const link = (role: 'nurse' | 'admin', client: 'station' | 'stream') => {
      const name = `Fault desk ${links.length}`;
      const opened = openGatewayLink({
        url,
        stationName: name,
        client,
        credentials: signInCredentials([url], role, name),
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
    let faulty = false;
    stream.onChange((linkState) => {
      if (linkState.status === 'connected') void stream.call('subscribe', { beds: 'all', waveforms: true });
    });
    stream.on(WARD_EVENTS.waves, () => {
      const now = performance.now();
      if (faulty && Number.isFinite(lastBatch)) longestGap = Math.max(longestGap, now - lastBatch);
      lastBatch = now;
    });
    const control = link('admin', 'station');
    await until(
      'the links',
      () => links.every((each) => each.state().status === 'connected') && Number.isFinite(lastBatch),
      30_000,
    );
    await sleep(3000);

    say(`${fault.name}: ${await fault.inflict()}`);
    faulty = true;
    await control.call('setScenario', { bedId: 'bed-02', scenario: 'vt' });
    const technical = new Set<string>();
    const noteTechnical = (): void => {
      for (const alarm of latest) if (alarm.category === 'technical') technical.add(alarm.condition);
    };
    const vtShownDuringFault = await until(
      'the VT alarm',
      () => {
        noteTechnical();
        return latest.some((alarm) => alarm.condition === 'VT');
      },
      30_000,
    );
    // The nurse acknowledges during the fault, as her station would: the same key until it is confirmed.
    const vt = latest.find((alarm) => alarm.condition === 'VT');
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
    const faultEnds = Date.now() + fault.lastsMs;
    while (Date.now() < faultEnds) {
      noteTechnical();
      await sleep(100);
    }
    const expectedAlarmShown = technical.has(fault.expectedAlarm);
    faulty = false;
    await fault.heal();
    say(`${fault.name}: healed; technical alarms seen meanwhile: ${[...technical].join(', ') || 'none'}`);
    const ackConfirmed = await acknowledging;
    const technicalAlarmsEnded = await until(
      'the technical alarms to end',
      () =>
        !latest.some((alarm) => alarm.condition === 'DISCLOSURE_FAILURE' || alarm.condition === 'ALARM_LOG_FAILURE'),
      // The stores retry with pauses; on a loaded machine (a CI run's parallel tests) the end took over a minute.
      120_000,
    );
    const technicalAlarmsLeft = latest
      .filter((alarm) => alarm.condition === 'DISCLOSURE_FAILURE' || alarm.condition === 'ALARM_LOG_FAILURE')
      .map((alarm) => alarm.condition);
    const gatewayAlive = !state.exited;
    for (const each of links) each.close();
    links.length = 0;
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (!state.exited) child.kill('SIGKILL');
    await exited;

    const database = await openGatewayDatabase(fault.database, createRecordingLogger());
    const { rows } = await database.query<{ events: number }>(
      "SELECT count(*) AS events FROM alarm_events WHERE kind = 'acknowledged' AND idempotency_key = $1",
      [key],
    );
    const verdict = await new AlarmJournal(database, folderJournalIntegrity(fault.dataDir)).verify();
    await database.close();
    return {
      technicalAlarmsShown: [...technical],
      expectedAlarmShown,
      vtShownDuringFault,
      longestStreamGapMs: Math.round(longestGap),
      technicalAlarmsEnded,
      technicalAlarmsLeft,
      ackConfirmed,
      ackEvents: Number(rows[0]?.events ?? 0),
      journalIntact: verdict.intact,
      gatewayAlive,
    };
  } finally {
    for (const each of links) each.close();
    if (!state.exited) child.kill('SIGKILL');
    await exited;
  }
}

/** Whether a run held everything the fault cases require. */
export function wardFaultPassed(figures: WardFaultFigures): boolean {
  return (
    figures.expectedAlarmShown &&
    figures.vtShownDuringFault &&
    figures.longestStreamGapMs <= 2000 &&
    figures.technicalAlarmsEnded &&
    figures.ackConfirmed &&
    figures.ackEvents === 1 &&
    figures.journalIntact &&
    figures.gatewayAlive
  );
}

/** The figures as rows of the faults command's table. */
export function wardFaultRows(figures: WardFaultFigures): string[] {
  return [
    `| technical alarms shown during the fault | ${figures.technicalAlarmsShown.join(', ') || 'NONE'} |`,
    `| VT raised and shown during the fault | ${figures.vtShownDuringFault ? 'yes' : 'NO'} |`,
    `| longest gap in the waveform stream during the fault | ${figures.longestStreamGapMs} ms |`,
    `| healed → technical alarms ended | ${figures.technicalAlarmsEnded ? 'yes' : 'NO'} |`,
    `| acknowledgment made during the fault: confirmed, journal events | ${figures.ackConfirmed ? 'yes' : 'NO'}, ${figures.ackEvents} |`,
    `| journal chain | ${figures.journalIntact ? 'intact' : 'BROKEN'} |`,
    `| gateway alive throughout | ${figures.gatewayAlive ? 'yes' : 'NO'} |`,
  ];
}
