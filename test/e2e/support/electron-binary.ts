/**
 * Whether an Electron binary is installed, found without `require('electron')`: since Electron 45 that call
 * downloads the binary on first use, which hangs or fails on a machine without internet.
 */
import { test, type ElectronApplication } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable path, or the reason there is none. */
export function findElectronBinary(): { path: string } | { missing: string } {
  const packageDir = join(process.cwd(), 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile) && override === undefined) {
    return {
      missing:
        'no Electron binary is installed (node_modules/electron/path.txt is absent; installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline)',
    };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const path = override !== undefined ? join(override, relative) : join(packageDir, 'dist', relative);
  return existsSync(path) ? { path } : { missing: `the Electron binary is missing at ${path}` };
}

/**
 * For an `_electron` spec file: skips it, with the reason in the report, where no binary is installed, and closes
 * the app each test launched. Call once at the top level; `track` the app a test launches.
 */
export function electronSpecSetup(): {
  readonly binary: ReturnType<typeof findElectronBinary>;
  track(app: ElectronApplication): ElectronApplication;
} {
  const binary = findElectronBinary();
  test.skip(
    'missing' in binary,
    `Electron e2e skipped: ${'missing' in binary ? binary.missing : ''}. Run npm test on a machine with the Electron binary.`,
  );
  let app: ElectronApplication | undefined;
  test.afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  return {
    binary,
    track: (launched) => {
      app = launched;
      return launched;
    },
  };
}
