/**
 * One active gateway per ward database: leadership is a PostgreSQL session-level advisory lock held on a
 * connection of its own. Two gateways of a ward start alike; the one that gets the lock serves the ward, the other
 * waits as the standby, asking again every {@link LEADERSHIP_POLL_MS}. A leader that dies (kill -9, a crash) loses
 * its connection at once, so the server frees the lock and the standby takes over within a poll. A leader host that
 * vanishes without closing its connections (power loss, a cut cable) is noticed by the server's TCP keepalives,
 * set short on this one connection (about 3 s).
 *
 * Each leader takes the next epoch (table ward_leadership, migration 16), and every write transaction of its
 * stores checks the epoch is still its own ({@link fenceWrites}): a former leader's late write fails instead of
 * forking the journal's chain.
 *
 * A leader whose lock connection breaks does not stop serving — a database restart must not take the ward's
 * monitoring down; its journal writes wait (ALARM LOG FAILURE) — it asks for the lock again. Got back with its own
 * epoch still current, it goes on; if another gateway leads, or led meanwhile, leadership is lost and the caller
 * closes this gateway, so that stations move to the leader.
 */
import pg from 'pg';
import { hostname } from 'node:os';
import { describeError, type Logger } from '../../common/logging/logger';
import type { Database } from './gateway-database';
import { describeServerLocation } from './postgres-database';

/** How often the standby asks for the lock. */
export const LEADERSHIP_POLL_MS = 200;
/** How often the leader checks that its lock connection still answers, and how long an answer may take. */
export const LEADERSHIP_CHECK_MS = 500;
const CHECK_TIMEOUT_MS = 1500;

/** The advisory lock key of a ward's leadership ("WWL1"); one ward per database. */
const LEADERSHIP_LOCK = 0x57_57_4c_31;

const EPOCH_TABLE = `CREATE TABLE IF NOT EXISTS ward_leadership (
  id INTEGER PRIMARY KEY CHECK (id = 1), epoch BIGINT NOT NULL, holder TEXT NOT NULL, since TIMESTAMPTZ NOT NULL DEFAULT now())`;

/** Leadership held. */
export interface WardLeadership {
  /** This leader's epoch: its writes are fenced by it. */
  readonly epoch: number;
  /** Resolves, with the reason, once another gateway leads (not when released); never rejects. */
  readonly lost: Promise<string>;
  /** Gives the lock up (a clean shutdown): the standby takes over at its next poll. */
  release(): Promise<void>;
}

/** What the wait may be told. */
export interface LeadershipOptions {
  readonly logger: Logger;
  /** Stops waiting (shutdown while standby): the promise then rejects. */
  readonly signal?: AbortSignal;
  /**
   * Called once, when the first ask does not give leadership (another gateway leads, or the database cannot be
   * reached): what a standby does meanwhile starts then, and a gateway that leads at once never starts it.
   */
  readonly onStandby?: () => void;
}

