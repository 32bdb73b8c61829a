/**
 * The update metadata electron-builder writes (latest.yml: version, files with url/sha512/size, the deprecated
 * path/sha512, releaseDate), checked before the station downloads anything.
 */
import { describe, expect, it } from 'vitest';
import { metadataFileName, parseUpdateMetadata, UpdateMetadataError } from '../../../../main/updates/update-metadata';

const SHA = `${'A'.repeat(85)}Q==`;
const SERVER = 'https://updates.hospital.example/wardwatch/latest-linux.yml';
const latest = (version: string, url = `WardWatch-${version}-linux-x86_64.AppImage`): string =>
  [
    `version: ${version}`,
    'files:',
    `  - url: ${url}`,
    `    sha512: ${SHA}`,
    '    size: 123456789',
    '    blockMapSize: 130000',
    `path: ${url}`,
    `sha512: ${SHA}`,
    "releaseDate: '2026-11-30T09:12:44.123Z'",
    'releaseName: Ward release 2',
    '',
  ].join('\n');

describe('update metadata', () => {
  it('offers a newer version with its file on the same server', () => {
    expect(parseUpdateMetadata(latest('0.2.0'), SERVER, '0.1.0', 'latest')).toEqual({
      version: '0.2.0',
      releaseDate: '2026-11-30T09:12:44.123Z',
      releaseName: 'Ward release 2',
      fileUrl: 'https://updates.hospital.example/wardwatch/WardWatch-0.2.0-linux-x86_64.AppImage',
      sha512: SHA,
    });
  });

  it('offers nothing for the same or an older version: a station never goes back', () => {
    expect(parseUpdateMetadata(latest('0.1.0'), SERVER, '0.1.0', 'latest')).toBeNull();
    expect(parseUpdateMetadata(latest('0.0.9'), SERVER, '0.1.0', 'latest')).toBeNull();
  });

  it('refuses a file on another server, even by an absolute address', () => {
    expect(() =>
      parseUpdateMetadata(latest('0.2.0', 'https://evil.example/WardWatch.AppImage'), SERVER, '0.1.0', 'latest'),
    ).toThrow(/on https:\/\/evil\.example, not on the hospital's update server https:\/\/updates\.hospital\.example/);
    expect(() => parseUpdateMetadata(latest('0.2.0', '//evil.example/x.AppImage'), SERVER, '0.1.0', 'latest')).toThrow(
      UpdateMetadataError,
    );
  });

  it('refuses what electron-builder would not write, naming the field', () => {
    expect(() => parseUpdateMetadata(latest('0.2.0').replace(SHA, 'abc'), SERVER, '0.1.0', 'latest')).toThrow(
      /files\.0\.sha512: expected a SHA-512/,
    );
    expect(() => parseUpdateMetadata(latest('two'), SERVER, '0.1.0', 'latest')).toThrow(/version: expected a semantic/);
    expect(() => parseUpdateMetadata('version: 1.0.0\n', SERVER, '0.1.0', 'latest')).toThrow(/files/);
    expect(() => parseUpdateMetadata('{{{', SERVER, '0.1.0', 'latest')).toThrow(/not YAML|not valid/);
    expect(() => parseUpdateMetadata('- a list', SERVER, '0.1.0', 'latest')).toThrow(/not valid/);
  });

  it('refuses a pre-release on the latest channel, and takes it on beta', () => {
    expect(() => parseUpdateMetadata(latest('0.2.0-beta.1'), SERVER, '0.1.0', 'latest')).toThrow(/pre-release/);
    expect(parseUpdateMetadata(latest('0.2.0-beta.1'), SERVER, '0.1.0', 'beta')?.version).toBe('0.2.0-beta.1');
  });

  it('is read from the file electron-builder names for each platform and channel', () => {
    expect(['win32', 'darwin', 'linux'].map((platform) => metadataFileName('latest', platform))).toEqual([
      'latest.yml',
      'latest-mac.yml',
      'latest-linux.yml',
    ]);
    expect(metadataFileName('beta', 'darwin')).toBe('beta-mac.yml');
  });
});
