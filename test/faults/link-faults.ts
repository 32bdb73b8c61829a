/**
 * The station–gateway link cut, delayed by 500 ms and flapped through a TCP proxy, with a nurse's page open in
 * Chromium: the built gateway (its own process), the proxy (this process), the browser host pointed at the proxy
 * (so the control link, the stream worker and sign-in all cross it), and the page. Every 100 ms the page is read:
 * how many traces and bed tiles look live (no stale mark). Judged against what only the network knows — when the
 * proxy last delivered a byte from the gateway: a trace that looks live more than 2 s (the station's stale limit)
 * + 1 s (a frame, and the read's own interval) after the last delivery is a stale trace passing for a live one.
 * After each fault: how long until every trace is live again, and an alarm raised at the gateway during the flapping
 * must be on the page once the link is steady.
 *
 * Runs the built programs (`npm run build` first).
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../support/chromium-launch';
import { WARD_EVENTS } from '../../common/wire/ward-messages';
import { startBrowserHost, startGateway, calmWardScenarioFile } from '../e2e/support/station-processes';
import { adminSocket } from '../support/gateway-access';
import { signInThroughForm } from '../support/page-sign-in';
import { startTcpProxy } from '../support/tcp-proxy';

/** What a run measured. */
export interface LinkFaultFigures {
  /** Page reads in which a trace looked live although nothing had come for longer than the allowance. */
  readonly staleShownLive: number;
  /** The longest a trace looked live after the last delivery, ms. */
  readonly longestLiveAfterSilenceMs: number;
  /** Per phase: how long after the link was back every trace was live again, ms (NaN if never). */
  readonly recoveredMs: Readonly<Record<string, number>>;
  /** Page reads during the 500-ms delay in which some trace was marked stale (a slow link is not a lost one). */
  readonly staleDuringDelay: number;
  readonly reads: number;
  /** From the cut to every trace marked stale, ms (the oracle's own check: staleness is shown at all). */
  readonly cutToAllStaleMs: number;
  /** Whether the alarm raised during the flapping was on the page afterwards. */
  readonly alarmShownAfter: boolean;
}

const BEDS = 4;
const STALE_LIMIT_MS = 2000;
const ALLOWANCE_MS = STALE_LIMIT_MS + 1000;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function liveCounts(page: Page): Promise<{ traces: number; liveTraces: number; liveTiles: number }> {
  return page.evaluate(() => {
    const traces = Array.from(document.querySelectorAll('.trace'));
    const tiles = Array.from(document.querySelectorAll('[data-testid^="bed-bed-"]'));
    return {
      traces: traces.length,
      liveTraces: traces.filter((trace) => !trace.classList.contains('trace--stale')).length,
      liveTiles: tiles.filter((tile) => tile.querySelector('[data-testid="stale-reason"]') === null).length,
    };
  });
}

/** Runs the cut, delay and flap phases once each; `say` gets a line per phase. */
export async function runLinkFaults(say: (line: string) => void = () => undefined): Promise<LinkFaultFigures> {
  const gateway = await startGateway([
    '--port',
    '0',
    '--beds',
    String(BEDS),
    '--scenario-file',
    calmWardScenarioFile(),
  ]);
  const proxy = await startTcpProxy(Number(new URL(gateway.url).port));
  const host = await startBrowserHost(['--gateway', `http://127.0.0.1:${proxy.port}`, '--station-name', 'Faults desk']);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const recoveredMs: Record<string, number> = {};
  let staleShownLive = 0;
  let longestLiveAfterSilenceMs = 0;
  let staleDuringDelay = 0;
  let reads = 0;
  let phase = 'start';
  // Set once the link is steady again; a field, since a run that throws before then returns nothing anyway.
  const after = { alarmShownAfter: false };
  let cutAt = Number.NaN;
  let cutToAllStaleMs = Number.NaN;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.url);
    await signInThroughForm(page, 'nurse');

    let reading = true;
    const allLive = async (timeoutMs: number): Promise<number> => {
      const started = performance.now();
      while (performance.now() - started < timeoutMs) {
        const counts = await liveCounts(page);
        if (counts.traces > 0 && counts.liveTraces === counts.traces && counts.liveTiles === BEDS)
          return performance.now() - started;
        await sleep(100);
      }
      return Number.NaN;
    };
    if (Number.isNaN(await allLive(30_000))) throw new Error('the ward never came up live on the page');
    // The reader: every 100 ms, what looks live against when the network last delivered anything.
    const reader = (async () => {
      while (reading) {
        const counts = await liveCounts(page);
        const silence = performance.now() - proxy.lastDeliveredToStationMs();
        reads += 1;
        if (counts.liveTraces > 0 && silence > STALE_LIMIT_MS)
          longestLiveAfterSilenceMs = Math.max(longestLiveAfterSilenceMs, Math.round(silence));
        if (counts.liveTraces > 0 && silence > ALLOWANCE_MS) staleShownLive += 1;
        if (phase === 'delay' && counts.liveTraces < counts.traces) staleDuringDelay += 1;
        if (phase === 'cut' && counts.liveTraces === 0 && Number.isNaN(cutToAllStaleMs))
          cutToAllStaleMs = Math.round(performance.now() - cutAt);
        await sleep(100);
      }
    })();

    phase = 'cut';
    cutAt = performance.now();
    proxy.cut();
    await sleep(6000);
    proxy.restore();
    recoveredMs.cut = await allLive(20_000);
    say(
      `link cut for 6 s: every trace stale ${cutToAllStaleMs} ms after the cut, all live again ${Math.round(recoveredMs.cut)} ms after it was restored`,
    );

    // A slow link (500 ms each way) is late data, not lost data: the traces stay live, 0.5–1 s behind.
    proxy.delay(500);
    await sleep(1500);
    phase = 'delay';
    await sleep(10_000);
    phase = 'after delay';
    proxy.delay(0);
    recoveredMs.delay = await allLive(20_000);
    say(`link delayed by 500 ms for 10 s: ${staleDuringDelay} reads with a stale trace meanwhile`);

    // Flapping: 1.5 s down, 1.5 s up, eight times; meanwhile the charge nurse (straight at the gateway) starts a VT.
    phase = 'flap';
    const control = await adminSocket(gateway.url);
    for (let flap = 0; flap < 8; flap += 1) {
      proxy.cut();
      if (flap === 3) await control.emitWithAck(WARD_EVENTS.setScenario, { bedId: 'bed-02', scenario: 'vt' });
      await sleep(1500);
      proxy.restore();
      await sleep(1500);
    }
    control.close();
    phase = 'after flap';
    recoveredMs.flap = await allLive(20_000);
    after.alarmShownAfter = await page
      .getByTestId('alarm-item')
      .filter({ hasText: 'VTACH' })
      .first()
      .waitFor({ timeout: 20_000 })
      .then(
        () => true,
        () => false,
      );
    say(
      `link flapped 8 times: all traces live ${Math.round(recoveredMs.flap)} ms after, VT alarm shown: ${after.alarmShownAfter}`,
    );
    await page.screenshot({ path: 'test-results/link-faults-after-flap.png' });
    reading = false;
    await reader;
  } finally {
    await browser.close();
    await host.stop();
    await proxy.close();
    await gateway.stop();
  }
  return {
    staleShownLive,
    longestLiveAfterSilenceMs,
    recoveredMs,
    staleDuringDelay,
    reads,
    cutToAllStaleMs,
    alarmShownAfter: after.alarmShownAfter,
  };
}
