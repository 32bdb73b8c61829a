/** Reads a policy file's bytes for the JSON and plist readers. */
import { readFile } from 'node:fs/promises';
import { PolicyError } from './station-policy';

/**
 * The bytes at `path`; null when there is no file (no policy). @throws PolicyError when it exists but cannot be
 * read — a policy IT wrote must never be skipped quietly.
 */
export async function readPolicyFile(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new PolicyError(path, [`cannot be read (${code ?? String(error)})`], { cause: error });
  }
}
