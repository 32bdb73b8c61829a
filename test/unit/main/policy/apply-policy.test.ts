import { describe, expect, it } from 'vitest';
import { boundAutoLockMinutes, NO_LIMITS } from '../../../../main/policy/apply-policy';
import type { ManagedPolicy } from '../../../../main/policy/managed-policy';
import { parseStationPolicy } from '../../../../main/policy/station-policy';
import { parseBrowserHostArguments, parseElectronArguments } from '../../../../main/station/station-options';

const PLACE = '/etc/wardwatch/policy.json';

function policy(raw: Record<string, unknown>): { policy: ManagedPolicy; place: string } {
  return { policy: { origin: PLACE, settings: parseStationPolicy(raw, PLACE) }, place: PLACE };
}

describe('policy beats command line beats defaults', () => {
  it('a locked gateway and name replace the command line’s, which is noted as ignored', () => {
    const options = parseBrowserHostArguments(
      ['--gateway', 'https://other.ward:8420', '--station-name', 'Desk 9'],
      policy({ GatewayAddresses: 'https://gw-a.ward:8420,https://gw-b.ward:8420', StationName: 'Ward 4B central' }),
    );
    expect(options).toMatchObject({
      gatewayUrl: 'https://gw-a.ward:8420',
      fallbackGatewayUrls: ['https://gw-b.ward:8420'],
      stationName: 'Ward 4B central',
    });
    expect(options.policy?.ignoredOptions).toEqual(['--station-name', '--gateway']);
    const gateways = options.policy?.view.settings.find((setting) => setting.name === 'GatewayAddresses');
    expect(gateways).toEqual({
      name: 'GatewayAddresses',
      label: 'Gateways',
      value: 'https://gw-a.ward:8420,https://gw-b.ward:8420',
      source: 'policy',
      commandLineIgnored: true,
    });
  });

  it('what the policy does not lock comes from the command line, and what neither says from the defaults', () => {
    const options = parseBrowserHostArguments(['--station-name', 'Desk 9'], policy({ AutoLockMaxMinutes: 10 }));
    expect(options.stationName).toBe('Desk 9');
    const sources = Object.fromEntries(options.policy?.view.settings.map((s) => [s.name, s.source]) ?? []);
    expect(sources).toMatchObject({
      StationName: 'command line',
      GatewayAddresses: 'default',
      AutoLockMaxMinutes: 'policy',
      MinimumAlarmVolumePercent: 'default',
    });
    expect(options.policy?.view.origin).toBe(PLACE);
  });

  it('with no policy everything is the command line’s or the default, and nothing is limited', () => {
    const options = parseBrowserHostArguments(['--gateway', 'https://gw.ward:8420']);
    expect(options.policy?.view.origin).toBeNull();
    expect(options.policy?.view.settings.every((setting) => setting.source !== 'policy')).toBe(true);
    expect(options.policy?.limits).toEqual(NO_LIMITS);
  });

  it('refuses --insecure-gateway where the policy forbids it, and allows cleartext where it allows it', () => {
    expect(() =>
      parseBrowserHostArguments(
        ['--gateway', 'http://10.1.2.3:8420', '--insecure-gateway'],
        policy({ AllowInsecureGateway: false }),
      ),
    ).toThrow(/--insecure-gateway is forbidden on this computer by IT's policy \(AllowInsecureGateway is off in/);
    expect(
      parseBrowserHostArguments(['--gateway', 'http://10.1.2.3:8420'], policy({ AllowInsecureGateway: 1 }))
        .insecureGateway,
    ).toBe(true);
  });

  it('a policy’s gateway meets the command line’s checks, and the error names the policy', () => {
    expect(() => parseBrowserHostArguments([], policy({ GatewayAddresses: 'http://10.1.2.3:8420' }))).toThrow(
      /is not encrypted.*\(IT's policy in \/etc\/wardwatch\/policy.json sets GatewayAddresses\)/,
    );
  });

  it('locks the wall displays of the desktop app, an empty list to one normal window', () => {
    expect(parseElectronArguments(['--wall-display', '0'], policy({ WallDisplays: '1,2' })).wallDisplays).toEqual([
      1, 2,
    ]);
    expect(parseElectronArguments(['--wall-display', '0,1'], policy({ WallDisplays: [] })).wallDisplays).toEqual([]);
    // The browser host has no windows of its own: the setting is not listed there.
    const hostSettings = parseBrowserHostArguments([], policy({ WallDisplays: [1] })).policy?.view.settings ?? [];
    expect(hostSettings.map((setting) => setting.name)).not.toContain('WallDisplays');
  });

  it('turns the station settings into limits', () => {
    const options = parseElectronArguments(
      [],
      policy({
        AutoLockMinMinutes: 2,
        AutoLockMaxMinutes: 15,
        MinimumAlarmVolumePercent: 60,
        AllowMinimize: 0,
        LogLevel: 'warn',
      }),
    );
    expect(options.policy?.limits).toEqual({
      autoLock: { minMinutes: 2, maxMinutes: 15 },
      minimumVolumePercent: 60,
      allowMinimize: false,
      logLevel: 'warn',
      logRetentionDays: 30,
      updates: { enabled: false, serverUrl: null, channel: 'latest', installHours: null },
    });
    expect(options.policy?.view.minimumVolumePercent).toBe(60);
  });

  it('takes updates only where the policy allows them, from its server, in its hours', () => {
    const options = parseElectronArguments(
      [],
      policy({
        UpdatesEnabled: 1,
        UpdateServerUrl: 'https://updates.hospital.example/wardwatch/',
        UpdateChannel: 'beta',
        UpdateInstallHours: '22:30-02:00',
      }),
    );
    expect(options.policy?.limits.updates).toEqual({
      enabled: true,
      serverUrl: 'https://updates.hospital.example/wardwatch/',
      channel: 'beta',
      installHours: { fromMinute: 22 * 60 + 30, toMinute: 120 },
    });
    const row = options.policy?.view.settings.find((setting) => setting.name === 'UpdateInstallHours');
    expect(row).toMatchObject({ value: '22:30–02:00', source: 'policy' });
    // A server alone does not turn updates on.
    expect(
      parseElectronArguments([], policy({ UpdateServerUrl: 'https://updates.hospital.example/' })).policy?.limits
        .updates,
    ).toMatchObject({ enabled: false, serverUrl: null });
  });
});

describe('the auto-lock bounds', () => {
  const limits = (minMinutes: number, maxMinutes: number | null) => ({
    ...NO_LIMITS,
    autoLock: { minMinutes, maxMinutes },
  });

  it('keep the ward’s minutes within them, and turn “never” into the maximum', () => {
    expect(boundAutoLockMinutes(5, limits(0, null))).toBe(5);
    expect(boundAutoLockMinutes(30, limits(0, 10))).toBe(10);
    expect(boundAutoLockMinutes(1, limits(3, 10))).toBe(3);
    expect(boundAutoLockMinutes(0, limits(0, 10))).toBe(10);
    expect(boundAutoLockMinutes(0, limits(3, null))).toBe(0);
  });
});
