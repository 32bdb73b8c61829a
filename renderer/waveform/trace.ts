/**
 * What the render loop drives: a trace advances to "now" once per animation frame and reports when it goes
 * stale or recovers. Two implementations: the incremental sweep (the station's) and a naive full redraw (the
 * benchmark's baseline).
 */

/** One waveform on screen. */
export interface Trace {
  /** Draws everything due by station time `nowMs`; returns the latency (ms) of the newest sample drawn, or NaN. */
  advance(nowMs: number): number;
  /** Whether the trace is on screen; offscreen traces are skipped and resynchronize when they return. */
  visible: boolean;
  readonly element: Element;
  resize(width: number, height: number): void;
  destroy(): void;
}

/** Why a trace is stale, or null when live. */
export type StaleListener = (reason: string | null) => void;
