/**
 * `npm run bench:alarms`: alarm latency with 64 beds streaming. A ward gateway (its own process) streams 64
 * simulated beds to a station (browser host + Chromium, a nurse signed in, the whole ward on screen). One bed at a
 * time goes into VF; for each alarm: from its onset at the gateway (the moment the engine raised it — after any
 * condition delay, which is 0 for VF) to the alarm drawn in the station's alarm bar, and to its first tone scheduled
 * in WebAudio. Same host, same clock. The VF is found by the gateway's analysis of the bed's ECG (issue 12): the
 * simulator draws fibrillation from the moment of the switch, so the definition of VF (a fibrillatory waveform for
 * 4 s) is met 4 s after it — "definition met → drawn" is the latency a nurse sees beyond the definition itself
 * (negative when the analysis calls VF before a full 4 s). Also shown: the scenario change to the gateway's onset,
 * and how long another station's acknowledgment (a nurse at a second, headless station) takes to show here.
 * Last line: BENCH {"beds":64,"alarms":N,"draw_p50_ms":…,"draw_p99_ms":…,"tone_p50_ms":…,"tone_p99_ms":…,
 * "detect_to_drawn_p50_ms":…,"detect_to_drawn_p99_ms":…}
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../support/chromium-launch';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { alarmSnapshotSchema, type Alarm } from '../../common/alarms/alarm-model';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { startBrowserHost, startGateway } from '../e2e/support/station-processes';
import { adminSocket, signInDemo, socketWithToken, welcomed } from '../support/gateway-access';
import { signInThroughForm } from '../support/page-sign-in';
import { alarmTimes } from '../support/page-alarm-times';
import { calmWardScenarioFile } from '../support/calm-ward';

const { values } = parseArgs({
  options: { alarms: { type: 'string', default: '40' }, beds: { type: 'string', default: '64' } },
});
const ALARMS = Number(values.alarms);
const BEDS = Number(values.beds);
/** The VF definition of the 2015 challenge: a fibrillatory waveform for 4 s. */
const VF_DEFINITION_MS = 4000;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  // A calm ward (an empty scenario file: no demo events), so that each VF is the only alarm that sounds.
  const folder = mkdtempSync(join(tmpdir(), 'wardwatch-alarm-bench-'));
  const calm = calmWardScenarioFile();
  const gateway = await startGateway([
    '--port',
    '0',
    '--beds',
    String(BEDS),
    '--scenario-file',
    calm,
    '--data-dir',
    join(folder, 'gw'),
  ]);
  const host = await startBrowserHost(['--gateway', gateway.url, '--station-name', 'Bench desk']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const control = await adminSocket(gateway.url);
  let otherStation: Awaited<ReturnType<typeof welcomed>> | null = null;
  try {
    // Alarms resolve as soon as the rhythm returns, so that each new one is the one that drives the sound.
    const policy = (await control.emitWithAck(WARD_EVENTS.setAlarmPolicy, {
      latching: { HIGH: false, MEDIUM: false, LOW: false },
      escalationSeconds: 0,
    })) as { ok: boolean };
    if (!policy.ok) throw new Error(`could not set the bench policy: ${JSON.stringify(policy)}`);
    let latest: Alarm[] = [];
    control.on(WARD_EVENTS.alarms, (payload: unknown) => {
      const parsed = alarmSnapshotSchema.safeParse(payload);
      if (parsed.success) latest = parsed.data.alarms;
    });
    otherStation = await welcomed(
      socketWithToken(
        gateway.url,
        (await signInDemo(gateway.url, 'nurse', 'Second desk')).accessToken,
        'station',
        'Second desk',
      ),
    );
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.url);
    await signInThroughForm(page, 'nurse');
    await page.waitForFunction((count) => document.querySelectorAll('.bed-tile').length === count, BEDS, {
      timeout: 30_000,
    });
    await page.waitForTimeout(3000);

    const rows: {
      bedId: string;
      detect: number;
      draw: number;
      tone: number;
      ack: number;
      definitionToDrawn: number;
    }[] = [];
    for (let i = 0; i < ALARMS; i += 1) {
      const bedId = `bed-${String((i % BEDS) + 1).padStart(2, '0')}`;
      const switchedAt = Date.now();
      await control.emitWithAck(WARD_EVENTS.setScenario, { bedId, scenario: 'vf' });
      let alarm: Alarm | undefined;
      for (let waited = 0; alarm === undefined && waited < 10_000; waited += 20) {
        alarm = latest.find((candidate) => candidate.bedId === bedId && candidate.condition === 'VF');
        if (alarm === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (alarm === undefined) throw new Error(`no VF alarm for ${bedId} within 10 s`);
      const id = alarm.alarmId;
      let times = await alarmTimes(page);
      for (
        let waited = 0;
        (times.drawn[id] === undefined || times.sounded[id] === undefined) && waited < 5000;
        waited += 20
      ) {
        await page.waitForTimeout(20);
        times = await alarmTimes(page);
      }
      // The second station acknowledges; this station must show it (the issue asks for within 1 s).
      const ackSent = Date.now();
      await (otherStation as NonNullable<typeof otherStation>).emitWithAck(WARD_EVENTS.acknowledgeAlarm, {
        alarmId: id,
        idempotencyKey: `bench-${id}`,
      });
      await page.locator(`[data-alarm-id="${id}"][data-state="acknowledged"]`).waitFor({ timeout: 5000 });
      const ack = Date.now() - ackSent;
      const drawnAt = times.drawn[id] ?? Number.NaN;
      rows.push({
        bedId,
        detect: alarm.onsetMs - switchedAt,
        draw: drawnAt - alarm.onsetMs,
        tone: (times.sounded[id] ?? Number.NaN) - alarm.onsetMs,
        ack,
        definitionToDrawn: drawnAt - (switchedAt + VF_DEFINITION_MS),
      });
      await control.emitWithAck(WARD_EVENTS.setScenario, { bedId, scenario: 'normal' });
      for (
        let waited = 0;
        latest.some((candidate) => candidate.bedId === bedId && candidate.condition === 'VF') && waited < 10_000;
        waited += 50
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
      await page.waitForTimeout(300);
    }

    const sorted = (key: 'detect' | 'draw' | 'tone' | 'ack' | 'definitionToDrawn'): number[] =>
      rows
        .map((row) => row[key])
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
    const round = (value: number): number => Math.round(value * 10) / 10;
    console.log(`\nAlarm latency, ${BEDS} beds streaming, ${rows.length} VF alarms (gateway onset → station), ms:\n`);
    console.log(`${'measure'.padEnd(34)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}`);
    for (const [label, key] of [
      ['scenario → gateway onset (analysis)', 'detect'],
      ['VF definition met (4 s) → drawn', 'definitionToDrawn'],
      ['onset → drawn in the alarm bar', 'draw'],
      ['onset → first tone scheduled', 'tone'],
      ['other station’s ack → shown here', 'ack'],
    ] as const) {
      const values = sorted(key);
      console.log(
        `${label.padEnd(34)}${String(round(percentile(values, 50))).padStart(10)}${String(round(percentile(values, 99))).padStart(10)}${String(round(values.at(-1) ?? Number.NaN)).padStart(10)}`,
      );
    }
    const missing = rows.filter((row) => !Number.isFinite(row.draw) || !Number.isFinite(row.tone)).length;
    if (missing > 0) console.log(`\n${missing} alarm(s) were not drawn or sounded within 5 s`);
    const draw = sorted('draw');
    const tone = sorted('tone');
    console.log(
      `\nTarget: p99 under 500 ms. Drawn p99 ${round(percentile(draw, 99))} ms, tone p99 ${round(percentile(tone, 99))} ms.`,
    );
    const definition = sorted('definitionToDrawn');
    console.log(`Target (issue 12): definition met → drawn p99 ≤ 300 ms: ${round(percentile(definition, 99))} ms.`);
    console.log(
      `BENCH ${JSON.stringify({ beds: BEDS, alarms: rows.length, draw_p50_ms: round(percentile(draw, 50)), draw_p99_ms: round(percentile(draw, 99)), tone_p50_ms: round(percentile(tone, 50)), tone_p99_ms: round(percentile(tone, 99)), detect_to_drawn_p50_ms: round(percentile(definition, 50)), detect_to_drawn_p99_ms: round(percentile(definition, 99)) })}`,
    );
  } finally {
    control.close();
    otherStation?.close();
    await browser.close().catch(() => undefined);
    await host.stop();
    await gateway.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:alarms failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
