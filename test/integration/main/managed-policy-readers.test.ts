/**
 * The platform readers on real files: a JSON policy file, macOS managed preferences as the XML and the binary
 * property lists macOS writes (made by Python's plistlib, not our code), and the Windows reader on `reg query`
 * output in reg.exe's format (CRLF, four-space columns, a MULTI_SZ's `\0`) — reg.exe itself cannot run here.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManagedPolicy } from '../../../main/policy/managed-policy';
import { readRegistryPolicy, type RunRegQuery } from '../../../main/policy/registry-policy';
import { PolicyError } from '../../../main/policy/station-policy';
import { platformPolicyPlace, WINDOWS_POLICY_KEY } from '../../../main/policy/policy-place';

const FIXTURES = join(import.meta.dirname, '../../fixtures/policy');
const folder = (): string => mkdtempSync(join(tmpdir(), 'wardwatch-policy-'));
const regOutput =
  (stdout: string, exitCode = 0, stderr = ''): RunRegQuery =>
  async () => ({ exitCode, stdout, stderr });

describe('the platform’s managed place', () => {
  it('is the registry on Windows, managed preferences on macOS and /etc on Linux', () => {
    expect(platformPolicyPlace('win32')).toEqual({ kind: 'registry', key: 'HKLM\\Software\\Policies\\WardWatch' });
    expect(platformPolicyPlace('darwin')).toEqual({
      kind: 'plist',
      path: '/Library/Managed Preferences/org.wardwatch.station.plist',
    });
    expect(platformPolicyPlace('linux')).toEqual({ kind: 'json', path: '/etc/wardwatch/policy.json' });
  });
});

describe('a JSON policy file', () => {
  it('is read and validated', async () => {
    const path = join(folder(), 'policy.json');
    writeFileSync(path, JSON.stringify({ AutoLockMaxMinutes: 10, LogLevel: 'warn' }));
    expect(await readManagedPolicy({ kind: 'json', path })).toEqual({
      origin: path,
      settings: { AutoLockMaxMinutes: 10, LogLevel: 'warn' },
    });
  });

  it('absent, or an empty object, is no policy', async () => {
    const dir = folder();
    expect(await readManagedPolicy({ kind: 'json', path: join(dir, 'none.json') })).toBeNull();
    writeFileSync(join(dir, 'empty.json'), '{}');
    expect(await readManagedPolicy({ kind: 'json', path: join(dir, 'empty.json') })).toBeNull();
  });

  it('that is not JSON, not an object, or unreadable stops the start with the reason', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'broken.json'), '{"AutoLockMaxMinutes": 10,');
    await expect(readManagedPolicy({ kind: 'json', path: join(dir, 'broken.json') })).rejects.toThrow(/is not JSON/);
    writeFileSync(join(dir, 'list.json'), '[1, 2]');
    await expect(readManagedPolicy({ kind: 'json', path: join(dir, 'list.json') })).rejects.toThrow(
      /must hold one JSON object/,
    );
    await expect(readManagedPolicy({ kind: 'json', path: dir })).rejects.toThrow(/cannot be read \(EISDIR\)/);
    if (process.getuid?.() !== 0) {
      writeFileSync(join(dir, 'secret.json'), '{}');
      chmodSync(join(dir, 'secret.json'), 0o000);
      await expect(readManagedPolicy({ kind: 'json', path: join(dir, 'secret.json') })).rejects.toThrow(/EACCES/);
    }
  });

  it('with a setting out of range is refused whole, naming it', async () => {
    const path = join(folder(), 'policy.json');
    writeFileSync(path, JSON.stringify({ AutoLockMaxMinutes: 10, MinimumAlarmVolumePercent: 0 }));
    const refusal = await readManagedPolicy({ kind: 'json', path }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PolicyError);
    expect((refusal as PolicyError).problems).toEqual([expect.stringMatching(/^MinimumAlarmVolumePercent: /)]);
  });
});

describe('macOS managed preferences', () => {
  const expected = {
    StationName: 'Ward 4B central station',
    GatewayAddresses: ['https://gw-4b-a.hospital.example:8420', 'https://gw-4b-b.hospital.example:8420'],
    AllowInsecureGateway: false,
    WallDisplays: [0, 1],
    AllowMinimize: false,
    MinimumAlarmVolumePercent: 60,
    LogLevel: 'warn',
  };

  it('are read from a binary property list, as macOS writes them from a profile', async () => {
    const path = join(FIXTURES, 'managed-preferences-binary.plist');
    expect(readFileSync(path).subarray(0, 8).toString('latin1')).toBe('bplist00');
    expect((await readManagedPolicy({ kind: 'plist', path }))?.settings).toEqual({
      ...expected,
      AutoLockMaxMinutes: 10,
    });
  });

  it('and from an XML one', async () => {
    const path = join(FIXTURES, 'managed-preferences-xml.plist');
    expect((await readManagedPolicy({ kind: 'plist', path }))?.settings).toEqual({
      ...expected,
      AutoLockMaxMinutes: 15,
    });
  });

  it('leave out a profile’s own Payload keys, and refuse what is no property list', async () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'with-payload.plist'),
      '<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict><key>PayloadUUID</key><string>X</string><key>LogLevel</key><string>error</string></dict></plist>',
    );
    expect((await readManagedPolicy({ kind: 'plist', path: join(dir, 'with-payload.plist') }))?.settings).toEqual({
      LogLevel: 'error',
    });
    writeFileSync(join(dir, 'garbage.plist'), 'bplist00 this is not one');
    await expect(readManagedPolicy({ kind: 'plist', path: join(dir, 'garbage.plist') })).rejects.toThrow(
      /is not a property list/,
    );
    writeFileSync(
      join(dir, 'array.plist'),
      '<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><array><string>x</string></array></plist>',
    );
    await expect(readManagedPolicy({ kind: 'plist', path: join(dir, 'array.plist') })).rejects.toThrow(
      /must hold one dictionary/,
    );
    expect(await readManagedPolicy({ kind: 'plist', path: join(dir, 'absent.plist') })).toBeNull();
  });
});

describe('the Windows policy key', () => {
  const captured = readFileSync(join(FIXTURES, 'reg-query-wardwatch.txt'), 'utf8');

  it('is read from reg query’s output: DWORDs, an expanded REG_EXPAND_SZ, a MULTI_SZ, names in any case', async () => {
    process.env.ProgramData ??= 'C:\\ProgramData';
    const policy = await readManagedPolicy({ kind: 'registry', key: WINDOWS_POLICY_KEY }, regOutput(captured));
    expect(policy?.origin).toBe('registry key HKLM\\Software\\Policies\\WardWatch');
    expect(policy?.settings).toEqual({
      StationName: 'Ward 4B central station',
      GatewayAddresses: ['https://gw-4b-a.hospital.example:8420', 'https://gw-4b-b.hospital.example:8420'],
      GatewayCaFile: `${process.env.ProgramData}\\WardWatch\\ward-ca.pem`,
      AllowInsecureGateway: false,
      AllowMinimize: false,
      AutoLockMaxMinutes: 10,
      MinimumAlarmVolumePercent: 60,
      WallDisplays: [0, 1],
      LogLevel: 'warn',
    });
  });

  it('absent is no policy; reg failing otherwise, or a binary value, stops the start', async () => {
    expect(
      await readRegistryPolicy(
        WINDOWS_POLICY_KEY,
        regOutput('', 1, 'ERROR: The system was unable to find the specified registry key or value.\r\n'),
      ),
    ).toBeNull();
    await expect(
      readRegistryPolicy(WINDOWS_POLICY_KEY, regOutput('', 1, 'ERROR: Access is denied.\r\n')),
    ).rejects.toThrow(/cannot be read \(reg query ended with 1: ERROR: Access is denied.\)/);
    await expect(
      readRegistryPolicy(
        WINDOWS_POLICY_KEY,
        regOutput('\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\WardWatch\r\n    LogLevel    REG_BINARY    0102\r\n'),
      ),
    ).rejects.toThrow(/LogLevel: is REG_BINARY/);
  });
});
