/**
 * Loaded into a gateway under soak with `node --import ./test/soak/process-probe.mjs` (never shipped): every
 * SOAK_PROBE_INTERVAL_MS it appends one JSON line to SOAK_PROBE_FILE with what only the process itself can see —
 * heap in use after nothing forced a collection, resident memory, open file descriptors and the event loop's delay
 * (p99 and worst since the last line). The soak reads the file; the gateway's own code is not changed for it.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.SOAK_PROBE_FILE;
const intervalMs = Number(process.env.SOAK_PROBE_INTERVAL_MS ?? '10000');

if (file !== undefined && file !== '' && Number.isFinite(intervalMs) && intervalMs > 0) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const megabytes = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
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
      loopP99Ms: Math.round((delay.percentile(99) / 1e6) * 10) / 10,
      loopMaxMs: Math.round((delay.max / 1e6) * 10) / 10,
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
