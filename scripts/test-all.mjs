#!/usr/bin/env node
/**
 * `npm test`: everything, in order — build, type check, lint, formatting, unit and integration tests (Vitest), end-to-end
 * tests (Playwright in Debian's Chromium) and the Electron security scan. Every step runs even when an earlier
 * one failed, so one run shows all that is wrong. Ends with one line `tests: N passed, N failed, N skipped`
 * (failed steps count as failures) and exits non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = '.reports';
rmSync(`${REPORTS}/vitest.json`, { force: true });
rmSync(`${REPORTS}/playwright.json`, { force: true });
mkdirSync(REPORTS, { recursive: true });

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [
  { name: 'build', command: [process.execPath, 'scripts/build.mjs'] },
  { name: 'typecheck', command: [bin('tsc'), '-b'] },
  { name: 'lint', command: [bin('eslint'), '--max-warnings', '0', '.'] },
  { name: 'format', command: [bin('prettier'), '--check', '.'] },
  {
    name: 'unit + integration',
    command: [
      bin('vitest'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${REPORTS}/vitest.json`,
    ],
  },
  { name: 'e2e (Playwright)', command: [bin('playwright'), 'test'] },
  { name: 'security scan', command: [process.execPath, 'scripts/electronegativity-check.mjs'] },
];

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
  const started = performance.now();
  const run = spawnSync(step.command[0], step.command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  results.push({
    name: step.name,
    ok: run.status === 0,
    seconds,
    detail: run.error?.message ?? `exit ${run.status ?? run.signal}`,
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const skipReasons = [];
/** Each failed test with the first lines of its error: CI shows only the end of a log, so the summary says why. */
const failureReasons = [];
const flakyReasons = [];
const firstLines = (text) =>
  String(text ?? 'no message')
    // eslint-disable-next-line no-control-regex -- terminal colour codes in the reporters' messages
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 6)
    .join(' | ')
    .slice(0, 700);

if (existsSync(`${REPORTS}/vitest.json`)) {
  const report = JSON.parse(readFileSync(`${REPORTS}/vitest.json`, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults ?? [])
    for (const test of file.assertionResults ?? [])
      if (test.status === 'failed') failureReasons.push(`${test.fullName} — ${firstLines(test.failureMessages?.[0])}`);
}
if (existsSync(`${REPORTS}/playwright.json`)) {
  const report = JSON.parse(readFileSync(`${REPORTS}/playwright.json`, 'utf8'));
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const skip = (test.annotations ?? []).find((annotation) => annotation.type === 'skip');
        if (test.status === 'skipped') skipReasons.push(`${spec.title} — ${skip?.description ?? 'no reason given'}`);
        if (test.status === 'unexpected' || test.status === 'flaky') {
          // A flaky test passed on its retry: listed with what went wrong the first time, never hidden.
          const result = test.status === 'flaky' ? (test.results ?? [])[0] : (test.results ?? []).at(-1);
          const where = result?.error?.location ? ` (line ${result.error.location.line})` : '';
          const reason = `${spec.title}${where} — ${firstLines(result?.error?.message ?? result?.status)}`;
          if (test.status === 'flaky') flakyReasons.push(reason);
          else failureReasons.push(reason);
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
}

console.log('\n=== summary');
for (const result of results)
  console.log(
    `${result.ok ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(20)} ${result.seconds.padStart(6)} s${result.ok ? '' : `  (${result.detail})`}`,
  );
for (const reason of skipReasons) console.log(`skipped: ${reason}`);
for (const reason of flakyReasons) console.log(`flaky (passed on its retry): ${reason}`);
for (const reason of failureReasons) console.log(`failed: ${reason}`);
const failedSteps = results.filter((result) => !result.ok).length;
// A failed step whose tests all passed (type check, lint, scan) still fails the run.
const failures = Math.max(failed, 0) + (failed === 0 ? failedSteps : 0);
console.log(`tests: ${passed} passed, ${failures} failed, ${skipped} skipped`);
process.exit(failedSteps === 0 && failed === 0 ? 0 : 1);
