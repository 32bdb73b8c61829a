/**
 * The queued-acknowledgments file: what is saved is loaded after a restart; a file that does not read as the
 * schema (hand-edited, cut by a full disk, from another version) is set aside under a new name — never deleted,
 * never guessed at — and the queue starts empty with a log line; a save that cannot be written is logged, not thrown.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACKNOWLEDGMENT_QUEUE_FILE,
  acknowledgmentQueueFile,
  type QueuedAcknowledgment,
} from '../../../../main/alarms/acknowledgment-queue-file';
import { createRecordingLogger } from '../../../support/recording-logger';

const ENTRY: QueuedAcknowledgment = {
  alarmId: 'bed-03:VF:1800000000000',
  idempotencyKey: '6f1c1f7e-9d7e-4c55-9a55-0c8a7c1f2b11',
  username: 'a.nurse',
  displayName: 'Ana Nurse',
  label: 'Bed 3 · VF',
  state: 'queued',
  reason: null,
};

describe('the queued-acknowledgments file', () => {
  it('loads what was saved, after a restart', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wardwatch-ackq-'));
    acknowledgmentQueueFile(folder, createRecordingLogger()).save([ENTRY]);
    expect(acknowledgmentQueueFile(folder, createRecordingLogger()).load()).toEqual([ENTRY]);
    // Replaced whole (temporary file, then rename): no temporary file is left behind.
    expect(readdirSync(folder)).toEqual([ACKNOWLEDGMENT_QUEUE_FILE]);
  });

  it.each([
    ['cut short', '{"version":1,"entries":[{"alarmId":"bed-0'],
    ['not JSON', 'hello'],
    ['another version', JSON.stringify({ version: 2, entries: [] })],
    ['an entry that breaks the schema', JSON.stringify({ version: 1, entries: [{ ...ENTRY, state: 'sent?' }] })],
  ])('sets a file that is %s aside and starts empty, saying so', (_label, text) => {
    const folder = mkdtempSync(join(tmpdir(), 'wardwatch-ackq-'));
    writeFileSync(join(folder, ACKNOWLEDGMENT_QUEUE_FILE), text);
    const logger = createRecordingLogger();
    expect(acknowledgmentQueueFile(folder, logger).load()).toEqual([]);
    const aside = readdirSync(folder).filter((name) => name.startsWith(`${ACKNOWLEDGMENT_QUEUE_FILE}.unreadable-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(folder, aside[0] as string), 'utf8')).toBe(text);
    expect(logger.lines.some((line) => line.level === 'error' && /set aside/.test(line.message))).toBe(true);
  });

  it('logs a save it cannot write, and does not throw', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wardwatch-ackq-'));
    // A file where the data folder should be: nothing can be written under it.
    const blocked = join(folder, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder should be');
    const logger = createRecordingLogger();
    expect(() => acknowledgmentQueueFile(blocked, logger).save([ENTRY])).not.toThrow();
    expect(logger.lines.some((line) => line.level === 'error' && /could not be saved/.test(line.message))).toBe(true);
  });
});
