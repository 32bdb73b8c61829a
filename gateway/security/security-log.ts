/**
 * The gateway's security event log: every event goes to the gateway database (kept 90 days), to the hospital's
 * SIEM when a syslog target is configured, and past the alert rules, whose alerts are events of their own. The
 * rest of the gateway only calls `record`; nothing it does waits for the database or the network, and a failing
 * write is logged, never thrown — a security log must not take the ward down.
 */
import type { SecurityEventKind, SecurityLog, SecuritySeverity } from '../../common/wire/security-events';
import { describeError, type Logger } from '../../common/logging/logger';
import { createSecurityAlerts, type SecurityAlerts } from './security-alerts';
import type { SecurityEventInput, SecurityEventStore } from './security-event-store';
import type { SyslogForwarder } from './syslog-forwarder';

/** What a caller says about an event. */
export interface SecurityEventFields {
  readonly severity: SecuritySeverity;
  readonly source: string;
  readonly username?: string | null;
  readonly message: string;
}

/** Where the gateway records security events. */
export interface SecurityEvents {
  record(kind: SecurityEventKind, fields: SecurityEventFields): void;
}

/** Records nothing (a test's gateway, or before the log is wired). */
export const NO_SECURITY_EVENTS: SecurityEvents = { record: () => undefined };

/** The log. */
export interface SecurityEventLog extends SecurityEvents {
  /** The newest events and the alerts of the last day, for the admin's Station screen. */
  read(limit: number): Promise<SecurityLog | null>;
  /** Resolves once every event recorded so far is in the database. */
  drained(): Promise<void>;
  close(): Promise<void>;
}

/** Kept this long in the database. */
const RETENTION_MS = 90 * 24 * 3_600_000;
/** Events waiting for the database to open, at most. */
const MAX_WAITING = 5000;

/** Creates the log. */
export function createSecurityEventLog(options: {
  readonly store: () => SecurityEventStore | null;
  readonly syslog: SyslogForwarder | null;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly alerts?: SecurityAlerts;
}): SecurityEventLog {
  const now = options.now ?? Date.now;
  const alerts = options.alerts ?? createSecurityAlerts();
  const waiting: SecurityEventInput[] = [];
  let writing: Promise<void> = Promise.resolve();
  let lost = 0;
  let lastPruneMs = 0;

  const write = (): void => {
    const store = options.store();
    if (store === null || waiting.length === 0) return;
    const batch = waiting.splice(0);
    writing = writing.then(async () => {
      for (const event of batch) {
        try {
          await store.insert(event);
        } catch (error) {
          lost += 1;
          options.logger.error('a security event could not be stored', {
            kind: event.kind,
            reason: describeError(error),
            lost,
          });
        }
      }
      if (now() - lastPruneMs > 3_600_000) {
        lastPruneMs = now();
        await store.prune(now() - RETENTION_MS).catch(() => 0);
      }
    });
  };
  const keep = (event: SecurityEventInput): void => {
    waiting.push(event);
    if (waiting.length > MAX_WAITING) {
      waiting.shift();
      lost += 1;
    }
    options.syslog?.send(event);
    const level =
      event.severity === 'info' || event.severity === 'notice'
        ? 'info'
        : event.severity === 'warning'
          ? 'warn'
          : 'error';
    options.logger[level](`security: ${event.kind}`, {
      source: event.source,
      username: event.username,
      message: event.message,
    });
  };
  const retry = setInterval(write, 2000);
  retry.unref();

  return {
    record(kind, fields) {
      const event: SecurityEventInput = {
        atMs: now(),
        kind,
        severity: fields.severity,
        source: fields.source,
        username: fields.username ?? null,
        message: fields.message,
      };
      keep(event);
      for (const alert of alerts.consider(event)) keep(alert);
      write();
    },
    async read(limit) {
      const store = options.store();
      if (store === null) return null;
      write();
      await writing;
      const [events, recentAlerts] = await Promise.all([
        store.recent(limit),
        store.recent(100, 'alert', now() - 24 * 3_600_000),
      ]);
      return { events, alerts: recentAlerts };
    },
    async drained() {
      write();
      await writing;
    },
    async close() {
      clearInterval(retry);
      write();
      await writing;
      await options.syslog?.close();
    },
  };
}
