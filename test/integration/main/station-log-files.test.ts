/**
 * The station's log files on a real disk: one per local day, the policy's level, and IT's retention — files older
 * than it are deleted when the station starts and when a new day begins, other files in the folder are left alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStationLogger, stationLogPath } from '../../../main/logging/station-log';

const folder = (): string => mkdtempSync(join(tmpdir(), 'wardwatch-log-'));
/** Waits for the write streams to flush. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

describe('the station’s log files', () => {
  it('are one per day, and keep only the lines at or above the policy’s level', async () => {
    const data = folder();
    let now = new Date(2026, 11, 3, 23, 59);
    const logger = createStationLogger('station', data, { minimum: 'warn', now: () => now });
    logger.info('an info line');
    logger.warn('before midnight');
    now = new Date(2026, 11, 4, 0, 1);
    logger.child('link').error('after midnight');
    await settle();
    const first = readFileSync(stationLogPath(data, new Date(2026, 11, 3)), 'utf8');
    const second = readFileSync(stationLogPath(data, new Date(2026, 11, 4)), 'utf8');
    expect(first).toContain('before midnight');
    expect(first).not.toContain('an info line');
    expect(second).toContain('"scope":"station/link"');
    expect(second).toContain('after midnight');
  });

  it('older than the retention are deleted at start and at a new day; others are kept', async () => {
    const data = folder();
    const logs = join(data, 'logs');
    mkdirSync(logs, { recursive: true });
    for (const day of ['2026-11-01', '2026-11-27', '2026-11-28', '2026-12-01'])
      writeFileSync(join(logs, `station-${day}.log`), 'old\n');
    writeFileSync(join(logs, 'station.log'), 'a log from before daily files\n');
    writeFileSync(join(logs, 'notes.txt'), 'IT’s own notes\n');
    let now = new Date(2026, 11, 3, 10, 0);
    const logger = createStationLogger('station', data, { retentionDays: 7, now: () => now });
    logger.info('started');
    await settle();
    // 7 days up to 3 December: 27 November and later.
    expect(readdirSync(logs).sort()).toEqual([
      'notes.txt',
      'station-2026-11-27.log',
      'station-2026-11-28.log',
      'station-2026-12-01.log',
      'station-2026-12-03.log',
      'station.log',
    ]);
    now = new Date(2026, 11, 4, 0, 0, 5);
    logger.info('a new day');
    await settle();
    expect(existsSync(join(logs, 'station-2026-11-27.log'))).toBe(false);
    expect(existsSync(join(logs, 'station-2026-11-28.log'))).toBe(true);
    expect(existsSync(join(logs, 'station-2026-12-04.log'))).toBe(true);
  });
});
