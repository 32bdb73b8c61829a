/**
 * Reads macOS managed preferences (`/Library/Managed Preferences/org.wardwatch.station.plist`), which macOS writes
 * from an MDM's configuration profile — usually as a binary plist, so both forms are read (the `plist` package,
 * which parses XML and binary property lists; decision 0027).
 */
import { readPolicyFile } from './policy-file';
import { parse, parseBinary, type PlistValue } from 'plist';
import { PolicyError } from './station-policy';
import type { RawPolicy } from './policy-place';

const BINARY_MAGIC = 'bplist00';

/**
 * The settings in the plist at `path`; null when there is none. A profile's own bookkeeping keys (`PayloadUUID`,
 * `PayloadType`…) are not settings and are left out. @throws PolicyError when the file exists but cannot be read,
 * is not a property list, or does not hold a dictionary.
 */
export async function readPlistPolicyFile(path: string): Promise<RawPolicy> {
  const bytes = await readPolicyFile(path);
  if (bytes === null) return null;
  let value: PlistValue;
  try {
    value =
      bytes.subarray(0, BINARY_MAGIC.length).toString('latin1') === BINARY_MAGIC
        ? parseBinary(bytes)
        : parse(bytes.toString('utf8'));
  } catch (error) {
    throw new PolicyError(
      path,
      [`is not a property list (${error instanceof Error ? error.message : String(error)})`],
      {
        cause: error,
      },
    );
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Date ||
    value instanceof Uint8Array
  )
    throw new PolicyError(path, ['must hold one dictionary of settings']);
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('Payload')));
}
