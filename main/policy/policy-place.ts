/**
 * Where each platform keeps the policies IT manages, and the raw settings read from there. The readers are thin
 * on purpose: they bring names and values as the platform stores them, and station-policy.ts alone decides what
 * is valid, so that the three platforms cannot drift apart in what they accept.
 */

/** A platform's managed place. */
export type PolicyPlace =
  | { readonly kind: 'registry'; readonly key: string }
  | { readonly kind: 'plist'; readonly path: string }
  | { readonly kind: 'json'; readonly path: string };

/** Windows: the key Group Policy and Intune write to (machine-wide; a user cannot write under HKLM). */
export const WINDOWS_POLICY_KEY = 'HKLM\\Software\\Policies\\WardWatch';
/** macOS: the file the MDM's configuration profile for our bundle id becomes (root-owned). */
export const MACOS_POLICY_FILE = '/Library/Managed Preferences/org.wardwatch.station.plist';
/** Linux: the file IT's configuration management writes (root-owned, as /etc is). */
export const LINUX_POLICY_FILE = '/etc/wardwatch/policy.json';

/** The managed place of `platform` (a `process.platform` value). */
export function platformPolicyPlace(platform: string): PolicyPlace {
  if (platform === 'win32') return { kind: 'registry', key: WINDOWS_POLICY_KEY };
  if (platform === 'darwin') return { kind: 'plist', path: MACOS_POLICY_FILE };
  return { kind: 'json', path: LINUX_POLICY_FILE };
}

/** Human words for a place, as messages and the Station screen name it. */
export function describePlace(place: PolicyPlace): string {
  return place.kind === 'registry' ? `registry key ${place.key}` : place.path;
}

/** Settings as a platform stored them; null when the platform holds no policy for WardWatch. */
export type RawPolicy = Readonly<Record<string, unknown>> | null;
