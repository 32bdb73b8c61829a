/**
 * The incremental sweep: one uPlot chart per panel (layout, size, pixel ratio, and the full redraw on resize or
 * scale change), its plot area split into lanes — one per waveform — and a plugin that, once per animation
 * frame, erases a narrow band ahead of each lane's write head and strokes only the samples that became due, the
 * way a bedside monitor draws. One canvas for a bed's three traces, not three: the cost of a frame in Chromium is
 * dominated by how many canvases change. Nothing is allocated per frame; missing samples (NaN) lift the pen, so
 * no line crosses a gap; a stale lane stops, flat and grey, and reports its reason.
 */
import uPlot from 'uplot';
import type { ChannelRing } from '../stream/channel-ring';
import { eraseSpans, forEachSweepRun, sweepX } from './sweep-geometry';
import type { Trace } from './trace';
import { JITTER_DELAY_MS, STALE_COLOR, type TraceStyle } from './trace-style';
import { bareChartOptions, channelStaleReason, UplotChart } from './uplot-chart';

/** One waveform of the chart. */
export interface SweepLane {
  /** The channel's ring, once the stream worker has created it. */
  readonly ring: () => ChannelRing | undefined;
  readonly style: TraceStyle;
}

/** How to create a sweep chart. */
export interface SweepChartOptions {
  readonly container: HTMLElement;
  readonly lanes: readonly SweepLane[];
  /** Seconds across the width, as a function of the width in CSS pixels (paper speed) or a constant. */
  readonly windowSeconds: (widthCssPx: number) => number;
  readonly lineWidth: number;
  /** Called when a lane goes stale (with the reason) or recovers (null). */
  readonly onStale: (lane: number, reason: string | null) => void;
}

/** Width of the erase gap ahead of the head, as a share of the width. */
const ERASE_GAP_SHARE = 0.025;
/** How often each lane's vertical scale is reconsidered. */
const RESCALE_EVERY_MS = 2000;
/** Share of a lane's height left free above and below its wave. */
const LANE_PADDING = 0.06;

/** A lane's drawing state. */
class LaneState {
  lastDrawn = Number.NaN;
  epoch = -1;
  stale: string | null = 'WAITING FOR DATA';
  lastRescaleMs = 0;
  yMin = -1;
  yMax = 1;
  constructor(readonly lane: SweepLane) {}
}

/** An incremental multi-lane sweep. */
export class SweepChart extends UplotChart implements Trace {
  private readonly lanes: LaneState[];
  private readonly spans = new Float64Array(4);
  // Stroke state, kept in fields so that the per-run callback is one bound function, not a closure per frame.
  private strokeRing: ChannelRing | null = null;
  private strokeRate = 0;
  private strokeTop = 0;
  private strokeBottom = 0;
  private strokeScale = 0;
  private strokeMax = 0;
  private readonly strokeRun = (from: number, to: number): void => this.drawRun(from, to);

  constructor(private readonly options: SweepChartOptions) {
    super(
      options.container,
      options.windowSeconds,
      (width, height) =>
        bareChartOptions(width, height, {
          padding: [0, 0, 0, 0],
          scales: { x: { time: false, auto: false, range: [0, 1] }, y: { auto: false, range: [0, 1] } },
          series: [{}, { points: { show: false }, paths: () => null }],
          hooks: { draw: [() => this.repaintAll()] },
        }),
      [
        [0, 1],
        [null, null],
      ],
    );
    this.lanes = options.lanes.map((lane) => new LaneState(lane));
    this.lanes.forEach((state, index) => options.onStale(index, state.stale));
  }

  advance(nowMs: number): number {
    // A canvas that changes costs Chromium a commit whatever was drawn, so the chart is touched only when a lane
    // has a new pixel to show (a narrow ward tile sweeps ~26 px/s: most 60 Hz frames have nothing new) or a lane
    // changes state.
    let due = false;
    for (let index = 0; index < this.lanes.length && !due; index += 1)
      due = this.due(this.lanes[index] as LaneState, nowMs);
    if (!due) return Number.NaN;
    let latency = Number.NaN;
    for (let index = 0; index < this.lanes.length; index += 1) {
      const laneLatency = this.advanceLane(index, this.lanes[index] as LaneState, nowMs);
      if (!(laneLatency <= latency)) latency = laneLatency;
    }
    return latency;
  }

