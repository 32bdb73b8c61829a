/**
 * The packaging configuration hospital IT installs from (issue 18): valid by electron-builder's own schema, every
 * Electron fuse stated and equal to the typed table, ASAR integrity on, the installers mass deployment needs
 * (MSI and NSIS per-machine, deb and rpm with the policy folder, dmg and pkg, AppImage), signing and notarization
 * required and taken from the environment only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STATION_FUSES } from '../../main/electron/security/station-fuses';

type Config = Record<string, unknown>;
const text = readFileSync('electron-builder.yml', 'utf8');
const config = parse(text) as Config;
const section = (name: string): Config => config[name] as Config;

/** electron-builder's own configuration check (app-builder-lib), as `electron-builder` runs it before a build. */
async function electronBuilderRefusal(candidate: Config): Promise<string | null> {
  const require = createRequire(import.meta.url);
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(config: Config, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  try {
    await validateConfiguration(structuredClone(candidate), new DebugLogger(false));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts (and its check refuses a misspelt option)', async () => {
    expect(await electronBuilderRefusal(config)).toBeNull();
    expect(await electronBuilderRefusal({ ...config, msi: { ...section('msi'), perMachin: true } })).toMatch(
      /configuration\.msi/,
    );
  });

  it('sets every fuse explicitly, to the values of station-fuses.ts, with ASAR integrity on', () => {
    expect(config.electronFuses).toEqual(STATION_FUSES);
    expect(STATION_FUSES).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('builds the installers mass deployment needs, per machine', () => {
    expect(section('win').target).toEqual(['msi', 'nsis']);
    expect(section('msi')).toMatchObject({ perMachine: true, oneClick: true, runAfterFinish: false });
    expect(section('msi').upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(section('nsis')).toMatchObject({ perMachine: true, runAfterFinish: false, deleteAppDataOnUninstall: false });
    expect(section('linux').target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(section('mac').target).toEqual(['dmg', 'pkg', 'zip']);
    expect(section('pkg')).toMatchObject({ installLocation: '/Applications', isRelocatable: false });
    expect(config.appId).toBe('org.wardwatch.station');
    expect(config.productName).toBe('WardWatch');
  });

  it('puts the policy folder with its sample in the deb and the rpm, and ships IT’s templates', () => {
    for (const target of ['deb', 'rpm'])
      expect(section(target).fpm, target).toContain('assets/policy/policy.json=/etc/wardwatch/policy.json.sample');
    expect(config.extraResources).toContainEqual({ from: 'assets/policy', to: 'policy' });
  });

  it('requires signing and notarization, with every identity and password from the environment', () => {
    expect(config.forceCodeSigning).toBe(true);
    expect(section('mac')).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(section('win')).toMatchObject({ verifyUpdateCodeSignature: true });
    expect((section('win').signtoolOptions as Config).signingHashAlgorithms).toEqual(['sha256']);
    // No certificate, password or Apple credential is in the file: electron-builder reads them from CSC_LINK,
    // CSC_KEY_PASSWORD, APPLE_API_KEY… of the build machine.
    expect(text).not.toMatch(
      /cscLink|cscKeyPassword|certificatePassword|certificateFile|appleIdPassword|teamId|identity:/,
    );
  });
});
