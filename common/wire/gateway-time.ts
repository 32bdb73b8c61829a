/**
 * Gateway time as a station knows it (DESIGN.md §3, one clock for alarm time): every alarm time — onset,
 * acknowledgment, AUDIO PAUSED's start and end — is the gateway's, so a station judges pauses and countdowns in
 * gateway time, never by its own wall clock. The estimate is an offset from this process's *monotonic* clock,
 * learned from the gateway's welcome and heartbeat answers (the sample with the shortest round trip wins, as NTP
 * does), so a step of the station's wall clock changes nothing; a step of the gateway's own (a restart on a
 * machine whose clock moved) shows as a sample that disagrees, and the estimate starts over from it.
 */

/** How much a new sample may disagree with the estimate (beyond its own round trip) before it replaces it. */
const DISAGREEMENT_MS = 1000;
/** A best sample older than this is replaced by the next one (clock rates drift a little). */
const MAX_SAMPLE_AGE_MS = 30_000;
/** Round trip assumed for a sample whose send time is unknown (the welcome). */
const UNKNOWN_ROUND_TRIP_MS = 1000;

/** The estimate. */
export class GatewayTimeEstimate {
  private best: { offsetMs: number; roundTripMs: number; atMs: number } | null = null;

  /** `monotonic` is this process's monotonic clock (performance.now). */
  constructor(private readonly monotonic: () => number = () => performance.now()) {}

  /**
   * The gateway said it was `serverTimeMs`; the question left at `sentAtMs` and the answer came at
   * `receivedAtMs` (monotonic; `sentAtMs` null when unknown).
   */
  sample(serverTimeMs: number, sentAtMs: number | null, receivedAtMs: number): void {
    if (!Number.isFinite(serverTimeMs)) return;
    const roundTripMs = sentAtMs === null ? UNKNOWN_ROUND_TRIP_MS : Math.max(0, receivedAtMs - sentAtMs);
    const offsetMs = serverTimeMs + (sentAtMs === null ? 0 : roundTripMs / 2) - receivedAtMs;
    const best = this.best;
    const replace =
      best === null ||
      roundTripMs <= best.roundTripMs ||
      receivedAtMs - best.atMs > MAX_SAMPLE_AGE_MS ||
      Math.abs(offsetMs - best.offsetMs) > DISAGREEMENT_MS + roundTripMs;
    if (replace) this.best = { offsetMs, roundTripMs, atMs: receivedAtMs };
  }

  /** Gateway time now, epoch ms; null before the first sample. */
  now(): number | null {
    return this.best === null ? null : this.monotonic() + this.best.offsetMs;
  }

  /** The offset from the monotonic clock (for noticing that the estimate moved). */
  offsetMs(): number | null {
    return this.best?.offsetMs ?? null;
  }
}
