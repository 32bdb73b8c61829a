/**
 * The station's clock for drawing: epoch milliseconds that never jump (performance.timeOrigin + now), in the
 * page and in the worker alike. A wall-clock step (NTP, a time-zone change) must not freeze or skip the traces.
 */
export function stationNow(): number {
  return performance.timeOrigin + performance.now();
}
