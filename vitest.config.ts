import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Unit and integration tests, run in Node against real parts (socket.io, ws, the lint engine). */
export default defineConfig({
  define: { __WARDWATCH_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: run files in parallel but not more than the machine has.
    maxWorkers: 2,
  },
});
