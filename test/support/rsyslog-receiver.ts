/**
 * A real syslog collector for tests: Debian's rsyslogd, started on a free loopback port with a TLS listener
 * (RFC 5425, the gnutls driver, the test's throwaway CA) or a plain TCP one, writing every message it receives,
 * unchanged, to a file the test reads. Stopped by the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** A running collector. */
export interface RsyslogReceiver {
  readonly port: number;
  /** Every message received so far, one per line. */
  messages(): string[];
  stop(): Promise<void>;
}

const RSYSLOGD = '/usr/sbin/rsyslogd';

/** Starts rsyslogd; with `tls`, a TLS listener with that certificate. @throws Error when rsyslog is not installed. */
export async function startRsyslog(
  tls: { certPem: string; keyPem: string; caPem: string } | null,
): Promise<RsyslogReceiver> {
  if (!existsSync(RSYSLOGD))
    throw new Error('rsyslogd is not installed: run scripts/install-system-packages.sh (rsyslog, rsyslog-gnutls)');
  const folder = mkdtempSync(join(tmpdir(), 'wardwatch-rsyslog-'));
  const port = await freePort();
  const output = join(folder, 'received.log');
  let global = `global(workDirectory="${folder}")`;
  let module = 'module(load="imtcp")';
  if (tls !== null) {
    for (const [name, pem] of [
      ['ca.pem', tls.caPem],
      ['cert.pem', tls.certPem],
      ['key.pem', tls.keyPem],
    ] as const)
      writeFileSync(join(folder, name), pem, { mode: 0o600 });
    global = `global(workDirectory="${folder}" DefaultNetstreamDriverCAFile="${join(folder, 'ca.pem')}" DefaultNetstreamDriverCertFile="${join(folder, 'cert.pem')}" DefaultNetstreamDriverKeyFile="${join(folder, 'key.pem')}")`;
    module = 'module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")';
  }
  const config = join(folder, 'rsyslog.conf');
  writeFileSync(
    config,
    [
      global,
      module,
      `input(type="imtcp" port="${port}" address="127.0.0.1")`,
      'template(name="raw" type="string" string="%rawmsg%\\n")',
      `action(type="omfile" file="${output}" template="raw")`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(RSYSLOGD, ['-n', '-f', config, '-i', join(folder, 'rsyslogd.pid')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready once it accepts connections.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const accepting = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(true));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
    if (accepting) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`rsyslogd did not start: ${errors || `exit ${String(child.exitCode)}`}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    messages: () =>
      existsSync(output)
        ? readFileSync(output, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
        : [],
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
