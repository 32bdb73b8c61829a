/**
 * The server backend: a PostgreSQL server through node-postgres (`pg`, docs/decisions/0023), for a ward whose
 * gateways share one database. The URL names the server and database but never a password — a command line is
 * readable by every user of the machine (`ps`); the password comes from PGPASSWORD or ~/.pgpass, as with psql, or
 * the server trusts a client certificate (`sslmode=verify-full&sslcert=…`).
 *
 * Values read as PGlite reads them, so that every store runs unchanged on both: BIGINT as a number when it is
 * safe (epoch milliseconds, sequence numbers), JSONB parsed, TIMESTAMPTZ a Date, NUMERIC a string.
 */
import pg from 'pg';
import { describeError, type Logger } from '../../common/logging/logger';
import type { Database, MigratableDatabase } from './gateway-database';

const INT8_OID = 20;

/** BIGINT as PGlite gives it: a number where exact, else a bigint. */
function parseBigint(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary'
      ? parseBigint
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * Checks a `--database` URL. @throws Error saying what is wrong: not postgres://, no database, or a password in it.
 */
export function checkServerUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--database: not a URL (expected postgres://user@host:5432/database)`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new Error(`--database: ${parsed.protocol} is not postgres:// (expected postgres://user@host:5432/database)`);
  if (parsed.password !== '')
    throw new Error(
      '--database: the URL holds a password, which every user of this machine could read on the command line; give it in PGPASSWORD or ~/.pgpass instead',
    );
  if (parsed.hostname === '') throw new Error('--database: the URL names no server');
  if (parsed.pathname.length <= 1) throw new Error('--database: the URL names no database (…/database)');
  return parsed;
}

/** `user@host:port/database` for logs (the URL holds no secret; its query, e.g. a certificate path, is left out). */
export function describeServerLocation(url: string): string {
  const parsed = new URL(url);
  return `${parsed.username === '' ? '' : `${decodeURIComponent(parsed.username)}@`}${parsed.host}${parsed.pathname}`;
}

/** Connects a pool to the server (the first connection is made here, so a wrong URL fails at start-up). */
export async function openPostgresDatabase(url: string, logger: Logger): Promise<MigratableDatabase> {
  checkServerUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    types: TYPES,
    max: 10,
    // A server that is down or unreachable fails a query within seconds instead of holding it (and the alarm
    // journal's queue behind it) forever; the journal retries and the station shows the technical alarm.
    connectionTimeoutMillis: 3000,
    query_timeout: 15_000,
    keepAlive: true,
    application_name: 'wardwatch-gateway',
  });
  // An idle connection the server closes (restart, failover) is an 'error' event on the pool: unhandled, it
  // would end the process. The pool drops that connection and opens a new one for the next query.
  pool.on('error', (error) => logger.warn('a database connection was lost', { reason: describeError(error) }));
  const probe = await pool.connect().catch(async (error: unknown) => {
    await pool.end().catch(() => undefined);
    throw new Error(`cannot connect to the database ${describeServerLocation(url)}: ${describeError(error)}`);
  });
  probe.release();

  const query = async <Row>(sql: string, parameters: readonly unknown[] = []): Promise<{ rows: Row[] }> => {
    const result = await pool.query(sql, [...parameters]);
    return { rows: result.rows as Row[] };
  };
  const inTransaction = async <T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    // A checked-out connection that breaks between two of our queries emits 'error' on the client, not on the
    // pool: unheard, that would end the process. The next query fails instead, and the connection is discarded.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // The connection itself failed: it must not go back to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  };
  const clientQuery =
    (client: pg.PoolClient) =>
    async <Row>(sql: string, parameters: readonly unknown[] = []): Promise<{ rows: Row[] }> => {
      const result = await client.query(sql, [...parameters]);
      return { rows: result.rows as Row[] };
    };
  const database: Database = {
    query,
    transaction: (run) => inTransaction((client) => run(clientQuery(client))),
    close: () => pool.end(),
  };
  return {
    database,
    scriptTransaction: (run) =>
      inTransaction((client) =>
        run(
          // Without parameters node-postgres uses the simple protocol, which runs a script of several statements.
          async (sql) => {
            await client.query(sql);
          },
          clientQuery(client),
        ),
      ),
  };
}
