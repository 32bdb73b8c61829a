/**
 * Whether the station may install an update now (issue 18) — the one rule the Station screen, the admin's button
 * and the maintenance window all ask. A station restarts to install, and while it restarts it shows and sounds no
 * alarm: so never while any alarm stands on the ward or while the station cannot know (cut off from its gateway),
 * only where IT's policy allows updates, and by itself only within IT's install hours.
 */

/** IT's update settings, from the managed policy. */
export interface UpdatePolicy {
  readonly enabled: boolean;
  /** The hospital's server; null when updates are off. */
  readonly serverUrl: string | null;
  readonly channel: 'latest' | 'beta';
  /** Local minutes after midnight the install hours start and end (end may be before start: across midnight). */
  readonly installHours: { readonly fromMinute: number; readonly toMinute: number } | null;
}

/** Updates off: the station never looks for one. */
export const UPDATES_OFF: UpdatePolicy = { enabled: false, serverUrl: null, channel: 'latest', installHours: null };

/** What the decision looks at. */
export interface UpdateInstallInputs {
  readonly policy: UpdatePolicy;
  /** An update downloaded and verified, ready to install. */
  readonly ready: boolean;
  /** The alarms standing on the ward, as the station last heard; null when it cannot know (no link, no snapshot). */
  readonly standingAlarms: number | null;
  /** The station's local time, minutes after midnight. */
  readonly localMinute: number;
  /** Who asks: an admin at this station, or the maintenance window itself. */
  readonly by: 'admin' | 'install-hours';
}

/** The answer, with the reason in the words the Station screen shows. */
export type UpdateInstallDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Decides. */
export function mayInstallUpdate(inputs: UpdateInstallInputs): UpdateInstallDecision {
  const { policy } = inputs;
  if (!policy.enabled) return { allowed: false, reason: 'IT’s policy does not allow updates on this computer' };
  if (!inputs.ready) return { allowed: false, reason: 'no update is downloaded and verified' };
  if (inputs.standingAlarms === null)
    return { allowed: false, reason: 'the station cannot see the ward’s alarms now (no gateway link)' };
  if (inputs.standingAlarms > 0)
    return {
      allowed: false,
      reason: `${inputs.standingAlarms} alarm${inputs.standingAlarms === 1 ? ' is' : 's are'} active on the ward`,
    };
  if (inputs.by === 'install-hours') {
    if (policy.installHours === null)
      return { allowed: false, reason: 'IT set no install hours: an admin installs updates' };
    if (!withinHours(inputs.localMinute, policy.installHours))
      return { allowed: false, reason: `outside IT’s install hours (${describeInstallHours(policy.installHours)})` };
  }
  return { allowed: true };
}

/** True when `minute` (after midnight) is within the hours, which may cross midnight; the end is exclusive. */
export function withinHours(minute: number, hours: NonNullable<UpdatePolicy['installHours']>): boolean {
  const { fromMinute, toMinute } = hours;
  return fromMinute <= toMinute ? minute >= fromMinute && minute < toMinute : minute >= fromMinute || minute < toMinute;
}

/** `02:00–04:00`. */
export function describeInstallHours(hours: NonNullable<UpdatePolicy['installHours']>): string {
  const clock = (minute: number): string =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${clock(hours.fromMinute)}–${clock(hours.toMinute)}`;
}

/** `HH:MM-HH:MM` (as the policy schema checked it) → minutes after midnight. */
export function parseInstallHours(text: string): NonNullable<UpdatePolicy['installHours']> {
  const [from = '00:00', to = '00:00'] = text.split('-');
  const minute = (clock: string): number => {
    const [hours = 0, minutes = 0] = clock.split(':').map(Number);
    return hours * 60 + minutes;
  };
  return { fromMinute: minute(from), toMinute: minute(to) };
}
