/**
 * One run of a station (the real runtime: session, keychain through keytar, control link, log file), for the
 * secrets test; each step is its own process, so "after a restart" is literal. The station's own log goes to
 * stderr and `<data>/logs/station.log`; stdout carries only this probe's report (one JSON line), which includes
 * the secret values so that the test can look for them everywhere else.
 *
 * `node --import tsx test/support/station-probe.ts <gateway-url> <data-dir> <step>`
 * steps: enroll (demo admin enrolls the station, signs out), stay (demo nurse signs in, stays signed in),
 * restart (nothing: the station restores itself), leave (sign out, forget the station).
 */
import { CALL_CHANNELS } from '../../common/ipc/channels';
import type { CallerContext } from '../../main/ipc/router';
import { createCredentialVault } from '../../main/credentials/credential-vault';
import { createStationLogger } from '../../main/logging/station-log';
import { SYSTEM_TRUST } from '../../main/session/gateway-tls';
import { startStationRuntime } from '../../main/station/station-runtime';
import { DEFAULT_WARD_SETUP } from '../../gateway/ward-setup';
import { demoAccount } from './gateway-access';

const [gatewayUrl = '', dataDir = '', step = ''] = process.argv.slice(2);
const caller: CallerContext = { transport: 'browser-host', callerId: 'probe' };

async function run(): Promise<unknown> {
  const vault = createCredentialVault();
  const logger = createStationLogger('station', dataDir);
  const runtime = await startStationRuntime(
    {
      stationName: 'Desk 7',
      gatewayUrl,
      wardName: 'Ward 4B',
      ward: DEFAULT_WARD_SETUP,
      dataDir,
      tls: SYSTEM_TRUST,
      insecureGateway: false,
    },
    'browser-host',
    logger,
    vault,
  );
  const call = (method: keyof typeof CALL_CHANNELS, request?: unknown) =>
    runtime.router.dispatch(CALL_CHANNELS[method], request, caller);
  const results: Record<string, unknown> = {};
  if (step === 'enroll') {
    const admin = demoAccount('admin');
    results.signIn = await call('signIn', { username: admin.username, password: admin.password, staySignedIn: false });
    results.enroll = await call('enrollStation');
    results.signOut = await call('signOut');
  } else if (step === 'stay') {
    const nurse = demoAccount('nurse');
    results.signIn = await call('signIn', { username: nurse.username, password: nurse.password, staySignedIn: true });
    const control = await runtime.session.controlCredential(false);
    results.accessToken = control.ok ? (control.value?.token ?? null) : null;
  } else if (step === 'leave') {
    results.signOut = await call('signOut');
    results.forget = await call('forgetStation');
  }
  results.session = runtime.session.state();
  const view = await runtime.session.viewCredential(false);
  results.viewToken = view.ok ? (view.value?.token ?? null) : null;
  results.vaultAccounts = await vault.list();
  const secrets: Record<string, string | null> = {};
  for (const account of results.vaultAccounts as string[]) secrets[account] = await vault.get(account);
  results.vaultSecrets = secrets;
  await runtime.close();
  return results;
}

run().then(
  (report) => {
    console.log(JSON.stringify({ probe: step, ok: true, report }));
    process.exit(0);
  },
  (error: unknown) => {
    console.log(JSON.stringify({ probe: step, ok: false, error: String(error) }));
    process.exit(1);
  },
);
