/**
 * The gateway's time: epoch milliseconds that advance with the monotonic clock. Sample times must not jump when
 * the system clock is stepped (NTP, a nurse changing the time zone): a wall-clock jump would otherwise tear a
 * hole in every trace or replay seconds of data.
 */
export type GatewayClock = () => number;

/** A clock anchored to the wall clock once, then driven by `performance.now()`. */
export function createGatewayClock(): GatewayClock {
  const epochAtStart = Date.now();
  const monotonicAtStart = performance.now();
  return () => epochAtStart + (performance.now() - monotonicAtStart);
}
