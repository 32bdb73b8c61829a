/**
 * What both trace kinds share: a bare uPlot chart (no axes, legend, cursor or selection: a monitor trace, not an
 * analysis plot), resizing with its sweep window, and the words for a stale channel.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { FRAME_FLAGS } from '../../common/wire/waveform-frame';
import type { ChannelRing } from '../stream/channel-ring';
import { TRACE_STALE_AFTER_MS, type TraceStyle } from './trace-style';

/** uPlot options for a bare trace chart of this size; `extra` adds scales, series and hooks. */
export function bareChartOptions(
  width: number,
  height: number,
  extra: Pick<uPlot.Options, 'scales' | 'series' | 'hooks' | 'padding'>,
): uPlot.Options {
  return {
    width,
    height,
    pxAlign: 0,
    axes: [{ show: false }, { show: false }],
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    ...extra,
  };
}

/** Why a channel is stale now, or null when live. */
export function channelStaleReason(ring: ChannelRing, nowMs: number, style: TraceStyle): string | null {
  const arrival = ring.lastArrivalMs();
  if (Number.isNaN(arrival)) return 'WAITING FOR DATA';
  if (nowMs - arrival > TRACE_STALE_AFTER_MS) return 'NO DATA';
  if (ring.lastFlags() & FRAME_FLAGS.signalInvalid) return style.invalidReason;
  return null;
}

/** A uPlot-backed trace: owns the chart, its sweep window, resizing and teardown. */
export abstract class UplotChart {
  visible = true;
  readonly element: HTMLElement;
  protected readonly plot: uPlot;
  protected windowSeconds: number;

  protected constructor(
    container: HTMLElement,
    private readonly windowFor: (widthCssPx: number) => number,
    options: (width: number, height: number) => uPlot.Options,
    data: uPlot.AlignedData,
  ) {
    this.element = container;
    const width = Math.max(10, container.clientWidth);
    this.windowSeconds = windowFor(width);
    this.plot = new uPlot(options(width, Math.max(10, container.clientHeight)), data, container);
  }

  resize(width: number, height: number): void {
    if (width < 10 || height < 10) return;
    this.windowSeconds = this.windowFor(width);
    // setSize clears the canvas and fires the draw hook (the sweep repaints there).
    this.plot.setSize({ width, height });
  }

  destroy(): void {
    this.plot.destroy();
  }
}
