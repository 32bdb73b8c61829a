/**
 * Loaded into a gateway under soak with `node --import ./test/soak/process-probe.mjs` (never shipped): every
 * SOAK_PROBE_INTERVAL_MS it appends one JSON line to SOAK_PROBE_FILE with what only the process itself can see —
 * heap in use after nothing forced a collection, resident memory, open file descriptors and the event loop's delay
 * (p99 and worst since the last line). The soak reads the file; the gateway's own code is not changed for it.
 *
 * When the process runs with `--expose-gc`, every SOAK_PROBE_GC_EVERY-th line (6: once a minute) also carries
 * `heapAfterGcMb`, the heap after a forced full collection — the live set. Only that shows a leak over a couple of
 * hours: without it the heap's floor rises with old garbage V8 has not yet had reason to collect. The forced
 * collection comes right after the line's loop-delay reading, so its pause lands in the next line's window (one
 * pause a minute, alike at the start and the end of a run).
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.SOAK_PROBE_FILE;
const intervalMs = Number(process.env.SOAK_PROBE_INTERVAL_MS ?? '10000');
const gcEvery = Number(process.env.SOAK_PROBE_GC_EVERY ?? '6');
const forceCollection =
  typeof globalThis.gc === 'function' && Number.isInteger(gcEvery) && gcEvery > 0 ? globalThis.gc : null;

if (file !== undefined && file !== '' && Number.isFinite(intervalMs) && intervalMs > 0) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const megabytes = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  let lines = 0;
  const timer = setInterval(() => {
    lines += 1;
    const loopP99Ms = Math.round((delay.percentile(99) / 1e6) * 10) / 10;
    const loopMaxMs = Math.round((delay.max / 1e6) * 10) / 10;
    const memory = process.memoryUsage();
    let heapAfterGcMb;
    if (forceCollection !== null && lines % gcEvery === 0) {
      forceCollection();
      heapAfterGcMb = megabytes(process.memoryUsage().heapUsed);
    }
    let fds = -1;
    try {
      fds = readdirSync('/proc/self/fd').length;
    } catch {
      // Not Linux: the soak reports the figure as unknown.
    }
    const line = {
      atMs: Date.now(),
      heapUsedMb: megabytes(memory.heapUsed),
      rssMb: megabytes(memory.rss),
      externalMb: megabytes(memory.external + memory.arrayBuffers),
      fds,
      loopP99Ms,
      loopMaxMs,
      ...(heapAfterGcMb === undefined ? {} : { heapAfterGcMb }),
    };
    delay.reset();
    try {
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    } catch {
      // A full or missing folder loses a probe line, never the gateway.
    }
  }, intervalMs);
  timer.unref();
}
