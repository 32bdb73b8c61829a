import { describe, expect, it } from 'vitest';
import { GatewayTimeEstimate } from '../../../../common/wire/gateway-time';
import { createGatewayClockAnchor } from '../../../../renderer/alarms/gateway-clock-anchor';

describe('gateway time at a station', () => {
  it('is an offset from the monotonic clock: the shortest round trip wins, and the wall clock plays no part', () => {
    let monotonic = 1000;
    const estimate = new GatewayTimeEstimate(() => monotonic);
    expect(estimate.now()).toBeNull();
    estimate.sample(5_000_000, null, 1000); // the welcome: no round trip known
    expect(estimate.now()).toBe(5_000_000);
    estimate.sample(5_000_520, 1500, 1540); // 40 ms round trip: the gateway said 520 ms later, 20 ms before arrival
    monotonic = 1540;
    expect(estimate.now()).toBe(5_000_540);
    estimate.sample(5_001_700, 2500, 2900); // a slow answer (400 ms) does not replace the better sample
    monotonic = 3540;
    expect(estimate.now()).toBe(5_002_540);
  });

  it('starts over when the gateway’s clock is another one (a restart after its wall clock moved)', () => {
    const estimate = new GatewayTimeEstimate(() => 10_000);
    estimate.sample(7_000_000, 9990, 10_000);
    estimate.sample(7_000_000 - 300_000, 9990, 10_000);
    expect(estimate.now()).toBe(6_700_005);
  });

  it('the page anchors gateway time on arrival and counts on monotonically; a step of the page’s wall clock changes nothing', () => {
    let monotonic = 0;
    let wall = 1_700_000_000_000;
    const anchor = createGatewayClockAnchor(
      () => monotonic,
      () => wall,
    );
    expect(anchor.now()).toBe(wall);
    anchor.note(1_800_000_000_000);
    monotonic = 2000;
    wall += 5 * 60_000;
    expect(anchor.now()).toBe(1_800_000_002_000);
    wall -= 10 * 60_000;
    expect(anchor.now()).toBe(1_800_000_002_000);
    anchor.note(null);
    expect(anchor.now()).toBe(1_800_000_002_000);
  });
});
