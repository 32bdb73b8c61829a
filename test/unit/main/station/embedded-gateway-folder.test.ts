/**
 * A station upgraded from the old layout keeps its embedded gateway's users, journal and waveforms: the old
 * `gateway-db/` and `gateway-disclosure/` folders move into `gateway/database/` and `gateway/disclosure/`, the
 * layout of every gateway data folder; a folder already in place is never overwritten.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedGatewayFolder } from '../../../../main/station/embedded-gateway-folder';
import { createRecordingLogger } from '../../../support/recording-logger';

describe('the embedded gateway’s data folder', () => {
  it('moves the old layout into place, once', () => {
    const station = mkdtempSync(join(tmpdir(), 'wardwatch-station-'));
    mkdirSync(join(station, 'gateway-db'));
    writeFileSync(join(station, 'gateway-db', 'PG_VERSION'), '17');
    mkdirSync(join(station, 'gateway-disclosure', 'bed-01'), { recursive: true });
    const logger = createRecordingLogger();
    const folder = embeddedGatewayFolder(station, logger);
    expect(folder).toBe(join(station, 'gateway'));
    expect(readFileSync(join(folder, 'database', 'PG_VERSION'), 'utf8')).toBe('17');
    expect(existsSync(join(folder, 'disclosure', 'bed-01'))).toBe(true);
    expect(existsSync(join(station, 'gateway-db'))).toBe(false);
    expect(logger.lines.filter((line) => line.message.startsWith('moved'))).toHaveLength(2);
  });

  it('leaves a folder in the new layout alone, even beside an old one', () => {
    const station = mkdtempSync(join(tmpdir(), 'wardwatch-station-'));
    mkdirSync(join(station, 'gateway', 'database'), { recursive: true });
    writeFileSync(join(station, 'gateway', 'database', 'PG_VERSION'), 'new');
    mkdirSync(join(station, 'gateway-db'));
    writeFileSync(join(station, 'gateway-db', 'PG_VERSION'), 'old');
    embeddedGatewayFolder(station, createRecordingLogger());
    expect(readFileSync(join(station, 'gateway', 'database', 'PG_VERSION'), 'utf8')).toBe('new');
    expect(readFileSync(join(station, 'gateway-db', 'PG_VERSION'), 'utf8')).toBe('old');
  });

  it('creates nothing for a new station until the gateway writes', () => {
    const station = mkdtempSync(join(tmpdir(), 'wardwatch-station-'));
    expect(embeddedGatewayFolder(station, createRecordingLogger())).toBe(join(station, 'gateway'));
    expect(existsSync(join(station, 'gateway'))).toBe(false);
  });
});
