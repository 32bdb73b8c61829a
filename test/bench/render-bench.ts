/**
 * `npm run bench:render [-- --seconds 60 --beds 16,32,64,128]`: the real ward view in headless Debian Chromium
 * (software rendering, no GPU), fed by the real gateway over socket.io through the browser host, at each bed
 * count, for the station's incremental sweep and, in the same run, the naive baseline (a full uPlot redraw of
 * every chart every frame). For each it prints fps, frame interval p50/p99, main-thread busy share (Chromium's
 * own TaskDuration), sample-to-pixel latency p50/p99 (gateway send → drawn, jitter delay included), and JS heap
 * at the start and end of the run (after a forced GC), then the ratios to the baseline.
 * Last line: BENCH {"jitter_delay_ms":…,"rows":[{"variant":…,"beds":…,"fps":…,…},…]}.
 */
import { chromium, type CDPSession } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../support/chromium-launch';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { JITTER_DELAY_MS } from '../../renderer/waveform/trace-style';
import { pageAddress, startBrowserHost, startGateway } from '../e2e/support/station-processes';
import { signInThroughForm } from '../support/page-sign-in';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    beds: { type: 'string', default: '16,32,64,128' },
    warmup: { type: 'string', default: '5' },
  },
});
const RUN_SECONDS = Number(values.seconds);
const WARMUP_SECONDS = Number(values.warmup);
const BED_COUNTS = values.beds.split(',').map(Number);
const VARIANTS = ['wardwatch', 'baseline'] as const;
type Variant = (typeof VARIANTS)[number];

interface Row {
  variant: Variant;
  beds: number;
  fps: number;
  p50_frame_ms: number;
  p99_frame_ms: number;
  busy: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  heap_start_mb: number;
  heap_end_mb: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);
}

async function metric(session: CDPSession, name: string): Promise<number> {
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
}

async function measure(
  variant: Variant,
  beds: number,
  hostUrl: string,
  browser: Awaited<ReturnType<typeof chromium.launch>>,
): Promise<Row> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  await session.send('HeapProfiler.enable');
  await page.goto(pageAddress(hostUrl, variant === 'baseline' ? '?renderer=naive' : ''));
  // The station watches a ward gateway it is not enrolled at: a nurse signs in, as at a shared station.
  await signInThroughForm(page, 'nurse');
  await page.locator('.bed-tile').first().waitFor();
  await page.waitForFunction((count) => document.querySelectorAll('.bed-tile').length === count, beds);
  await page.waitForTimeout(WARMUP_SECONDS * 1000);
  await session.send('HeapProfiler.collectGarbage');
  const heapStart = await metric(session, 'JSHeapUsedSize');
  const taskStart = await metric(session, 'TaskDuration');
  await page.evaluate(() =>
    (window as unknown as { wardwatchResetRenderStats: () => void }).wardwatchResetRenderStats(),
  );
  const started = Date.now();
  await page.waitForTimeout(RUN_SECONDS * 1000);
  const elapsed = (Date.now() - started) / 1000;
  const taskEnd = await metric(session, 'TaskDuration');
  const stats = await page.evaluate(() => {
    const raw = (
      window as unknown as {
        wardwatchRenderStats: () => { frames: number; frameIntervalsMs: Float64Array; latenciesMs: Float64Array };
      }
    ).wardwatchRenderStats();
    return { frames: raw.frames, intervals: Array.from(raw.frameIntervalsMs), latencies: Array.from(raw.latenciesMs) };
  });
  await session.send('HeapProfiler.collectGarbage');
  const heapEnd = await metric(session, 'JSHeapUsedSize');
  await page.close();
  const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;
  const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    variant,
    beds,
    fps: round(stats.frames / elapsed),
    p50_frame_ms: round(percentile(stats.intervals, 0.5)),
    p99_frame_ms: round(percentile(stats.intervals, 0.99)),
    busy: round((taskEnd - taskStart) / elapsed, 3),
    latency_p50_ms: round(percentile(stats.latencies, 0.5)),
    latency_p99_ms: round(percentile(stats.latencies, 0.99)),
    heap_start_mb: mb(heapStart),
    heap_end_mb: mb(heapEnd),
  };
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const rows: Row[] = [];
  console.log(
    `Ward view in headless Chromium (software rendering), 1920×1080, ${RUN_SECONDS} s per row after ${WARMUP_SECONDS} s warm-up.`,
  );
  console.log(
    `wardwatch = incremental sweep; baseline = full uPlot redraw of every chart every frame. Jitter delay ${JITTER_DELAY_MS} ms (included in latency).\n`,
  );
  const header = [
    'variant',
    'beds',
    'fps',
    'frame p50',
    'frame p99',
    'busy',
    'lat p50',
    'lat p99',
    'heap start',
    'heap end',
  ];
  console.log(header.map((cell, index) => (index === 0 ? cell.padEnd(11) : cell.padStart(11))).join(''));
  try {
    for (const beds of BED_COUNTS) {
      const gateway = await startGateway(['--port', '0', '--beds', String(beds)]);
      const host = await startBrowserHost(['--gateway', gateway.url]);
      try {
        for (const variant of VARIANTS) {
          const row = await measure(variant, beds, host.url, browser);
          rows.push(row);
          const cells = [
            row.variant,
            row.beds,
            row.fps.toFixed(1),
            `${row.p50_frame_ms} ms`,
            `${row.p99_frame_ms} ms`,
            `${(row.busy * 100).toFixed(0)} %`,
            `${row.latency_p50_ms} ms`,
            `${row.latency_p99_ms} ms`,
            `${row.heap_start_mb} MB`,
            `${row.heap_end_mb} MB`,
          ];
          console.log(
            cells.map((cell, index) => (index === 0 ? String(cell).padEnd(11) : String(cell).padStart(11))).join(''),
          );
        }
      } finally {
        await host.stop();
        await gateway.stop();
      }
    }
  } finally {
    await browser.close();
  }
  console.log('\nRatios, wardwatch ÷ baseline (fps: higher is better; busy: lower is better):');
  for (const beds of BED_COUNTS) {
    const ours = rows.find((row) => row.beds === beds && row.variant === 'wardwatch');
    const theirs = rows.find((row) => row.beds === beds && row.variant === 'baseline');
    if (ours && theirs)
      console.log(
        `  ${String(beds).padStart(3)} beds: fps ×${(ours.fps / theirs.fps).toFixed(2)}, busy ×${(ours.busy / theirs.busy).toFixed(2)}`,
      );
  }
  console.log(`BENCH ${JSON.stringify({ jitter_delay_ms: JITTER_DELAY_MS, rows })}`);
}

main().catch((error: unknown) => {
  console.error(`bench:render failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
