/**
 * The packaging configuration hospital IT installs from: every Electron fuse stated and equal to the typed
 * table, native modules unpacked from asar, the targets the product promises.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STATION_FUSES } from '../../main/electron/security/station-fuses';

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('sets every fuse explicitly, to the values of station-fuses.ts', () => {
    expect(config.electronFuses).toEqual(STATION_FUSES);
  });

  it('keeps the release binary from running as Node or taking inspector and NODE_OPTIONS input', () => {
    expect(STATION_FUSES).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('unpacks native modules from asar and builds the promised targets', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect(config.appId).toBe('org.wardwatch.station');
    expect(config.productName).toBe('WardWatch');
  });
});
