/**
 * Who a ward starts with, applied every time the gateway opens its database — not only the first time, because a
 * data folder outlives the way it was first started. Demo accounts (published passwords, README) exist only while
 * the gateway runs a simulated ward: started on real patients (recordings, devices) the same folder's demo
 * accounts are disabled, their sessions ended and the stations they enrolled forgotten. `--admin` creates the
 * first real administrator whenever no real (non-demo) user exists, so a folder first used for a demo can still
 * be given one.
 */
import type { Logger } from '../../common/logging/logger';
import type { StationEnrollments } from '../auth/station-enrollments';
import { DEMO_ACCOUNTS, ensureDemoAccounts, isDemoUsername } from './demo-accounts';
import type { UserStore } from './user-store';

/** Who the ward starts with. */
export type InitialUsers =
  /** A simulated ward: the demo accounts, one per role. */
  | { readonly kind: 'demo' }
  /**
   * A first administrator, created when no real user exists; `simulated` keeps the demo accounts as well (a
   * simulated ward given its own admin).
   */
  | { readonly kind: 'admin'; readonly username: string; readonly password: string; readonly simulated?: boolean }
  /** Real patients and no one new: the users already in the database. */
  | { readonly kind: 'none' };

/** Whether the demo accounts may sign in under these initial users. */
export function demoAccountsAllowed(initial: InitialUsers): boolean {
  return initial.kind === 'demo' || (initial.kind === 'admin' && initial.simulated === true);
}

/** Applies `initial` to the stores. */
export async function applyInitialUsers(
  users: UserStore,
  stations: StationEnrollments,
  initial: InitialUsers,
  logger: Logger,
): Promise<void> {
  const everyone = await users.list();
  const demo = everyone.filter((user) => isDemoUsername(user.username));
  if (demoAccountsAllowed(initial)) {
    const created = await ensureDemoAccounts(users);
    if (created > 0) logger.info('demo accounts created for the simulated ward', { created });
    for (const user of demo.filter((candidate) => candidate.disabled)) await users.setDisabled(user.username, false);
  } else if (demo.length > 0) {
    let disabled = 0;
    for (const user of demo.filter((candidate) => !candidate.disabled)) {
      await users.setDisabled(user.username, true);
      disabled += 1;
    }
    const forgotten = await stations.revokeEnrolledBy(demo.map((user) => user.id));
    if (disabled > 0 || forgotten > 0)
      logger.warn('demo accounts disabled: this gateway does not run a simulated ward', {
        accounts: DEMO_ACCOUNTS.map((account) => account.username).join(', '),
        stationsForgotten: forgotten,
      });
  }
  if (initial.kind !== 'admin') return;
  const real = everyone.filter((user) => !isDemoUsername(user.username));
  if (real.length > 0) {
    logger.info('real users exist already; --admin ignored', { username: initial.username, users: real.length });
    return;
  }
  await users.add({
    username: initial.username,
    displayName: 'Administrator',
    role: 'admin',
    password: initial.password,
  });
  logger.info('first administrator created', { username: initial.username });
}
