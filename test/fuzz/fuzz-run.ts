/**
 * Runs the fuzz suite: `total` inputs shared among the targets by weight, each target's inputs drawn by fast-check
 * from one seed (so a failing run is repeated with `--seed`), fed one at a time. Counted per target: inputs,
 * failures (the target's own judgement, with the first few examples), and over the whole run uncaught exceptions
 * and unhandled rejections anywhere in this process — where the servers run too. Memory: the heap after a forced
 * collection (when `--expose-gc` is on) before the first target and after the last, and the highest seen.
 */
import fc from 'fast-check';
import { startFuzzBench, type FuzzTarget } from './fuzz-targets';

/** What one target saw. */
export interface TargetFigures {
  readonly name: string;
  readonly inputs: number;
  readonly failures: number;
  readonly examples: readonly string[];
  /** Null when the edge still worked after its inputs; else what was wrong. */
  readonly afterwards: string | null;
  /** What the target counted besides (reconnections…), or null. */
  readonly notes: string | null;
  readonly seconds: number;
}

/** What a run gives. */
export interface FuzzFigures {
  readonly seed: number;
  readonly inputs: number;
  readonly targets: readonly TargetFigures[];
  readonly uncaughtExceptions: number;
  readonly unhandledRejections: number;
  readonly processProblems: readonly string[];
  readonly heapStartMb: number;
  readonly heapEndMb: number;
  readonly heapMaxMb: number;
}

const megabytes = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

function settledHeap(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  return process.memoryUsage().heapUsed;
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, item: unknown) =>
      item instanceof Uint8Array ? `bytes(${item.length}):${Buffer.from(item.subarray(0, 24)).toString('hex')}` : item,
    );
    return (text ?? String(value)).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}

/** Runs `total` inputs from `seed`; `say` gets a line per target as it ends. */
export async function runFuzz(
  total: number,
  seed: number,
  say: (line: string) => void = () => undefined,
): Promise<FuzzFigures> {
  const processProblems: string[] = [];
  let uncaughtExceptions = 0;
  let unhandledRejections = 0;
  const onUncaught = (error: unknown): void => {
    uncaughtExceptions += 1;
    if (processProblems.length < 10)
      processProblems.push(`uncaught: ${describe(error instanceof Error ? error.stack : error)}`);
  };
  const onRejection = (reason: unknown): void => {
    unhandledRejections += 1;
    if (processProblems.length < 10)
      processProblems.push(`unhandled rejection: ${describe(reason instanceof Error ? reason.stack : reason)}`);
  };
  // The servers start before the counting does: a failure to start is an error of the run, not a finding.
  const bench = await startFuzzBench();
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);
  const heapStart = settledHeap();
  let heapMax = heapStart;
  const weights = bench.targets.reduce((sum, target) => sum + target.weight, 0);
  const figures: TargetFigures[] = [];
  try {
    for (const [index, target] of bench.targets.entries()) {
      const inputs = Math.max(1, Math.round((total * target.weight) / weights));
      const started = performance.now();
      let fed = 0;
      let failures = 0;
      const examples: string[] = [];
      const note = (input: unknown, failure: string | null): void => {
        fed += 1;
        if (fed % 5000 === 0) heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
        if (failure === null) return;
        failures += 1;
        if (examples.length < 3) examples.push(`${failure} ← ${describe(input)}`);
      };
      // fast-check draws the inputs; every one is judged and counted (no stop at the first failure, no shrinking:
      // the seed and the example repeat it).
      const parameters = { numRuns: inputs, seed: seed + index, endOnFailure: false, verbose: 0 } as const;
      const feed = (target as FuzzTarget<unknown>).feed.bind(target);
      await fc.assert(
        fc.asyncProperty(target.inputs, async (input) => {
          let failure: string | null;
          try {
            failure = await feed(input);
          } catch (error) {
            failure = `feed threw: ${String(error)}`;
          }
          note(input, failure);
          return true;
        }),
        parameters,
      );
      const afterwards = await target.stillWorks().catch((error: unknown) => `check failed: ${String(error)}`);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      figures.push({
        name: target.name,
        inputs: fed,
        failures,
        examples,
        afterwards,
        notes: target.notes?.() ?? null,
        seconds,
      });
      say(
        `${target.name}: ${fed} inputs in ${seconds} s, ${failures} failures${afterwards === null ? '' : `; afterwards: ${afterwards}`}`,
      );
    }
  } finally {
    await bench.close();
    // Late rejections of the servers' work show within a moment of closing.
    await new Promise((done) => setTimeout(done, 200));
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onRejection);
  }
  const heapEnd = settledHeap();
  return {
    seed,
    inputs: figures.reduce((sum, target) => sum + target.inputs, 0),
    targets: figures,
    uncaughtExceptions,
    unhandledRejections,
    processProblems,
    heapStartMb: megabytes(heapStart),
    heapEndMb: megabytes(heapEnd),
    heapMaxMb: megabytes(Math.max(heapMax, heapEnd)),
  };
}
