import { describe, expect, it } from 'vitest';
import {
  mayInstallUpdate,
  parseInstallHours,
  withinHours,
  type UpdateInstallInputs,
} from '../../../../main/updates/update-decision';

const ON = {
  enabled: true,
  serverUrl: 'https://updates.hospital.example/',
  channel: 'latest' as const,
  installHours: parseInstallHours('02:00-04:00'),
};
const base: UpdateInstallInputs = { policy: ON, ready: true, standingAlarms: 0, localMinute: 3 * 60, by: 'admin' };
const reasonOf = (changes: Partial<UpdateInstallInputs>): string | null => {
  const decision = mayInstallUpdate({ ...base, ...changes });
  return decision.allowed ? null : decision.reason;
};

describe('whether the station may install an update', () => {
  it('an admin may when the policy allows, it is verified and no alarm stands', () => {
    expect(reasonOf({})).toBeNull();
    // An admin is not held to the install hours.
    expect(reasonOf({ localMinute: 14 * 60 })).toBeNull();
  });

  it('never while an alarm stands, or while the station cannot see the ward’s alarms', () => {
    expect(reasonOf({ standingAlarms: 1 })).toBe('1 alarm is active on the ward');
    expect(reasonOf({ standingAlarms: 3, by: 'install-hours' })).toBe('3 alarms are active on the ward');
    expect(reasonOf({ standingAlarms: null })).toBe('the station cannot see the ward’s alarms now (no gateway link)');
  });

  it('never where the policy allows no updates, nor before one is downloaded and verified', () => {
    expect(reasonOf({ policy: { ...ON, enabled: false } })).toBe('IT’s policy does not allow updates on this computer');
    expect(reasonOf({ ready: false })).toBe('no update is downloaded and verified');
  });

  it('by itself only within IT’s install hours, and not at all without them', () => {
    expect(reasonOf({ by: 'install-hours', localMinute: 2 * 60 })).toBeNull();
    expect(reasonOf({ by: 'install-hours', localMinute: 4 * 60 })).toBe('outside IT’s install hours (02:00–04:00)');
    expect(reasonOf({ by: 'install-hours', policy: { ...ON, installHours: null } })).toBe(
      'IT set no install hours: an admin installs updates',
    );
  });

  it('reads hours that cross midnight', () => {
    const night = parseInstallHours('22:30-01:15');
    expect(night).toEqual({ fromMinute: 1350, toMinute: 75 });
    expect([22 * 60 + 29, 22 * 60 + 30, 0, 75, 12 * 60].map((minute) => withinHours(minute, night))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
  });
});
