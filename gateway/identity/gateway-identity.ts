/**
 * The gateway's stores, opened in the background at start-up so that streaming never waits for the database:
 * users, sign-in sessions, enrolled stations, ward settings and the alarm journal. A simulated ward gets its demo
 * accounts; a ward of real patients starts with no user but the admin it is told to create (`--admin`), whose
 * password comes from standard input, never from the command line.
 */
import { describeError, type Logger } from '../../common/logging/logger';
import { openGatewayDatabase, type Database, type DatabaseLocation } from '../storage/gateway-database';
import { SessionStore, type SessionLifetimes } from '../auth/session-store';
import { StationEnrollments } from '../auth/station-enrollments';
import { WardSettingsStore } from '../auth/ward-settings-store';
import { AlarmJournal } from '../alarms/alarm-journal';
import { AlarmHistory } from '../alarms/alarm-history';
import { ensureDemoAccounts } from './demo-accounts';
import { UserStore } from './user-store';

/** Who the ward starts with. */
export type InitialUsers =
  | { readonly kind: 'demo' }
  | { readonly kind: 'admin'; readonly username: string; readonly password: string }
  | { readonly kind: 'none' };

/** The stores over the open database. */
export interface IdentityStores {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly stations: StationEnrollments;
  readonly settings: WardSettingsStore;
  readonly journal: AlarmJournal;
  readonly history: AlarmHistory;
}

/** The gateway's identity service. */
export interface GatewayIdentity {
  /** The stores, once the database is open (rejects if it cannot be opened). */
  readonly stores: Promise<IdentityStores>;
  /** The stores if the database is open now, else null (for requests that answer UNAVAILABLE meanwhile). */
  opened(): IdentityStores | null;
  close(): Promise<void>;
}

/** Opens the database in the background and prepares the initial users. */
export function startGatewayIdentity(
  location: DatabaseLocation,
  initial: InitialUsers,
  logger: Logger,
  lifetimes?: SessionLifetimes,
): GatewayIdentity {
  const database: Promise<Database> = openGatewayDatabase(location, logger);
  const stores = database.then(async (opened) => {
    const users = new UserStore(opened);
    if (initial.kind === 'demo') {
      const created = await ensureDemoAccounts(users);
      if (created > 0) logger.info('demo accounts created for the simulated ward', { created });
    } else if (initial.kind === 'admin') {
      if ((await users.count()) === 0) {
        await users.add({
          username: initial.username,
          displayName: 'Administrator',
          role: 'admin',
          password: initial.password,
        });
        logger.info('first administrator created', { username: initial.username });
      } else {
        logger.info('users exist already; --admin ignored', { username: initial.username });
      }
    }
    return {
      users,
      sessions: new SessionStore(opened, lifetimes),
      stations: new StationEnrollments(opened),
      settings: new WardSettingsStore(opened),
      journal: new AlarmJournal(opened),
      history: new AlarmHistory(opened),
    };
  });
  let ready: IdentityStores | null = null;
  stores.then(
    (opened) => (ready = opened),
    (error: unknown) =>
      logger.error('the user database could not be opened; sign-in is unavailable', { reason: describeError(error) }),
  );
  return {
    stores,
    opened: () => ready,
    close: async () => {
      const opened = await database.catch(() => null);
      await opened?.close();
    },
  };
}
