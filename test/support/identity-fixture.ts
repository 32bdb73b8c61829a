import type { StationIdentity } from '../../common/station/station-identity';

/** A valid identity for handler and router tests. */
export function sampleIdentity(): StationIdentity {
  return {
    stationName: 'Nurse station 1',
    appVersion: '0.1.0',
    host: 'browser-host',
    gateway: { url: 'http://127.0.0.1:8420', fallbackUrls: [], embedded: true, cleartext: false },
    link: {
      status: 'connected',
      sinceMs: 1_700_000_000_000,
      wardName: 'Ward 4B',
      gatewayVersion: '0.1.0',
      roundTripMs: 1.5,
      detail: null,
      failedAttempts: 0,
      principal: null,
    },
    policy: { origin: null, place: '/etc/wardwatch/policy.json', settings: [], minimumVolumePercent: null },
  };
}
