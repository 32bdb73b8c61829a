/**
 * What the gateway benchmarks share: the gateway run as its own process (so its CPU share is its own), its CPU
 * seconds read from /proc, and percentiles of sorted samples.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const clockTicks = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of /proc/pid/stat (11 and 12 after the command name).
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** The value at fraction `p` of `sorted` (ascending); NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** A gateway started by {@link startGatewayProcess}. */
export interface GatewayProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Runs `npm run gateway`'s program with `args` and resolves once it listens — its output matched `listening`, whose
 * first group is its address (a fan-out node says so in its log) — and printed `alsoWaitFor`, if given.
 * With `BENCH_CPU_PROF=<folder>` in the environment the gateway writes a V8 CPU profile there when it stops.
 */
export async function startGatewayProcess(
  args: readonly string[],
  alsoWaitFor?: RegExp,
  listening: RegExp = /listening on (\S+)/,
): Promise<GatewayProcess> {
  const profile = process.env.BENCH_CPU_PROF;
  const profiling = profile === undefined || profile === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', profile];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', 'gateway/gateway-cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 20_000);
    const check = (): void => {
      const match = listening.exec(output);
      if (match?.[1] !== undefined && (alsoWaitFor === undefined || alsoWaitFor.test(output))) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}) before listening:\n${output}`)));
  });
  return {
    child,
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
