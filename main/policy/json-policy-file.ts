/** Reads the Linux policy file (`/etc/wardwatch/policy.json`), or any JSON policy file. */
import { readFile } from 'node:fs/promises';
import { PolicyError } from './station-policy';
import type { RawPolicy } from './policy-place';

/**
 * The settings in the JSON file at `path`; null when there is no file (no policy). @throws PolicyError when the file
 * exists but cannot be read or is not one JSON object — a policy IT wrote must never be skipped quietly.
 */
export async function readJsonPolicyFile(path: string): Promise<RawPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PolicyError(path, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`], {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PolicyError(path, [`is not JSON (${error instanceof Error ? error.message : String(error)})`], {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new PolicyError(path, ['must hold one JSON object of settings, e.g. {"AutoLockMaxMinutes": 10}']);
  return parsed as Record<string, unknown>;
}
