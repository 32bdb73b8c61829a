/**
 * IT's limits in a running station (issue 18): the station runtime with its embedded gateway, started from options
 * parsed under a policy. The ward's auto-lock minutes are kept within IT's bounds on this computer (a ward set to
 * "never" locks after IT's maximum) without changing the ward's own setting, the policy is in the identity the
 * Station screen shows, and an update is installed by nobody but an admin — and not where the policy allows none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CALL_CHANNELS } from '../../../common/ipc/channels';
import type { SessionState } from '../../../common/station/session-state';
import type { StationIdentity } from '../../../common/station/station-identity';
import type { WardSettings } from '../../../common/wire/ward-settings';
import { createCredentialVault } from '../../../main/credentials/credential-vault';
import { parseStationPolicy } from '../../../main/policy/station-policy';
import { parseBrowserHostArguments } from '../../../main/station/station-options';
import { startStationRuntime, type StationRuntime } from '../../../main/station/station-runtime';
import { demoAccount } from '../../support/gateway-access';
import { memoryKeychain } from '../../support/memory-keychain';
import { createRecordingLogger } from '../../support/recording-logger';
import { waitForAnswer } from '../../support/wait-for';

const caller = { transport: 'browser-host', callerId: 'test' } as const;
const PLACE = '/etc/wardwatch/policy.json';
let runtime: StationRuntime | null = null;
afterAll(async () => runtime?.close());

const call = <T>(channel: string, request?: unknown) =>
  (runtime as StationRuntime).router.dispatch(channel, request, caller) as Promise<
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
  >;
const signIn = (role: 'nurse' | 'admin') => {
  const account = demoAccount(role);
  return call(CALL_CHANNELS.signIn, { username: account.username, password: account.password, staySignedIn: false });
};
const sessionMinutes = async (): Promise<number | undefined> => {
  const reply = await call<SessionState>(CALL_CHANNELS.getSession);
  return reply.ok ? reply.value.autoLockMinutes : undefined;
};

describe('a station under IT’s policy', () => {
  it('keeps the ward’s auto-lock within IT’s bounds, shows its policy, and lets only an admin install', async () => {
    const options = parseBrowserHostArguments(['--beds', '2', '--station-name', 'Desk 7'], {
      policy: { origin: PLACE, settings: parseStationPolicy({ AutoLockMaxMinutes: 10, AutoLockMinMinutes: 2 }, PLACE) },
      place: PLACE,
    });
    runtime = await startStationRuntime(
      options,
      'browser-host',
      createRecordingLogger(),
      createCredentialVault(async () => memoryKeychain()),
    );
    // The ward's default, 5 minutes, is within the bounds.
    await waitForAnswer('the ward’s auto-lock', async () => (await sessionMinutes()) === 5);

    expect(await signIn('admin')).toMatchObject({ ok: true });
    // The control link re-presents itself for the admin just after the sign-in; the change waits for that.
    const never = await waitForAnswer('the admin’s change', async () => {
      const reply = await call<WardSettings>(CALL_CHANNELS.updateStationSettings, { autoLockMinutes: 0 });
      return reply.ok ? reply : undefined;
    });
    expect(never).toMatchObject({ ok: true, value: { station: { autoLockMinutes: 0 } } });
    await waitForAnswer('IT’s maximum for a ward that never locks', async () => (await sessionMinutes()) === 10);
    await call(CALL_CHANNELS.updateStationSettings, { autoLockMinutes: 1 });
    await waitForAnswer('IT’s minimum', async () => (await sessionMinutes()) === 2);
    // The ward's own setting is the ward's: the station bounds only itself.
    const settings = await call<WardSettings>(CALL_CHANNELS.getWardSettings);
    expect(settings).toMatchObject({ ok: true, value: { station: { autoLockMinutes: 1 } } });

    const identity = await call<StationIdentity>(CALL_CHANNELS.getStationIdentity);
    expect(identity.ok && identity.value.policy.origin).toBe(PLACE);
    expect(
      identity.ok && identity.value.policy.settings.find((setting) => setting.name === 'AutoLockMaxMinutes'),
    ).toMatchObject({ value: '10 min', source: 'policy' });

    expect(await call(CALL_CHANNELS.installUpdate)).toMatchObject({
      ok: false,
      error: {
        code: 'REFUSED',
        message: 'the update cannot be installed now: IT’s policy does not allow updates on this computer',
      },
    });
    expect(await signIn('nurse')).toMatchObject({ ok: true });
    expect(await call(CALL_CHANNELS.installUpdate)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'a nurse may not install updates; only an admin may' },
    });
  }, 60_000);
});