  private advanceLane(index: number, state: LaneState, nowMs: number): number {
    const ring = state.lane.ring();
    if (ring === undefined) return Number.NaN;
    ring.acquire();
    if (ring.epoch() !== state.epoch) {
      // The stream restarted: start this lane's sweep again from what the ring holds.
      state.epoch = ring.epoch();
      state.lastDrawn = Number.NaN;
    }
    const stale = channelStaleReason(ring, nowMs, state.lane.style);
    if (stale !== state.stale) {
      state.stale = stale;
      state.lastDrawn = Number.NaN;
      this.options.onStale(index, stale);
      this.repaintLane(index, state);
    }
    if (stale !== null) return Number.NaN;
    const head = ring.drawableIndex(nowMs, JITTER_DELAY_MS);
    if (!Number.isFinite(head)) return Number.NaN;
    if (nowMs - state.lastRescaleMs > RESCALE_EVERY_MS) {
      state.lastRescaleMs = nowMs;
      if (this.rescale(state, ring, head)) {
        state.lastDrawn = head;
        this.repaintLane(index, state);
        return nowMs - ring.sentAtOf(head);
      }
    }
    const rate = ring.sampleRate();
    if (
      Number.isNaN(state.lastDrawn) ||
      head < state.lastDrawn ||
      head - state.lastDrawn >= rate * this.windowSeconds
    ) {
      state.lastDrawn = head;
      this.repaintLane(index, state);
    } else if (head > state.lastDrawn) {
      this.drawIncrement(index, state, ring, head);
      state.lastDrawn = head;
    } else {
      return Number.NaN;
    }
    return nowMs - ring.sentAtOf(head);
  }

  /** Whether a lane has something new to show: a state change, a resync, or a head one device pixel further. */
  private due(state: LaneState, nowMs: number): boolean {
    const ring = state.lane.ring();
    if (ring === undefined) return false;
    ring.acquire();
    if (ring.epoch() !== state.epoch || channelStaleReason(ring, nowMs, state.lane.style) !== state.stale) return true;
    if (state.stale !== null) return false;
    if (Number.isNaN(state.lastDrawn) || nowMs - state.lastRescaleMs > RESCALE_EVERY_MS) return true;
    const head = ring.drawableIndex(nowMs, JITTER_DELAY_MS);
    const rate = ring.sampleRate();
    const { width } = this.plot.bbox;
    const moved =
      sweepX(head, rate, this.windowSeconds, width) - sweepX(state.lastDrawn, rate, this.windowSeconds, width);
    return moved >= 1 || moved < 0 || head - state.lastDrawn >= rate * this.windowSeconds;
  }

