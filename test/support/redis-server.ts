/**
 * A real Redis server for the benchmarks: Debian's `redis-server` on a free 127.0.0.1 port, no persistence, in a
 * throwaway folder, as our child process (so that a benchmark can read its CPU time and stop it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { freePort } from './free-port';

/** A running Redis server of a benchmark's own. */
export interface RedisServer {
  readonly url: string;
  readonly pid: number;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** Starts `redis-server` and resolves once it answers PING. @throws Error naming the package when not installed. */
export async function startRedisServer(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new Error('Redis is not installed: run scripts/install-system-packages.sh (Debian package redis-server)');
  const root = mkdtempSync(join(tmpdir(), 'wardwatch-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', root],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-2000)));
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at start: ${log}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not answer in 10 s: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid as number,
    async destroy() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
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
