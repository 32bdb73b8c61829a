/**
 * The station's managed policy: read from the platform's managed place and validated, once at start. A station
 * with no policy there runs on its command line and defaults; one whose policy is unreadable or invalid does not
 * start at all (the hosts show why), because a half-applied lockdown is not what IT deployed.
 */
import { readJsonPolicyFile } from './json-policy-file';
import { readPlistPolicyFile } from './plist-policy-file';
import { readRegistryPolicy, type RunRegQuery } from './registry-policy';
import { describePlace, type PolicyPlace, type RawPolicy } from './policy-place';
import { parseStationPolicy, type StationPolicy } from './station-policy';

/** A policy found and valid, with where it came from. */
export interface ManagedPolicy {
  /** Where it was read, in words (a file path, a registry key). */
  readonly origin: string;
  readonly settings: StationPolicy;
}

/**
 * Reads and validates the policy at `place`; null when the place holds none (or an empty one).
 * @throws PolicyError when there is a policy but it cannot be read or is not valid.
 */
export async function readManagedPolicy(place: PolicyPlace, runRegQuery?: RunRegQuery): Promise<ManagedPolicy | null> {
  let raw: RawPolicy;
  if (place.kind === 'registry') raw = await readRegistryPolicy(place.key, runRegQuery);
  else if (place.kind === 'plist') raw = await readPlistPolicyFile(place.path);
  else raw = await readJsonPolicyFile(place.path);
  if (raw === null || Object.keys(raw).length === 0) return null;
  const origin = describePlace(place);
  return { origin, settings: parseStationPolicy(raw, origin) };
}
