/**
 * The gateway's stores, opened in the background at start-up so that streaming never waits for the database:
 * users, sign-in sessions, enrolled stations, ward settings and the alarm journal. Who the ward starts with is
 * applied at every start (initial-users.ts): demo accounts only in a simulated ward; `--admin`'s password comes
 * from standard input, never from the command line.
 */
import { describeError, type Logger } from '../../common/logging/logger';
import { openGatewayDatabase, type Database, type DatabaseLocation } from '../storage/gateway-database';
import { fenceWrites } from '../storage/ward-leadership';
import { SessionStore, type SessionLifetimes } from '../auth/session-store';
import { StationEnrollments } from '../auth/station-enrollments';
import { WardSettingsStore } from '../auth/ward-settings-store';
import { AlarmJournal } from '../alarms/alarm-journal';
import { SecurityEventStore } from '../security/security-event-store';
import type { JournalIntegrity } from '../alarms/journal-integrity';
import { AlarmHistory } from '../alarms/alarm-history';
import { applyInitialUsers, type InitialUsers } from './initial-users';

export type { InitialUsers } from './initial-users';
import { UserStore } from './user-store';
import { DeviceAssignmentStore } from '../devices/device-assignment-store';
import { CensusStore } from '../census/census-store';
import { TrendStore } from '../trends/trend-store';
import { ChartStore } from '../scores/chart-store';
import { RemoteStore } from '../remote/remote-store';

/** The stores over the open database. */
export interface IdentityStores {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly stations: StationEnrollments;
  readonly settings: WardSettingsStore;
  readonly journal: AlarmJournal;
  readonly history: AlarmHistory;
  readonly security: SecurityEventStore;
  readonly devices: DeviceAssignmentStore;
  readonly census: CensusStore;
  readonly trends: TrendStore;
  readonly charting: ChartStore;
  readonly remote: RemoteStore;
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
  journalIntegrity?: JournalIntegrity,
  leaderEpoch?: number,
): GatewayIdentity {
  // A leader of a ward's gateways writes only while its epoch is current (ward-leadership.ts).
  const database: Promise<Database> = openGatewayDatabase(location, logger).then((opened) =>
    leaderEpoch === undefined ? opened : fenceWrites(opened, leaderEpoch),
  );
  const stores = database.then(async (opened) => {
    const users = new UserStore(opened);
    const stations = new StationEnrollments(opened);
    await applyInitialUsers(users, stations, initial, logger);
    return {
      users,
      sessions: new SessionStore(opened, lifetimes),
      stations,
      settings: new WardSettingsStore(opened, (resetFields) =>
        logger.error('stored ward settings did not match the schema; these fields read as their defaults', {
          fields: resetFields.join(', '),
        }),
      ),
      journal: new AlarmJournal(opened, journalIntegrity),
      history: new AlarmHistory(opened),
      security: new SecurityEventStore(opened),
      devices: new DeviceAssignmentStore(opened),
      census: new CensusStore(opened),
      trends: new TrendStore(opened),
      charting: new ChartStore(opened),
      remote: new RemoteStore(opened),
    };
  });
  let ready: IdentityStores | null = null;
  stores.then(
    (opened) => {
      ready = opened;
    },
    (error: unknown) =>
      logger.error('the user database could not be opened; sign-in is unavailable', { reason: describeError(error) }),
  );
  return {
    stores,
    opened: () => ready,
    close: async () => {
      // The head is anchored before the database closes: a tail cut while the gateway is down is then seen.
      try {
        ready?.journal.anchor();
      } catch (error) {
        logger.error('the journal checkpoint could not be written', { reason: describeError(error) });
      }
      const opened = await database.catch(() => null);
      await opened?.close();
    },
  };
}
