/** The policy a station host reads once at start, before it parses its command line. */
import type { PolicyInput } from '../station/station-options';
import { readManagedPolicy } from './managed-policy';
import { describePlace, type PolicyPlace } from './policy-place';

/**
 * Reads the policy at `place` for a host's start. @throws PolicyError when a policy is there but unreadable or
 * invalid: the host shows that instead of starting.
 */
export async function readStartupPolicy(place: PolicyPlace): Promise<PolicyInput> {
  return { policy: await readManagedPolicy(place), place: describePlace(place) };
}
