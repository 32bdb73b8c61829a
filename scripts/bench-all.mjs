#!/usr/bin/env node
/**
 * `npm run bench`: runs every benchmark script named `bench:*` in package.json, one after another (they measure
 * the same two cores, so never in parallel), and prints each one's BENCH line at the end.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {}).filter((name) =>
  name.startsWith('bench:'),
);
if (scripts.length === 0) {
  console.log('no benchmarks yet: add a "bench:<name>" script to package.json');
  process.exit(0);
}
const lines = [];
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== npm run ${script}`);
  const run = spawnSync('npm', ['run', '--silent', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(run.stdout ?? '');
  const bench = (run.stdout ?? '').trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !bench.startsWith('BENCH ')) failed += 1;
  lines.push(`${script}: ${bench.startsWith('BENCH ') ? bench : `(no BENCH line, exit ${run.status})`}`);
}
console.log('\n=== all benchmarks');
for (const line of lines) console.log(line);
process.exit(failed === 0 ? 0 : 1);
