/**
 * `npm run serve -- [--port 8430] [--gateway http://host:8420] [--station-name "Nurse station 1"]`:
 * the station in a browser. Without --gateway it embeds a gateway with the simulated ward. IT's managed policy
 * is read first (this platform's place, or `--policy-file F` — the browser host is a development and test host,
 * not what IT deploys); when it, or an option, keeps the station from starting, the address shows why.
 */
import { fileURLToPath } from 'node:url';
import { createConsoleLogger, describeError, type Logger } from '../common/logging/logger';
import { startBrowserHost } from './browser-host/browser-host';
import { browserHostStartArguments, parseBrowserHostArguments } from './station/station-options';
import { readStartupPolicy } from './policy/startup-policy';
import { platformPolicyPlace } from './policy/policy-place';
import { describeStartupProblem } from './policy/startup-problem';
import { serveStartupProblem } from './browser-host/startup-problem-page';
import { startStationRuntime } from './station/station-runtime';
import { createStationHostLogger } from './station/station-host-logger';
import { closeBeforeExit } from '../common/process/close-before-exit';

let logger: Logger = createConsoleLogger('station');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const start = browserHostStartArguments(argv);
  let options: ReturnType<typeof parseBrowserHostArguments>;
  try {
    const place =
      start.policyFile === undefined
        ? platformPolicyPlace(process.platform)
        : { kind: 'json' as const, path: start.policyFile };
    options = parseBrowserHostArguments(argv, await readStartupPolicy(place));
  } catch (error) {
    await showStartupProblem(start.port, error);
    return;
  }
  logger = createStationHostLogger(options);
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

/** Serves the reason the station did not start, until stopped; the station itself never runs. */
async function showStartupProblem(port: number, error: unknown): Promise<void> {
  logger.error('the station cannot start', { reason: describeError(error) });
  const page = await serveStartupProblem(port, describeStartupProblem(error));
  // The one line scripts and tests wait for instead of the ready line; keep its wording.
  console.log(`WardWatch station cannot start; the reason is shown at ${page.url}`);
  const stop = (): void => void page.close().then(() => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.error('the station failed to start', { reason: describeError(error) });
  process.exit(1);
});
