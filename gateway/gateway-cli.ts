/**
 * `npm run gateway -- [--port 8420] [--host 127.0.0.1] [--ward "Ward 4B"]`: the ward gateway on its own, for a
 * ward whose stations share one gateway. Stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { createConsoleLogger, describeError } from '../common/logging/logger';
import { startGatewayServer } from './gateway-server';
import { DEFAULT_GATEWAY_PORT, DEFAULT_WARD_NAME, parsePort } from './gateway-defaults';

const logger = createConsoleLogger('gateway');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_GATEWAY_PORT) },
      host: { type: 'string', default: '127.0.0.1' },
      ward: { type: 'string', default: DEFAULT_WARD_NAME },
    },
    strict: true,
  });
  const gateway = await startGatewayServer({
    host: values.host,
    port: parsePort(values.port, '--port'),
    wardName: values.ward,
    logger,
  });
  console.log(`WardWatch gateway listening on ${gateway.url}`);
  const stop = (): void => {
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.error('gateway failed to start', { reason: describeError(error) });
  process.exit(1);
});
