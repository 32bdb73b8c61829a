/**
 * A scenario file with no steps: the simulated ward without its demo events (gateway/simulator/demo-events.ts), for
 * tests, fault runs and benchmarks that count alarms or watch tiles and must see only what they cause.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes the file in a folder of its own and returns its path. */
export function calmWardScenarioFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wardwatch-calm-')), 'calm.json');
  writeFileSync(file, JSON.stringify({ beds: {} }));
  return file;
}
