/**
 * Forwards security events to the hospital's SIEM as RFC 5424 syslog messages over TCP (RFC 6587) or TLS
 * (RFC 5425), octet-counted. Our own small code rather than a package (docs/decisions/0018): `syslog-client`
 * has no TLS transport, and `@n8n/syslog-client`, which has, is under the Sustainable Use License, not an open
 * source licence a medical device can ship. Never blocks the gateway: messages wait in a bounded queue while the
 * collector is unreachable (the oldest are dropped and counted), the connection is retried with back-off, and
 * every failure is logged, never thrown.
 */
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as connectTls } from 'node:tls';
import { SECURITY_SEVERITIES } from '../../common/wire/security-events';
import { describeError, type Logger } from '../../common/logging/logger';
import type { SecurityEventInput } from './security-event-store';

/** Where to forward. */
export interface SyslogTarget {
  readonly transport: 'tcp' | 'tls';
  readonly host: string;
  readonly port: number;
  /** PEM of the CA that signed the collector's certificate (TLS); null: the system's trust store. */
  readonly caPem: string | null;
}

/** Counters. */
export interface SyslogStats {
  sent: number;
  dropped: number;
  connectFailures: number;
}

/** The forwarder. */
export interface SyslogForwarder {
  send(event: SecurityEventInput): void;
  readonly stats: SyslogStats;
  close(): Promise<void>;
}

/** facility authpriv (10): security/authorization messages, kept apart from the rest by most collectors. */
const FACILITY = 10;
/** Private enterprise number of the structured data (32473 is RFC 5612's, for documentation: IT may map it). */
const SD_ID = 'wardwatch@32473';
const APP_NAME = 'wardwatch-gateway';
const MAX_QUEUED = 1000;
const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10_000] as const;

/** Parses `tcp://host:port` or `tls://host:port`. @throws Error saying what is wrong. */
export function parseSyslogTarget(text: string, caPem: string | null): SyslogTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--syslog must look like tls://siem.hospital:6514 or tcp://siem.hospital:514, got "${text}"`);
  }
  const transport = url.protocol.replace(':', '');
  if (transport !== 'tcp' && transport !== 'tls')
    throw new Error(`--syslog takes tcp:// or tls://, got "${url.protocol}"`);
  const port = Number(url.port || (transport === 'tls' ? 6514 : 514));
  return { transport, host: url.hostname.replace(/^\[|\]$/g, ''), port, caPem };
}

const sdValue = (value: string): string => value.replace(/[\\"\]]/g, (char) => `\\${char}`);
const printable = (value: string, max: number): string => value.replace(/[^\x21-\x7e]/g, '_').slice(0, max) || '-';

/** One event as an RFC 5424 message (without the octet count). */
export function formatSyslogMessage(event: SecurityEventInput, host = hostname(), pid = process.pid): string {
  const priority = FACILITY * 8 + SECURITY_SEVERITIES[event.severity];
  const params = [`kind="${sdValue(event.kind)}"`, `source="${sdValue(event.source)}"`];
  if (event.username !== null) params.push(`user="${sdValue(event.username)}"`);
  return `<${priority}>1 ${new Date(event.atMs).toISOString()} ${printable(host, 255)} ${APP_NAME} ${pid} ${printable(event.kind, 32)} [${SD_ID} ${params.join(' ')}] ${event.message}`;
}

/** Starts a forwarder to `target`. */
export function startSyslogForwarder(target: SyslogTarget, logger: Logger): SyslogForwarder {
  const stats: SyslogStats = { sent: 0, dropped: 0, connectFailures: 0 };
  const queue: string[] = [];
  let socket: Socket | null = null;
  let connecting = false;
  let closed = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const flush = (): void => {
    while (socket !== null && queue.length > 0) {
      const message = queue.shift() as string;
      socket.write(`${Buffer.byteLength(message)} ${message}`);
      stats.sent += 1;
    }
  };
  const scheduleRetry = (): void => {
    if (closed || retry !== null) return;
    const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)] as number;
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      open();
    }, delay);
    retry.unref();
  };
  const open = (): void => {
    if (closed || socket !== null || connecting) return;
    connecting = true;
    const options = { host: target.host, port: target.port };
    const candidate =
      target.transport === 'tls'
        ? connectTls({
            ...options,
            // SNI names a host, never an address (RFC 6066); the certificate is checked against either.
            ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
            minVersion: 'TLSv1.2',
            ...(target.caPem === null ? {} : { ca: target.caPem }),
          })
        : connectTcp(options);
    candidate.once(target.transport === 'tls' ? 'secureConnect' : 'connect', () => {
      connecting = false;
      failures = 0;
      socket = candidate;
      logger.info('forwarding security events to syslog', {
        target: `${target.transport}://${target.host}:${target.port}`,
      });
      flush();
    });
    candidate.on('error', (error) => {
      if (socket === null) {
        stats.connectFailures += 1;
        if (stats.connectFailures === 1 || stats.connectFailures % 20 === 0)
          logger.warn('the syslog collector cannot be reached; security events wait', {
            target: `${target.transport}://${target.host}:${target.port}`,
            reason: describeError(error),
            waiting: queue.length,
          });
      }
    });
    candidate.once('close', () => {
      connecting = false;
      if (socket === candidate) socket = null;
      scheduleRetry();
    });
    candidate.unref();
  };

  open();
  return {
    stats,
    send(event) {
      queue.push(formatSyslogMessage(event));
      if (queue.length > MAX_QUEUED) {
        queue.shift();
        stats.dropped += 1;
      }
      if (socket !== null) flush();
      else open();
    },
    async close() {
      closed = true;
      if (retry !== null) clearTimeout(retry);
      const open = socket;
      socket = null;
      if (open !== null) await new Promise<void>((resolve) => open.end(() => resolve()));
    },
  };
}
