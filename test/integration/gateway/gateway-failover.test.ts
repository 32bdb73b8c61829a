/**
 * The short version of `npm run test:faults`' first case: a ward's two gateways on a real PostgreSQL server, the
 * leader killed with kill -9 twice while two stations acknowledge every alarm at once and new alarms keep coming.
 * The standby takes over each time; the stations' links (given both addresses) follow it and reported every
 * outage; every acknowledgment a station was told succeeded is in the journal exactly once, and the journal's
 * chain verifies across the leaders that wrote it. Failover time is measured by the command, not asserted here.
 * Runs the built gateway (npm test builds first).
 */
import { describe, expect, it } from 'vitest';
import { runFailoverFaults } from '../../faults/gateway-failover';

describe('kill -9 of the leading gateway, twice', () => {
  it('the standby takes over; no confirmed acknowledgment is lost or doubled; the journal verifies', async () => {
    // Each kill's line goes to the test's output, so that a run that is slow or stuck says where it was.
    const figures = await runFailoverFaults(2, (line) => console.log(line));
    expect(figures.acksConfirmed).toBeGreaterThan(0);
    expect({
      lost: figures.acksLost,
      doubled: figures.acksDoubled,
      intact: figures.journalIntact,
      unreported: figures.commsLostMissed,
    }).toEqual({ lost: 0, doubled: 0, intact: true, unreported: 0 });
    expect(figures.failoverMs).toHaveLength(4);
  }, 300_000);
});
