/** Station options as the tests start a station runtime: a 2-bed "Ward 4B", nothing on disk, the system's trust. */
import { DEFAULT_WARD_SETUP } from '../../gateway/ward-setup';
import { SYSTEM_TRUST } from '../../main/session/gateway-tls';
import type { StationOptions } from '../../main/station/station-options';

/** The defaults with `overrides` (e.g. a remote gateway, a data folder). */
export function testStationOptions(overrides: Partial<StationOptions> = {}): StationOptions {
  return {
    stationName: 'Nurse station 1',
    gatewayUrl: null,
    wardName: 'Ward 4B',
    ward: { ...DEFAULT_WARD_SETUP, beds: 2 },
    dataDir: null,
    tls: SYSTEM_TRUST,
    insecureGateway: false,
    ...overrides,
  };
}
