/**
 * The gateway's time: epoch milliseconds that advance with the monotonic clock. Sample times must not jump when
 * the system clock is stepped (NTP, a nurse changing the time zone): a wall-clock jump would otherwise tear a
 * hole in every trace or replay seconds of data. It is also the one clock of every alarm time (DESIGN.md §3).
 */
export type GatewayClock = () => number;

/** A clock anchored to the wall clock once, then driven by the monotonic clock (both injectable for tests). */
export function createGatewayClock(
  wall: () => number = Date.now,
  monotonic: () => number = () => performance.now(),
): GatewayClock {
  const epochAtStart = wall();
  const monotonicAtStart = monotonic();
  return () => epochAtStart + (monotonic() - monotonicAtStart);
}