/** A write refused because this gateway no longer leads the ward. */
export class NotLeaderError extends Error {
  constructor() {
    super('this gateway no longer leads the ward: another gateway took over, and only it writes');
    this.name = 'NotLeaderError';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection for the lock, with the server told to notice a vanished peer within seconds. */
async function lockConnection(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 3000,
    keepAlive: true,
    application_name: 'wardwatch-gateway-leadership',
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(
      'SET tcp_keepalives_idle = 1; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 2; SET tcp_user_timeout = 3000',
    );
  } catch {
    // A platform without these settings: the lock still works, a vanished peer is only noticed later.
  }
  return client;
}

/** Tries for the lock on a new connection: the connection when got, null when another gateway holds it. */
async function tryLock(url: string): Promise<pg.Client | null> {
  const client = await lockConnection(url);
  try {
    const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [
      LEADERSHIP_LOCK,
    ]);
    if (rows[0]?.held === true) return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  await client.end().catch(() => undefined);
  return null;
}

/** The current epoch, or the next one taken for this gateway (only while holding the lock). */
async function epochOf(client: pg.Client, take: boolean): Promise<number> {
  await client.query(EPOCH_TABLE);
  if (!take) {
    const { rows } = await client.query<{ epoch: string }>('SELECT epoch FROM ward_leadership WHERE id = 1');
    return Number(rows[0]?.epoch ?? 0);
  }
  const { rows } = await client.query<{ epoch: string }>(
    `INSERT INTO ward_leadership (id, epoch, holder) VALUES (1, 1, $1)
     ON CONFLICT (id) DO UPDATE SET epoch = ward_leadership.epoch + 1, holder = EXCLUDED.holder, since = now()
     RETURNING epoch`,
    [`${hostname()} pid ${process.pid}`],
  );
  return Number(rows[0]?.epoch);
}

/**
 * Waits until this gateway leads the ward on the database at `url` (at once when nobody does), then watches the
 * lock. @throws Error when `signal` aborts the wait.
 */
export async function acquireWardLeadership(url: string, options: LeadershipOptions): Promise<WardLeadership> {
  const { logger } = options;
  const where = describeServerLocation(url);
  const stopped = (): boolean => options.signal?.aborted === true;
  let toldStandby = false;
  let toldUnreachable = false;
  let standing = false;
  const standBy = (): void => {
    if (standing) return;
    standing = true;
    options.onStandby?.();
  };
  for (;;) {
    if (stopped()) throw new Error('stopped while standby');
    try {
      const client = await tryLock(url);
      toldUnreachable = false;
      if (client !== null) {
        const epoch = await epochOf(client, true).catch(async (error: unknown) => {
          await client.end().catch(() => undefined);
          throw error;
        });
        logger.info(toldStandby ? 'taking over the ward: this gateway now leads it' : 'this gateway leads the ward', {
          database: where,
          epoch,
        });
        return watch(url, client, epoch, logger);
      }
      if (!toldStandby) {
        logger.info('standby: another gateway leads this ward; taking over when it stops', { database: where });
        toldStandby = true;
      }
      standBy();
      await sleep(LEADERSHIP_POLL_MS);
    } catch (error) {
      if (stopped()) throw new Error('stopped while standby', { cause: error });
      if (!toldUnreachable) {
        logger.warn('cannot reach the ward database to ask for leadership; retrying', {
          database: where,
          reason: describeError(error),
        });
        toldUnreachable = true;
      }
      standBy();
      await sleep(1000);
    }
  }
}

function watch(url: string, first: pg.Client, epoch: number, logger: Logger): WardLeadership {
  let settle: (reason: string) => void = () => undefined;
  const lost = new Promise<string>((resolve) => (settle = resolve));
  let client: pg.Client | null = first;
  /** The server process of the session that holds the lock, to end it if it hangs rather than breaks. */
  let lockPid = (first as pg.Client & { processID?: number }).processID ?? null;
  let over = false;
  let regaining = false;

  const lose = (reason: string): void => {
    if (over) return;
    over = true;
    clearInterval(timer);
    logger.error('leadership of the ward is lost; this gateway stops serving it', { reason });
    settle(reason);
  };
  /** The lock connection broke: ask for the lock again until the database answers, one way or the other. */
  const regain = async (reason: string): Promise<void> => {
    if (over || regaining) return;
    regaining = true;
    const broken = client;
    client = null;
    void broken?.end().catch(() => undefined);
    logger.warn('the leadership lock connection broke; asking for the lock again', { reason });
    while (!over) {
      try {
        // A session that hangs still holds the lock on the server: end it first (a role may end its own sessions).
        if (lockPid !== null) {
          const cleanup = await lockConnection(url);
          await cleanup.query('SELECT pg_terminate_backend($1)', [lockPid]).catch(() => undefined);
          await cleanup.end().catch(() => undefined);
          lockPid = null;
        }
        const again = await tryLock(url);
        if (again === null) return lose('another gateway leads the ward now');
        const current = await epochOf(again, false);
        if (current !== epoch) {
          await again.end().catch(() => undefined);
          return lose(`another gateway led the ward meanwhile (epoch ${current}, this one's ${epoch})`);
        }
        client = again;
        lockPid = (again as pg.Client & { processID?: number }).processID ?? null;
        attach(again);
        logger.info('the leadership lock is held again', { epoch });
        return;
      } catch {
        await sleep(LEADERSHIP_POLL_MS);
      }
    }
  };
  const attach = (connection: pg.Client): void => {
    connection.on('error', (error) => void regain(`the lock connection failed (${describeError(error)})`));
    connection.on('end', () => void regain('the lock connection closed'));
  };
  attach(first);

  let checking = false;
  const timer = setInterval(() => {
    const connection = client;
    if (checking || connection === null) return;
    checking = true;
    const unanswered = setTimeout(() => {
      checking = false;
      void regain(`the database did not answer a leadership check within ${CHECK_TIMEOUT_MS} ms`);
    }, CHECK_TIMEOUT_MS);
    connection.query('SELECT 1').then(
      () => {
        clearTimeout(unanswered);
        checking = false;
      },
      (error: unknown) => {
        clearTimeout(unanswered);
        checking = false;
        void regain(`a leadership check failed (${describeError(error)})`);
      },
    );
  }, LEADERSHIP_CHECK_MS);
  timer.unref?.();

  return {
    epoch,
    lost,
    async release() {
      if (over) return;
      over = true;
      clearInterval(timer);
      const connection = client;
      client = null;
      if (connection === null) return;
      connection.removeAllListeners('end');
      await connection.query('SELECT pg_advisory_unlock($1)', [LEADERSHIP_LOCK]).catch(() => undefined);
      await connection.end().catch(() => undefined);
    },
  };
}

/**
 * The database with every transaction fenced by `epoch`: it first takes a share lock on the leadership row and
 * checks the epoch is still this leader's — a new leader's epoch update waits for it, and a former leader's write
 * fails with {@link NotLeaderError} instead of being recorded.
 */
export function fenceWrites(database: Database, epoch: number): Database {
  return {
    query: database.query.bind(database),
    transaction: (run) =>
      database.transaction(async (query) => {
        const { rows } = await query<{ epoch: number | string }>(
          'SELECT epoch FROM ward_leadership WHERE id = 1 FOR SHARE',
        );
        if (Number(rows[0]?.epoch) !== epoch) throw new NotLeaderError();
        return run(query);
      }),
    close: () => database.close(),
  };
}
