/**
 * One requestAnimationFrame loop for the whole screen: each frame, every visible trace draws what became due
 * since the last frame; offscreen traces cost nothing (an IntersectionObserver keeps `visible` current). It also
 * keeps the figures the benchmark reads: frame intervals, time spent drawing, and sample-to-pixel latencies —
 * in fixed-size rings, so measuring allocates nothing either.
 */
import { stationNow } from '../stream/station-clock';
import type { Trace } from './trace';

/** Figures collected since the last reset (rings of the most recent values). */
export interface RenderStats {
  readonly frames: number;
  readonly frameIntervalsMs: Float64Array;
  readonly drawMs: Float64Array;
  readonly latenciesMs: Float64Array;
  readonly latencyCount: number;
}

const STAT_SLOTS = 8192;

/** The loop and its trace registry. */
export class RenderLoop {
  /** An array, not a Set: iterating it each frame allocates nothing. */
  private readonly traces: Trace[] = [];
  private readonly observer: IntersectionObserver;
  private running = false;
  private lastFrameAt = Number.NaN;
  private frames = 0;
  private latencyCount = 0;
  private readonly frameIntervalsMs = new Float64Array(STAT_SLOTS).fill(Number.NaN);
  private readonly drawMs = new Float64Array(STAT_SLOTS).fill(Number.NaN);
  private readonly latenciesMs = new Float64Array(STAT_SLOTS).fill(Number.NaN);
  private readonly byElement = new Map<Element, Trace>();

  constructor() {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const trace = this.byElement.get(entry.target);
        if (trace !== undefined) trace.visible = entry.isIntersecting;
      }
    });
  }

  /** Adds a trace; returns the function that removes it. */
  add(trace: Trace): () => void {
    this.traces.push(trace);
    this.byElement.set(trace.element, trace);
    this.observer.observe(trace.element);
    if (!this.running) {
      this.running = true;
      requestAnimationFrame(this.frame);
    }
    return () => {
      const index = this.traces.indexOf(trace);
      if (index >= 0) this.traces.splice(index, 1);
      this.byElement.delete(trace.element);
      this.observer.unobserve(trace.element);
    };
  }

  /** The figures so far (views on the loop's own rings: copy before keeping). */
  stats(): RenderStats {
    return {
      frames: this.frames,
      frameIntervalsMs: this.frameIntervalsMs,
      drawMs: this.drawMs,
      latenciesMs: this.latenciesMs,
      latencyCount: this.latencyCount,
    };
  }

  /** Starts the figures afresh (the benchmark's warm-up ends here). */
  resetStats(): void {
    this.frames = 0;
    this.latencyCount = 0;
    this.frameIntervalsMs.fill(Number.NaN);
    this.drawMs.fill(Number.NaN);
    this.latenciesMs.fill(Number.NaN);
  }

  private readonly frame = (timestamp: number): void => {
    if (this.traces.length === 0) {
      this.running = false;
      this.lastFrameAt = Number.NaN;
      return;
    }
    const started = performance.now();
    const now = stationNow();
    for (let index = 0; index < this.traces.length; index += 1) {
      const trace = this.traces[index] as Trace;
      if (!trace.visible) continue;
      const latency = trace.advance(now);
      if (!Number.isNaN(latency)) this.latenciesMs[this.latencyCount++ % STAT_SLOTS] = latency;
    }
    const slot = this.frames % STAT_SLOTS;
    this.drawMs[slot] = performance.now() - started;
    this.frameIntervalsMs[slot] = Number.isNaN(this.lastFrameAt) ? Number.NaN : timestamp - this.lastFrameAt;
    this.lastFrameAt = timestamp;
    this.frames += 1;
    requestAnimationFrame(this.frame);
  };
}
