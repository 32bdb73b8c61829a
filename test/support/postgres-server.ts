/**
 * A real PostgreSQL server for tests and benchmarks: Debian's `postgresql` binaries, a throwaway data directory
 * made with initdb, the server on a free 127.0.0.1 port. PostgreSQL refuses to run as root, so under root (CI,
 * this machine) initdb and the server run as `nobody`. The server is our child process, not a pg_ctl daemon,
 * so a fault test can stop it (fast shutdown), kill -9 it and start it again on the same port and data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

/** A running (or stopped) PostgreSQL server of a test's own. */
export interface PostgresServer {
  /** A connection URL to a database of its own on this server (created on first use of each name). */
  database(name: string): Promise<string>;
  readonly port: number;
  /** The server's main process (its backends are its children), or null while stopped. */
  pid(): number | null;
  /** Fast shutdown (SIGINT): sessions are cut, the data stays. */
  stop(): Promise<void>;
  /** kill -9, as a crash would. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

const NOBODY = { uid: 65534, gid: 65534 };

/** The newest installed PostgreSQL's bin folder. @throws Error naming the package when none is installed. */
export function postgresBinFolder(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined)
    throw new Error('PostgreSQL is not installed: run scripts/install-system-packages.sh (Debian package postgresql)');
  return join(root, versions[0], 'bin');
}

const runAs = process.getuid?.() === 0 ? NOBODY : null;

/** How a benchmark may want the server run. */
export interface PostgresServerOptions {
  /** Commits reach the disk (as in a ward's server); off by default, since a test's data need not survive a power cut. */
  readonly fsync?: boolean;
}

/** initdb's a fresh data directory and starts the server on a free port. */
export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinFolder();
  const root = mkdtempSync(join(tmpdir(), 'wardwatch-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sockets');
  mkdirSync(sockets);
  if (runAs !== null) {
    chmodSync(root, 0o755);
    chownSync(root, runAs.uid, runAs.gid);
    chownSync(sockets, runAs.uid, runAs.gid);
  }
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'wardwatch', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { cwd: root, encoding: 'utf8', ...(runAs ?? {}) },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);
  const port = await freePort();
  let child: ChildProcess | null = null;
  const created = new Set<string>(['postgres']);
  const urlOf = (name: string): string => `postgres://wardwatch@127.0.0.1:${port}/${name}`;

  const start = async (): Promise<void> => {
    const server = spawn(
      join(bin, 'postgres'),
      // fsync off unless asked: a test's data need not survive a power cut, and fsync is most of a small commit's time.
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        sockets,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `fsync=${options.fsync === true ? 'on' : 'off'}`,
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], ...(runAs ?? {}) },
    );
    let log = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    child = server;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`PostgreSQL exited at start: ${log}`);
      const client = new pg.Client({ connectionString: urlOf('postgres') });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections in 15 s: ${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const waitExit = async (signal: NodeJS.Signals): Promise<void> => {
    const server = child;
    child = null;
    if (server === null || server.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill(signal);
    });
  };

  await start();
  return {
    port,
    pid: () => child?.pid ?? null,
    async database(name) {
      if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`not a database name: ${name}`);
      if (!created.has(name)) {
        const client = new pg.Client({ connectionString: urlOf('postgres') });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        created.add(name);
      }
      return urlOf(name);
    },
    stop: () => waitExit('SIGINT'),
    crash: () => waitExit('SIGKILL'),
    start,
    async destroy() {
      await waitExit('SIGINT');
      rmSync(root, { recursive: true, force: true });
    },
  };
}
