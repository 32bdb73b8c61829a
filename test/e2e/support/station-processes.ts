/**
 * Starts the real built programs (`dist/`) as child processes for end-to-end tests: the browser host and the
 * standalone gateway, each on a free port, and waits for the line each prints when it is ready.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Role } from '../../../common/identity/roles';
import { demoAccount } from '../../support/gateway-access';

/** A started program. */
export interface RunningProcess {
  readonly url: string;
  readonly output: () => string;
  /** Sends SIGTERM and waits for the process to end. */
  stop(): Promise<void>;
  /** Sends SIGKILL: the program dies without cleaning up, as in a crash. */
  kill(): Promise<void>;
}

async function startProgram(
  script: string,
  args: readonly string[],
  readyLine: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningProcess> {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not become ready in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = readyLine.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, output: () => output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** What each test's page wrote to its console (kept for a failed test's attachments). */
const pageConsole = new WeakMap<Page, string[]>();

/**
 * Starts `dist/main/browser-host.mjs` on a free port with the given extra arguments (and extra environment, e.g. a
 * test CA for Node's TLS in NODE_EXTRA_CA_CERTS).
 */
export function startBrowserHost(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningProcess> {
  return startProgram('dist/main/browser-host.mjs', ['--port', '0', ...args], /WardWatch station ready at (\S+)/, {
    ...process.env,
    ...env,
  });
}

/**
 * Starts the browser host expecting it not to start the station (an invalid policy, a forbidden option); its `url`
 * is the page that says why.
 */
export function startBrowserHostShowingProblem(args: readonly string[]): Promise<RunningProcess> {
  return startProgram(
    'dist/main/browser-host.mjs',
    ['--port', '0', ...args],
    /WardWatch station cannot start; the reason is shown at (\S+)/,
  );
}

/**
 * The station page at `hostUrl` (which carries the launch key in its fragment) with a query, e.g. `?page=2/2`:
 * the query goes before the fragment, or the browser would take it for part of the key.
 */
export function pageAddress(hostUrl: string, query: string): string {
  const address = new URL(hostUrl);
  address.search = query;
  return address.toString();
}

/** Starts `dist/gateway/gateway-cli.mjs` (port 0 = a free one). */
export function startGateway(args: readonly string[] = ['--port', '0']): Promise<RunningProcess> {
  return startProgram('dist/gateway/gateway-cli.mjs', args, /WardWatch gateway listening on (\S+)/);
}

/**
 * Starts `dist/gateway/alarm-manager-cli.mjs`, the test IHE ACM Alarm Manager; its `url` is the port it listens on,
 * and its output has one line per alarm change it received.
 */
export function startAlarmManager(args: readonly string[]): Promise<RunningProcess> {
  return startProgram('dist/gateway/alarm-manager-cli.mjs', args, /Test alarm manager listening on port (\d+)/);
}

/**
 * Registers an `afterEach` that stops every program the test started, and returns the function that starts and
 * tracks one. Call once at the top level of a spec file.
 */
export function stopProgramsAfterEachTest(): (started: Promise<RunningProcess>) => Promise<RunningProcess> {
  const running: RunningProcess[] = [];
  test.afterEach(async ({ page }, testInfo) => {
    const programs = running.splice(0).reverse();
    // A failed test keeps what its programs and its page said: the only record of a failure that does not repeat.
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [index, program] of programs.entries())
        await testInfo.attach(`program-${index}-output.txt`, { body: program.output(), contentType: 'text/plain' });
      await testInfo.attach('page-console.txt', {
        body: pageConsole.get(page)?.join('\n') ?? '',
        contentType: 'text/plain',
      });
    }
    for (const program of programs) await program.stop();
  });
  test.beforeEach(({ page }) => {
    const lines: string[] = [];
    pageConsole.set(page, lines);
    page.on('console', (message) => lines.push(`${new Date().toISOString()} ${message.type()} ${message.text()}`));
  });
  return async (started) => {
    const program = await started;
    running.push(program);
    return program;
  };
}

/**
 * Signs a demo account in through the station UI — the sign-in form the page shows when the station is not
 * enrolled, or the header's Sign in button otherwise — and waits until the header shows the user.
 */
export async function signInAt(page: Page, role: Role): Promise<void> {
  const account = demoAccount(role);
  // The header and the page's own form appear together, once the station has told the page who is signed in.
  await expect(page.getByTestId('session-user')).toHaveText('Not signed in', { timeout: 15_000 });
  const form = page.getByRole('form', { name: 'Sign in' });
  if (!(await form.isVisible()))
    await page.locator('.session-controls').getByRole('button', { name: 'Sign in' }).click();
  await form.getByLabel('Username').fill(account.username);
  await form.getByLabel('Password').fill(account.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('session-user')).toContainText(account.displayName, { timeout: 15_000 });
}

export { calmWardScenarioFile } from '../../support/calm-ward';
