/**
 * A real Redis server for the tests and benchmarks: Debian's `redis-server` on a free 127.0.0.1 port, no persistence, in a
 * throwaway folder, as our child process (so that a benchmark can read its CPU time and stop it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { freePort } from './free-port';

/** A running Redis server of a test's or benchmark's own. */
export interface RedisServer {
  readonly url: string;
  /** The server process now (a new one after {@link RedisServer.restart}). */
  pid(): number;
  /** Stops the server (SIGKILL: the bus gone at once, as a crashed broker), keeping its port and folder. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** Starts `redis-server` and resolves once it answers PING. @throws Error naming the package when not installed. */
export async function startRedisServer(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new Error('Redis is not installed: run scripts/install-system-packages.sh (Debian package redis-server)');
  const root = mkdtempSync(join(tmpdir(), 'wardwatch-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', root],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = started;
    let log = '';
    started.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-2000)));
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(port))) {
      if (started.exitCode !== null) throw new Error(`redis-server exited at start: ${log}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer in 10 s: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    if (running === null || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: () => (child as ChildProcess | null)?.pid ?? -1,
    kill: () => stop('SIGKILL'),
    restart: launch,
    async destroy() {
      await stop('SIGTERM');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}
