/**
 * `npm run gateway -- [--port 8420] [--host 127.0.0.1] [--ward "Ward 4B"] [--source sim|record:<path>]
 * [--beds 16] [--seed 1] [--scenario-file script.json] [--data-dir folder] [--admin username]`: the ward gateway
 * on its own, for a ward whose stations share one gateway. With `--admin`, the first administrator's password
 * is read from standard input. Stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { createConsoleLogger, describeError } from '../common/logging/logger';
import { DEFAULT_GATEWAY_PORT, DEFAULT_WARD_NAME, parsePort } from './gateway-defaults';
import { startGatewayServer } from './gateway-server';
import { createGatewayClock } from './streaming/gateway-clock';
import { buildWard, WARD_ARGUMENTS, wardSetupFromArguments } from './ward-setup';
import { databaseLocationFrom, IDENTITY_ARGUMENTS } from './identity/identity-arguments';
import { startGatewayIdentity, type InitialUsers } from './identity/gateway-identity';
import { readSecret } from './tools/read-secret';

const logger = createConsoleLogger('gateway');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_GATEWAY_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      ward: { type: 'string', default: DEFAULT_WARD_NAME },
      ...WARD_ARGUMENTS,
      ...IDENTITY_ARGUMENTS,
    },
    strict: true,
  });
  const setup = wardSetupFromArguments(values);
  const location = databaseLocationFrom(values);
  const initial: InitialUsers =
    values.admin !== undefined
      ? { kind: 'admin', username: values.admin, password: await readSecret(`Password for the new administrator ${values.admin}: `) }
      : setup.source.kind === 'sim'
        ? { kind: 'demo' }
        : { kind: 'none' };
  if (location.kind === 'memory') logger.warn('users are kept in memory only; pass --data-dir to keep them across restarts');
  const identity = startGatewayIdentity(location, initial, logger.child('identity'));
  const clock = createGatewayClock();
  const beds = await buildWard(setup, clock(), logger);
  const gateway = await startGatewayServer({
    host: values.host,
    port: parsePort(values.port, '--port'),
    wardName: values.ward,
    logger,
    beds,
    clock,
  });
  console.log(`WardWatch gateway listening on ${gateway.url} with ${beds.length} beds`);
  const stop = (): void => {
    void gateway
      .close()
      .then(() => identity.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.error('gateway failed to start', { reason: describeError(error) });
  console.error(`WardWatch gateway could not start: ${describeError(error)}`);
  process.exit(1);
});
