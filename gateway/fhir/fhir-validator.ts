/**
 * Validates FHIR R4 resources against the specification, in a thread of its own (fhir-validator-worker.ts): every
 * resource a device or client sends is checked before anything of it is stored, and tests check every resource the
 * gateway serves. The thread starts on first use and loads in a few seconds; a request waits for it.
 */
import { Worker } from 'node:worker_threads';
import type { ValidationAnswer, ValidationIssue } from './fhir-validator-worker';

export type { ValidationIssue } from './fhir-validator-worker';

/** The validator. */
export interface FhirValidator {
  /** The resource's problems; none when it is valid R4. */
  validate(resource: unknown): Promise<readonly ValidationIssue[]>;
  close(): Promise<void>;
}

/** Longest a validation may take, loading included, before it is answered as a failure (never a pass). */
const VALIDATION_TIMEOUT_MS = 30_000;

/**
 * The worker thread: beside this module's bundle (`dist/gateway/`, `dist/main/`: the build writes it to both), or —
 * running from TypeScript sources (tests, `tsx`) — the `.ts` file through tsx's loader, registered inside the
 * thread (a Worker refuses a `.ts` file before any `--import` hook could take it).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./fhir-validator-worker.mjs', import.meta.url));
  const source = JSON.stringify(new URL('./fhir-validator-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); })`, {
    eval: true,
  });
}

/** Starts a validator (its thread starts on first use). */
export function createFhirValidator(): FhirValidator {
  let worker: Worker | null = null;
  let ready: Promise<void> | null = null;
  let next = 0;
  const waiting = new Map<number, (issues: readonly ValidationIssue[]) => void>();
  const failAll = (reason: string): void => {
    for (const answer of waiting.values()) answer([{ expression: '', diagnostics: reason }]);
    waiting.clear();
  };
  const start = (): Promise<void> => {
    if (ready !== null) return ready;
    const started = startWorker();
    started.unref();
    worker = started;
    ready = new Promise<void>((resolve, reject) => {
      started.once('message', () => resolve());
      started.once('error', reject);
    });
    started.on('message', (message: ValidationAnswer | { ready: true }) => {
      if (!('id' in message)) return;
      waiting.get(message.id)?.(message.issues);
      waiting.delete(message.id);
    });
    // A thread that died fails what it had; the next validation starts a new one.
    started.on('exit', () => {
      failAll('the FHIR validator stopped; try again');
      worker = null;
      ready = null;
    });
    started.on('error', () => undefined);
    return ready;
  };
  return {
    async validate(resource) {
      try {
        await start();
      } catch (error) {
        return [{ expression: '', diagnostics: `the FHIR validator could not start: ${String(error)}` }];
      }
      const running = worker;
      if (running === null) return [{ expression: '', diagnostics: 'the FHIR validator is not running' }];
      const id = (next += 1);
      return new Promise<readonly ValidationIssue[]>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve([{ expression: '', diagnostics: 'the FHIR validator did not answer in time' }]);
        }, VALIDATION_TIMEOUT_MS);
        timer.unref();
        waiting.set(id, (issues) => {
          clearTimeout(timer);
          resolve(issues);
        });
        running.postMessage({ id, resource });
      });
    },
    async close() {
      const running = worker;
      worker = null;
      ready = null;
      if (running !== null) await running.terminate();
    },
  };
}
