/**
 * The desktop app's part of controlled updates (main/updates/): electron-updater, set to the hospital's server from
 * IT's policy with nothing automatic — no download until the station asks, no install on quit, no downgrade. It
 * verifies what it downloads (the SHA-512 of the metadata the station already checked, and on Windows the
 * publisher's Authenticode signature, `verifyUpdateCodeSignature` in electron-builder.yml); macOS's updater checks
 * the code signature itself. Type-checked here; it needs a packaged, signed app to run.
 */
import electronUpdater from 'electron-updater';
import type { Logger } from '../../common/logging/logger';
import type { UpdatePolicy } from '../updates/update-decision';
import type { UpdateInstaller } from '../updates/update-service';

/** An installer for the policy's server, or null when the policy allows no updates. */
export function createElectronUpdateInstaller(policy: UpdatePolicy, logger: Logger): UpdateInstaller | null {
  if (!policy.enabled || policy.serverUrl === null) return null;
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = {
    info: (message?: unknown) => logger.info(String(message)),
    warn: (message?: unknown) => logger.warn(String(message)),
    error: (message?: unknown) => logger.error(String(message)),
    debug: (message: string) => logger.debug(message),
  };
  autoUpdater.setFeedURL({ provider: 'generic', url: policy.serverUrl, channel: policy.channel });
  // Setting the channel allows downgrades (electron-updater's rule); a station never goes back a version.
  autoUpdater.channel = policy.channel;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = policy.channel !== 'latest';
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  return {
    async download(offer) {
      const result = await autoUpdater.checkForUpdates();
      const version = result?.updateInfo.version;
      if (version !== offer.version)
        throw new Error(
          `the server's metadata changed while the station checked it (${String(version)} ≠ ${offer.version})`,
        );
      await autoUpdater.downloadUpdate();
    },
    install() {
      // Silent (the policy already allowed it) and start again afterwards: the ward must come back by itself.
      autoUpdater.quitAndInstall(true, true);
    },
  };
}
