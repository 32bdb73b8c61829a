/**
 * Who may do what, in one table (DESIGN.md §4): only the clinical roles acknowledge and pause alarms; clinicians
 * and IT read history; only IT (admin) changes alarm policy, station settings, enrollments and users. A station signed
 * in with its own secret, and any `view`-scoped token, may only watch the ward. The gateway checks every socket
 * event against this table; the station's main side ({@link sessionMay}) and UI use the same table to decide which
 * controls to offer and which actions to refuse before asking the gateway.
 */
import type { Role } from './roles';
import type { Principal } from './principal';

/** Everything a gateway client can ask to do. */
export const ACTIONS = [
  'ward.view',
  'alarm.acknowledge',
  'alarm.pause-audio',
  'history.read',
  'policy.change',
  'settings.change',
  'station.enroll',
  'users.manage',
  'security.review',
  'simulator.control',
  'devices.assign',
  'vitals.export',
  'observations.chart',
  'remote.manage',
  'station.update',
] as const;

/** One of {@link ACTIONS}. */
export type Action = (typeof ACTIONS)[number];

/** The roles allowed each action (a `full`-scoped user token). */
export const ROLES_ALLOWED: Readonly<Record<Action, readonly Role[]>> = {
  'ward.view': ['nurse', 'physician', 'admin'],
  'alarm.acknowledge': ['nurse', 'physician'],
  'alarm.pause-audio': ['nurse', 'physician'],
  'history.read': ['nurse', 'physician', 'admin'],
  'policy.change': ['admin'],
  'settings.change': ['admin'],
  'station.enroll': ['admin'],
  'users.manage': ['admin'],
  'security.review': ['admin'],
  // The demo ward's simulator is driven by whoever runs the training session, an admin.
  'simulator.control': ['admin'],
  // Which device feeds which bed decides whose numerics a nurse reads: hospital IT (biomed) sets it.
  'devices.assign': ['admin'],
  // Sending a bed's vitals to the chart now is what a nurse does before a handover or a transfer.
  'vitals.export': ['nurse', 'physician', 'admin'],
  // Oxygen, consciousness and a temperature are observed at the bedside by a clinician; IT has nothing to chart.
  'observations.chart': ['nurse', 'physician'],
  // Enrolling a patient at home, their thresholds and their devices are a remote-care clinician's decisions.
  'remote.manage': ['nurse', 'physician'],
  // Installing restarts the station (no alarms while it does): hospital IT's decision, within IT's policy.
  'station.update': ['admin'],
};

/** True when `principal` may perform `action`. */
export function mayPerform(principal: Principal, action: Action): boolean {
  if (action === 'ward.view') return true;
  if (principal.kind !== 'user' || principal.scope !== 'full') return false;
  return ROLES_ALLOWED[action].includes(principal.role);
}

/**
 * Whether the user a station's session shows (its role, and whether the station is locked) may perform `action`
 * now — the same table the gateway checks, so the UI never offers what the gateway would refuse.
 */
export function sessionMay(
  session: { readonly user: { readonly role: Role } | null; readonly locked: boolean } | null,
  action: Action,
): boolean {
  if (session === null || session.user === null || session.locked) return false;
  return action === 'ward.view' || ROLES_ALLOWED[action].includes(session.user.role);
}

/** The roles that may perform `action`, in words ("a nurse or physician", "an admin"). */
export function rolesAllowedPhrase(action: Action): string {
  return withArticle(ROLES_ALLOWED[action].join(' or '));
}

/** Why an action was refused, in words the UI can show as they are. */
export function refusalMessage(principal: Principal, action: Action): string {
  if (principal.kind === 'station')
    return `this station is signed in as itself and may only show the ward; sign in to ${ACTION_PHRASES[action]}`;
  if (principal.scope === 'view') return `a view-only connection cannot ${ACTION_PHRASES[action]}`;
  return `${withArticle(principal.role)} may not ${ACTION_PHRASES[action]}; only ${rolesAllowedPhrase(action)} may`;
}

/** "a nurse", "an admin". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

const ACTION_PHRASES: Readonly<Record<Action, string>> = {
  'ward.view': 'view the ward',
  'alarm.acknowledge': 'acknowledge alarms',
  'alarm.pause-audio': 'pause alarm audio',
  'history.read': 'read the alarm history',
  'policy.change': 'change the alarm policy',
  'settings.change': 'change station settings',
  'station.enroll': 'enroll stations',
  'users.manage': 'manage users',
  'security.review': 'review the security log',
  'simulator.control': 'change a simulated patient’s scenario',
  'devices.assign': 'assign devices to beds',
  'vitals.export': 'send vitals to the EMR',
  'observations.chart': 'chart a patient’s observations',
  'remote.manage': 'enroll remote patients and their devices',
  'station.update': 'install updates',
};
