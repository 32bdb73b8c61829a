/** Reads the Linux policy file (`/etc/wardwatch/policy.json`), or any JSON policy file. */
import { readPolicyFile } from './policy-file';
import { PolicyError } from './station-policy';
import type { RawPolicy } from './policy-place';

/**
 * The settings in the JSON file at `path`; null when there is no file (no policy). @throws PolicyError when the file
 * exists but cannot be read or is not one JSON object — a policy IT wrote must never be skipped quietly.
 */
export async function readJsonPolicyFile(path: string): Promise<RawPolicy> {
  const bytes = await readPolicyFile(path);
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
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
