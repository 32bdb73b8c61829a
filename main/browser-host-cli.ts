/**
 * `npm run serve -- [--port 8430] [--gateway http://host:8420] [--station-name "Nurse station 1"]`:
 * the station in a browser. Without --gateway it embeds a gateway with the simulated ward.
 */
import { fileURLToPath } from 'node:url';
import { createConsoleLogger, describeError, type Logger } from '../common/logging/logger';
import { createStationLogger } from './logging/station-log';
import { startBrowserHost } from './browser-host/browser-host';
import { parseBrowserHostArguments } from './station/station-options';
import { startStationRuntime } from './station/station-runtime';
import { closeBeforeExit } from '../common/process/close-before-exit';

let logger: Logger = createConsoleLogger('station');

async function main(): Promise<void> {
  const options = parseBrowserHostArguments(process.argv.slice(2));
  logger = createStationLogger('station', options.dataDir);
  const runtime = await startStationRuntime(options, 'browser-host', logger);
  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  const host = await startBrowserHost({
    port: options.port,
    rendererDir,
    runtime,
    logger: logger.child('browser-host'),
  });
  // The one line scripts and tests wait for; keep its wording.
  console.log(`WardWatch station ready at ${host.url}`);
  const stop = closeBeforeExit(
    async () => {
      await host.close();
      await runtime.close();
    },
    (code) => process.exit(code),
    logger,
  );
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
}

main().catch((error: unknown) => {
  logger.error('the station failed to start', { reason: describeError(error) });
  process.exit(1);
});
