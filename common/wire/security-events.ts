/**
 * The gateway's security event log (issue 14): what a hospital's security team watches for — failed and
 * rate-limited sign-ins, refresh-token reuse, refused handshakes, enrollments, user and settings changes, journal
 * verification results — kept in the gateway database, forwarded as RFC 5424 syslog to the hospital's SIEM, and
 * shown to admins on the Station screen with the alerts the gateway raised from them.
 */
import { z } from 'zod';

/** Kinds of security events. */
export const SECURITY_EVENT_KINDS = [
  'sign-in-failed',
  'sign-in-rate-limited',
  'signed-in',
  'refresh-token-reused',
  'handshake-refused',
  'station-enrolled',
  'station-forgotten',
  'user-changed',
  'settings-changed',
  'journal-verified',
  'journal-tampered',
  'alert',
] as const;

/** One of {@link SECURITY_EVENT_KINDS}. */
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

/** Severities as RFC 5424 numbers them (lower is worse); the ones the gateway uses. */
export const SECURITY_SEVERITIES = { critical: 2, warning: 4, notice: 5, info: 6 } as const;

/** A severity's name. */
export type SecuritySeverity = keyof typeof SECURITY_SEVERITIES;

/** An event as the gateway records it. Never a password, token or secret. */
export const securityEventSchema = z.object({
  id: z.number().int(),
  atMs: z.number(),
  kind: z.enum(SECURITY_EVENT_KINDS),
  severity: z.enum(['critical', 'warning', 'notice', 'info']),
  /** Where it came from: a network address, an enrolled station, or the gateway itself. */
  source: z.string().max(200),
  /** The account it concerns, when one exists (an unknown name is never recorded: it may be a password). */
  username: z.string().max(32).nullable(),
  message: z.string().max(500),
});

/** See {@link securityEventSchema}. */
export type SecurityEvent = z.infer<typeof securityEventSchema>;

/** What the admin's Station screen shows. */
export const securityLogSchema = z.object({
  events: z.array(securityEventSchema).readonly(),
  /** Alerts raised within the last day, newest first (also among the events). */
  alerts: z.array(securityEventSchema).readonly(),
});

/** See {@link securityLogSchema}. */
export type SecurityLog = z.infer<typeof securityLogSchema>;
