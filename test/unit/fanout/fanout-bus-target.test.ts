import { describe, expect, it } from 'vitest';
import { checkFanoutUrl, FANOUT_PASSWORD_VARIABLE, fanoutTargetFrom } from '../../../gateway/fanout/fanout-bus';

describe('the fan-out bus address (--fanout)', () => {
  it('takes redis:// on this computer and rediss:// anywhere', () => {
    expect(checkFanoutUrl('redis://127.0.0.1:6379').host).toBe('127.0.0.1:6379');
    expect(checkFanoutUrl('redis://localhost').hostname).toBe('localhost');
    expect(checkFanoutUrl('rediss://bus.ward4b.hospital.example:6380').protocol).toBe('rediss:');
  });

  it('refuses, saying why: a password in the URL, plain redis:// across machines, another scheme, no server', () => {
    expect(() => checkFanoutUrl('redis://:secret@127.0.0.1:6379')).toThrow(FANOUT_PASSWORD_VARIABLE);
    expect(() => checkFanoutUrl('redis://10.1.4.7:6379')).toThrow(/unencrypted; use rediss:\/\//);
    expect(() => checkFanoutUrl('postgres://127.0.0.1/ward')).toThrow(/is not redis:\/\//);
    expect(() => checkFanoutUrl('not a url')).toThrow(/not a URL/);
  });

  it('takes the password from the environment, never from the command line', () => {
    expect(fanoutTargetFrom(undefined, {})).toBeNull();
    expect(fanoutTargetFrom('redis://127.0.0.1:6379', {})).toEqual({
      url: 'redis://127.0.0.1:6379',
      password: null,
      ca: null,
    });
    expect(fanoutTargetFrom('redis://127.0.0.1:6379', { [FANOUT_PASSWORD_VARIABLE]: 'bus-secret' })?.password).toBe(
      'bus-secret',
    );
  });
});