  /** Fits a lane's scale to its last sweep when the wave outgrew it or shrank well inside it. */
  private rescale(state: LaneState, ring: ChannelRing, head: number): boolean {
    const count = Math.floor(ring.sampleRate() * this.windowSeconds);
    let min = Infinity;
    let max = -Infinity;
    for (let index = head - count; index <= head; index += 1) {
      const value = ring.sample(index);
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (!Number.isFinite(min) || !Number.isFinite(max)) return false;
    const span = Math.max(max - min, state.lane.style.minimumSpan);
    const current = state.yMax - state.yMin;
    if (min >= state.yMin && max <= state.yMax && span * 1.2 >= current * 0.5) return false;
    const centre = (max + min) / 2;
    state.yMin = centre - span * 0.55;
    state.yMax = centre + span * 0.55;
    return true;
  }

  /** The lane's band of the plot area, in canvas pixels. */
  private band(index: number): { top: number; height: number } {
    const { bbox } = this.plot;
    const height = bbox.height / this.lanes.length;
    return { top: bbox.top + index * height, height };
  }

  private drawIncrement(index: number, state: LaneState, ring: ChannelRing, head: number): void {
    const { ctx, bbox } = this.plot;
    const band = this.band(index);
    const rate = ring.sampleRate();
    const from = state.lastDrawn;
    const x0 = sweepX(from, rate, this.windowSeconds, bbox.width);
    const x1 = sweepX(head, rate, this.windowSeconds, bbox.width);
    const perSweep = rate * this.windowSeconds;
    const wrapped = Math.floor(head / perSweep) > Math.floor(from / perSweep);
    const count = eraseSpans(x0, x1, ERASE_GAP_SHARE * bbox.width, bbox.width, wrapped, this.spans);
    for (let span = 0; span < count; span += 1) {
      const left = Math.floor(bbox.left + (this.spans[2 * span] as number)) + 1;
      const right = Math.ceil(bbox.left + (this.spans[2 * span + 1] as number)) + 1;
      ctx.clearRect(left, band.top, right - left, band.height);
    }
    this.stroke(index, state, ring, from, head);
  }

  private repaintAll(): void {
    this.lanes.forEach((state, index) => this.repaintLane(index, state));
  }

  /** Clears a lane and draws its whole visible sweep up to the last drawn sample (or a flat stale line). */
  private repaintLane(index: number, state: LaneState): void {
    const { ctx, bbox } = this.plot;
    const band = this.band(index);
    ctx.clearRect(bbox.left, band.top, bbox.width, band.height);
    const ring = state.lane.ring();
    if (state.stale !== null) {
      ctx.strokeStyle = STALE_COLOR;
      ctx.lineWidth = this.options.lineWidth * uPlot.pxRatio;
      ctx.beginPath();
      ctx.moveTo(bbox.left, band.top + band.height / 2);
      ctx.lineTo(bbox.left + bbox.width, band.top + band.height / 2);
      ctx.stroke();
      return;
    }
    if (ring === undefined || Number.isNaN(state.lastDrawn)) return;
    const rate = ring.sampleRate();
    // Everything from one sweep ago, less the erase gap, up to the head.
    const from = Math.max(
      state.lastDrawn - Math.floor(rate * this.windowSeconds * (1 - ERASE_GAP_SHARE)),
      ring.writeIndex() - ring.capacity,
    );
    this.stroke(index, state, ring, from, state.lastDrawn);
  }

  private stroke(index: number, state: LaneState, ring: ChannelRing, from: number, to: number): void {
    const { ctx } = this.plot;
    const band = this.band(index);
    const padding = band.height * LANE_PADDING;
    this.strokeRing = ring;
    this.strokeRate = ring.sampleRate();
    this.strokeTop = band.top + padding;
    this.strokeBottom = band.top + band.height - padding;
    this.strokeScale = (band.height - 2 * padding) / (state.yMax - state.yMin);
    this.strokeMax = state.yMax;
    ctx.strokeStyle = state.lane.style.color;
    ctx.lineWidth = this.options.lineWidth * uPlot.pxRatio;
    ctx.beginPath();
    forEachSweepRun(from, to, this.strokeRate, this.windowSeconds, this.strokeRun);
    ctx.stroke();
    this.strokeRing = null;
  }

  /** One run within a sweep: pen up at missing samples; values beyond the lane are held at its edge. */
  private drawRun(from: number, to: number): void {
    const ring = this.strokeRing as ChannelRing;
    const { ctx, bbox } = this.plot;
    let penDown = false;
    for (let index = from; index <= to; index += 1) {
      const value = ring.sample(index);
      if (Number.isNaN(value)) {
        penDown = false;
        continue;
      }
      const x = bbox.left + sweepX(index, this.strokeRate, this.windowSeconds, bbox.width);
      const y = Math.min(
        this.strokeBottom,
        Math.max(this.strokeTop, this.strokeTop + (this.strokeMax - value) * this.strokeScale),
      );
      if (penDown) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      penDown = true;
    }
  }
}
