/**
 * The demo accounts of a simulated ward, one per role, so that a demonstration or a test can sign in at once.
 * Documented in the README; disabled whenever the gateway runs real patients (initial-users.ts).
 */
import type { Role } from '../../common/identity/roles';
import type { UserStore } from './user-store';

/** Username, display name, role and password of each demo account. */
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role; password: string }[] = [
  { username: 'demo.nurse', displayName: 'Demo Nurse', role: 'nurse', password: 'demo-nurse-4B' },
  { username: 'demo.physician', displayName: 'Demo Physician', role: 'physician', password: 'demo-physician-4B' },
  { username: 'demo.admin', displayName: 'Demo IT Admin', role: 'admin', password: 'demo-admin-4B' },
];

/** Usernames starting with this are the demo accounts' alone: no admin can create one (user-store.ts). */
export const DEMO_USERNAME_PREFIX = 'demo.';

/** True for a demo account's username. */
export function isDemoUsername(username: string): boolean {
  return username.startsWith(DEMO_USERNAME_PREFIX);
}

/** Creates the demo accounts that do not exist yet. */
export async function ensureDemoAccounts(users: UserStore): Promise<number> {
  const existing = new Set((await users.list()).map((user) => user.username));
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.username)) continue;
    await users.add(account, { demo: true });
    created += 1;
  }
  return created;
}
