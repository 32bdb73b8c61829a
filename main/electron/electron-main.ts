/**
 * Entry of the Electron app (`npm start`). Order matters: privileged scheme before ready, single-instance lock
 * first, guards on every web contents, the station runtime (embedded gateway, link, router) before the window.
 */
import { app, BrowserWindow, dialog, powerSaveBlocker, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { createConsoleLogger, describeError, type Logger } from '../../common/logging/logger';
import { parseElectronArguments, type ElectronStationOptions } from '../station/station-options';
import { readStartupPolicy } from '../policy/startup-policy';
import { platformPolicyPlace } from '../policy/policy-place';
import { describeStartupProblem } from '../policy/startup-problem';
import { NO_LIMITS } from '../policy/apply-policy';
import { createElectronUpdateInstaller } from './update-installer';
import { startStationRuntime, type StationRuntime } from '../station/station-runtime';
import { createStationHostLogger } from '../station/station-host-logger';
import { closeBeforeExit } from '../../common/process/close-before-exit';
import { registerIpcMainTransport } from './ipc-main-transport';
import { createPdfExporter } from './pdf-export';
import { createMainWindow } from './main-window';
import { registerAppSchemePrivileges, serveRenderer } from './security/app-protocol';
import { guardNavigation } from './security/navigation-guard';
import { guardSession } from './security/session-guard';
import { pinGatewayCertificates } from './security/certificate-pinning';

let logger: Logger = createConsoleLogger('station');

registerAppSchemePrivileges();
app.enableSandbox();
// Alarms must sound on an unattended wall display, without a click first.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');

if (!app.requestSingleInstanceLock()) {
  // A second station on the same display would double every alarm sound; hand over to the first one.
  logger.info('another WardWatch station is already running on this computer; focusing it');
  app.quit();
} else {
  void startStation().catch((error: unknown) => {
    logger.error('the station failed to start', { reason: describeError(error) });
    app.exit(1);
  });
}

async function startStation(): Promise<void> {
  let parsed: ElectronStationOptions;
  try {
    // IT's policy first (this platform's managed place only: the desktop app takes no policy from anywhere else).
    parsed = parseElectronArguments(
      process.argv.slice(1),
      await readStartupPolicy(platformPolicyPlace(process.platform)),
    );
  } catch (error) {
    // A native dialog, not a log line nobody reads: the station is not monitoring, and IT must see why.
    logger.error('the station cannot start', { reason: describeError(error) });
    const problem = describeStartupProblem(error);
    await app.whenReady();
    dialog.showErrorBox(problem.title, `${problem.lines.join('\n')}\n\n${problem.advice}`);
    app.exit(1);
    return;
  }
  // The desktop app keeps its log and the embedded gateway's database in the OS's per-user app-data folder.
  const options = { ...parsed, dataDir: parsed.dataDir ?? app.getPath('userData') };
  logger = createStationHostLogger(options);
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, logger.child('navigation')));
  await app.whenReady();

  const updateInstaller = createElectronUpdateInstaller(
    (options.policy?.limits ?? NO_LIMITS).updates,
    logger.child('updater'),
  );
  const runtime: StationRuntime = await startStationRuntime(options, 'electron', logger, undefined, {
    saveAsPdf: createPdfExporter(logger.child('pdf')),
    ...(updateInstaller === null ? {} : { updateInstaller }),
  });
  const gatewayUrls = [runtime.gatewayUrl, ...runtime.fallbackGatewayUrls];
  guardSession(session.defaultSession, gatewayUrls, logger.child('session'));
  pinGatewayCertificates(session.defaultSession, gatewayUrls, options.tls, logger.child('tls'));
  serveRenderer(session.defaultSession, fileURLToPath(new URL('../renderer/', import.meta.url)), gatewayUrls);
  const stopIpc = registerIpcMainTransport(runtime.router, runtime.events, logger.child('ipc'));

  const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
  // One window, or one kiosk window per wall display with its share of the beds.
  const openWindows = (): BrowserWindow[] => {
    const displays = options.wallDisplays;
    const minimizable = options.policy?.limits.allowMinimize ?? true;
    if (displays.length === 0)
      return [createMainWindow({ preloadPath, wallDisplay: null, page: null, minimizable, logger })];
    return displays.map((display, index) =>
      createMainWindow({
        preloadPath,
        wallDisplay: display,
        page: displays.length > 1 ? { index: index + 1, count: displays.length } : null,
        minimizable,
        logger,
      }),
    );
  };
  let windows = openWindows();
  // The display must never go to sleep in front of a nurse; the blocker lasts as long as the app.
  const sleepBlocker = powerSaveBlocker.start('prevent-display-sleep');

  app.on('second-instance', () => {
    if (windows.every((window) => window.isDestroyed())) windows = openWindows();
    const first = windows.find((window) => !window.isDestroyed());
    if (first?.isMinimized()) first.restore();
    first?.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) windows = openWindows();
  });
  app.on('window-all-closed', () => app.quit());
  // app.exit() after closing does not emit will-quit again; the handler holds back any quit while it closes.
  app.on(
    'will-quit',
    closeBeforeExit(
      async () => {
        powerSaveBlocker.stop(sleepBlocker);
        stopIpc();
        await runtime.close();
      },
      (code) => app.exit(code),
      logger,
    ),
  );
}
