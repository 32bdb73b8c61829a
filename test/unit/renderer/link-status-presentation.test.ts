import { describe, expect, it } from 'vitest';
import type { GatewayLinkState } from '../../../common/station/gateway-link-state';
import { presentLink } from '../../../renderer/station/link-status-presentation';

const connected: GatewayLinkState = {
  status: 'connected',
  sinceMs: 0,
  wardName: 'Ward 4B',
  gatewayVersion: '0.1.0',
  roundTripMs: 2,
  detail: null,
  failedAttempts: 0,
  principal: null,
};

describe('link presentation', () => {
  it('shows a connected link as Connected, in the ok tone', () => {
    expect(presentLink(connected, true)).toEqual({ label: 'Connected', tone: 'ok', detail: null });
  });

  it('never shows a link as connected when the station service is unreachable (stale is not live)', () => {
    expect(presentLink(connected, false)).toMatchObject({ label: 'Unknown', tone: 'fault' });
  });

  it('gives the reason of a disconnection and of an incompatible gateway', () => {
    const down = { ...connected, status: 'disconnected', detail: 'the gateway refused the connection' } as const;
    expect(presentLink(down, true)).toEqual({
      label: 'Disconnected',
      tone: 'fault',
      detail: 'the gateway refused the connection',
    });
    expect(presentLink({ ...down, status: 'incompatible' }, true).label).toBe('Incompatible gateway');
  });

  it('shows Connecting… before the first report', () => {
    expect(presentLink(null, true)).toMatchObject({ label: 'Connecting…', tone: 'pending' });
  });
});
