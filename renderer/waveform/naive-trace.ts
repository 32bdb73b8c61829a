/**
 * The benchmark's baseline, the usual first try: every animation frame, rebuild the visible sweep as arrays and
 * hand them to uPlot, which redraws the whole chart. It shows the same picture as the sweep (and the same
 * staleness), at the cost measured by `npm run bench:render`. Not used by the station itself.
 */
import type { ChannelRing } from '../stream/channel-ring';
import type { StaleListener, Trace } from './trace';
import { JITTER_DELAY_MS, type TraceStyle } from './trace-style';
import { bareChartOptions, channelStaleReason, UplotChart } from './uplot-chart';

/** How to create a naive trace (same as the sweep's). */
export interface NaiveTraceOptions {
  readonly container: HTMLElement;
  readonly ring: () => ChannelRing | undefined;
  readonly style: TraceStyle;
  readonly windowSeconds: (widthCssPx: number) => number;
  readonly lineWidth: number;
  readonly onStale: StaleListener;
}

/** Full redraw every frame. */
export class NaiveTrace extends UplotChart implements Trace {
  private stale: string | null = null;

  constructor(private readonly options: NaiveTraceOptions) {
    super(
      options.container,
      options.windowSeconds,
      (width, height) =>
        bareChartOptions(width, height, {
          padding: [2, 0, 2, 0],
          scales: { x: { time: false, auto: false, range: [0, 1] }, y: { auto: true } },
          series: [
            {},
            { stroke: options.style.color, width: options.lineWidth, points: { show: false }, spanGaps: false },
          ],
        }),
      [[], []],
    );
  }

  advance(nowMs: number): number {
    const ring = this.options.ring();
    if (ring === undefined) return Number.NaN;
    ring.acquire();
    const stale = channelStaleReason(ring, nowMs, this.options.style);
    if (stale !== this.stale) {
      this.stale = stale;
      this.options.onStale(stale);
    }
    const head = ring.drawableIndex(nowMs, JITTER_DELAY_MS);
    if (!Number.isFinite(head) || stale !== null) return Number.NaN;
    const count = Math.round(ring.sampleRate() * this.windowSeconds);
    const headSlot = ((head % count) + count) % count;
    const gap = Math.round(count * 0.025);
    const xs: number[] = [];
    const ys: (number | null)[] = [];
    for (let slot = 0; slot < count; slot += 1) {
      const index = slot <= headSlot ? head - (headSlot - slot) : head - headSlot + slot - count;
      const inGap = slot > headSlot && slot <= headSlot + gap;
      const value = inGap ? Number.NaN : ring.sample(index);
      xs.push(slot / count);
      ys.push(Number.isNaN(value) ? null : value);
    }
    this.plot.setData([xs, ys]);
    return nowMs - ring.sentAtOf(head);
  }
}
