/**
 * The demo accounts of a simulated ward, one per role, so that a demonstration or a test can sign in at once.
 * Documented in the README; never created for a ward that streams real patients.
 */
import type { Role } from '../../common/identity/roles';
import type { UserStore } from './user-store';

/** Username, display name, role and password of each demo account. */
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role; password: string }[] = [
  { username: 'demo.nurse', displayName: 'Demo Nurse', role: 'nurse', password: 'demo-nurse-4B' },
  { username: 'demo.physician', displayName: 'Demo Physician', role: 'physician', password: 'demo-physician-4B' },
  { username: 'demo.admin', displayName: 'Demo IT Admin', role: 'admin', password: 'demo-admin-4B' },
];

/** Creates the demo accounts that do not exist yet. */
export async function ensureDemoAccounts(users: UserStore): Promise<number> {
  const existing = new Set((await users.list()).map((user) => user.username));
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.username)) continue;
    await users.add(account);
    created += 1;
  }
  return created;
}
