import { describe, expect, it } from 'vitest';
import { parseStationPolicy, PolicyError, POLICY_SETTING_NAMES } from '../../../../main/policy/station-policy';

const ORIGIN = '/etc/wardwatch/policy.json';
const PIN = 'AB'.repeat(32);

/** The problems a policy is refused for. */
function problemsOf(raw: Record<string, unknown>): readonly string[] {
  try {
    parseStationPolicy(raw, ORIGIN);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  throw new Error('the policy was accepted');
}

describe('a station policy', () => {
  it('takes each platform’s form of a value: a DWORD 0/1 as a boolean, a comma-separated REG_SZ as a list', () => {
    expect(
      parseStationPolicy(
        {
          AllowInsecureGateway: 0,
          AllowMinimize: 1,
          GatewayAddresses: 'https://a.ward:8420/, https://b.ward:8420',
          WallDisplays: '0,1',
        },
        ORIGIN,
      ),
    ).toEqual({
      AllowInsecureGateway: false,
      AllowMinimize: true,
      GatewayAddresses: ['https://a.ward:8420', 'https://b.ward:8420'],
      WallDisplays: [0, 1],
    });
    expect(parseStationPolicy({ GatewayAddresses: ['https://a.ward:8420'], WallDisplays: [] }, ORIGIN)).toEqual({
      GatewayAddresses: ['https://a.ward:8420'],
      WallDisplays: [],
    });
  });

  it('normalizes a CA pin as the command line does', () => {
    expect(
      parseStationPolicy({ GatewayCaFile: 'C:\\ca.pem', GatewayCaFingerprint: `sha256:${PIN.toLowerCase()}` }, ORIGIN),
    ).toMatchObject({ GatewayCaFingerprint: PIN.match(/../g)?.join(':') });
  });

  it('refuses a misspelt setting by name and lists the known ones — it would leave unlocked what IT meant to lock', () => {
    const [problem] = problemsOf({ AutoLockMaxMinute: 10 });
    expect(problem).toContain('unknown setting AutoLockMaxMinute');
    for (const name of POLICY_SETTING_NAMES) expect(problem).toContain(name);
  });

  it('names every bad setting, not only the first', () => {
    const problems = problemsOf({
      AutoLockMaxMinutes: 500,
      MinimumAlarmVolumePercent: 5,
      LogLevel: 'verbose',
      AllowMinimize: 'no',
      StationName: '',
    });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/AutoLockMaxMinutes: .*240/);
    expect(problems.join('\n')).toMatch(/MinimumAlarmVolumePercent: .*10/);
    expect(problems.join('\n')).toMatch(/LogLevel:/);
    expect(problems.join('\n')).toMatch(/AllowMinimize: expected true or false/);
    expect(problems.join('\n')).toMatch(/StationName:/);
  });

  it('refuses bounds that cross, a gateway with a password in it, a display named twice and a pin with no TLS gateway', () => {
    expect(problemsOf({ AutoLockMinMinutes: 20, AutoLockMaxMinutes: 10 })).toEqual([
      'AutoLockMinMinutes: is more than AutoLockMaxMinutes (20 > 10)',
    ]);
    expect(problemsOf({ GatewayAddresses: 'https://nurse:secret@gw.ward:8420' })[0]).toMatch(
      /GatewayAddresses.*must not contain a user name or password/,
    );
    expect(problemsOf({ WallDisplays: [1, 1] })[0]).toMatch(/WallDisplays: names a display twice/);
    expect(problemsOf({ GatewayAddresses: 'http://127.0.0.1:8420', GatewayCaFingerprint: PIN })[0]).toMatch(
      /GatewayCaFingerprint: pins a CA, but no gateway address in the policy uses https/,
    );
    expect(
      problemsOf({ GatewayAddresses: ['https://a:1', 'https://b:1', 'https://c:1', 'https://d:1', 'https://e:1'] })[0],
    ).toMatch(/GatewayAddresses/);
  });

  it('refuses updates turned on without the hospital’s server, a server without TLS and hours that are not hours', () => {
    expect(problemsOf({ UpdatesEnabled: true })).toEqual([
      'UpdateServerUrl: is needed when UpdatesEnabled is on: the station takes updates only from the hospital’s server',
    ]);
    expect(problemsOf({ UpdatesEnabled: true, UpdateServerUrl: 'http://updates.hospital.example/' })[0]).toMatch(
      /UpdateServerUrl: expected an https:\/\/ address/,
    );
    expect(problemsOf({ UpdateInstallHours: '2-4' })[0]).toMatch(/UpdateInstallHours: expected HH:MM-HH:MM/);
    expect(problemsOf({ UpdateInstallHours: '24:00-02:00' })[0]).toMatch(/UpdateInstallHours/);
    expect(problemsOf({ UpdateChannel: 'nightly' })[0]).toMatch(/UpdateChannel/);
  });

  it('says where the policy is in its message', () => {
    expect(() => parseStationPolicy({ LogLevel: 3 }, ORIGIN)).toThrow(
      `the managed policy at ${ORIGIN} is not valid: LogLevel:`,
    );
  });
});
