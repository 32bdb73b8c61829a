/**
 * Gateway time on this page: the station sends gateway time (the alarm clock) with every alarm state; the page
 * anchors it to its own monotonic clock the moment it arrives and counts on from there. AUDIO PAUSED, its
 * countdown and which alarm sounds through are judged by this time, so stepping the computer's wall clock (NTP,
 * a time-zone mistake) changes nothing that sounds.
 */

/** An anchor: gateway time as last sent, counted on with the monotonic clock. */
export interface GatewayClockAnchor {
  /** The station said gateway time is `gatewayTimeMs` (null: it does not know yet). */
  note(gatewayTimeMs: number | null): void;
  /** Gateway time now; before the first anchor, this page's own clock (there are no gateway alarms to judge yet). */
  now(): number;
}

/** Creates an anchor on `monotonic` (performance.now) with `fallback` (Date.now) until the first note. */
export function createGatewayClockAnchor(
  monotonic: () => number = () => performance.now(),
  fallback: () => number = () => Date.now(),
): GatewayClockAnchor {
  let anchor: { gatewayMs: number; monotonicMs: number } | null = null;
  return {
    note(gatewayTimeMs) {
      if (gatewayTimeMs !== null && Number.isFinite(gatewayTimeMs))
        anchor = { gatewayMs: gatewayTimeMs, monotonicMs: monotonic() };
    },
    now: () => (anchor === null ? fallback() : anchor.gatewayMs + (monotonic() - anchor.monotonicMs)),
  };
}

/** The page's anchor. */
export const pageGatewayClock: GatewayClockAnchor = createGatewayClockAnchor();
