/**
 * The simple alerts a security team asks of a central station's server: a burst of failed sign-ins from one
 * source (password guessing), against one account (someone trying a nurse's password), any refresh-token reuse
 * (a stolen token), and a journal that does not verify. Each alert is raised once per source and window, so a
 * flood of guesses is one alert, not a flood of alerts.
 */
import type { SecurityEventInput } from './security-event-store';

/** Thresholds. */
export interface AlertRules {
  /** Failed or rate-limited sign-ins from one source within the window that make an alert. */
  readonly failuresPerSource: number;
  /** Failed sign-ins for one account within the window that make an alert. */
  readonly failuresPerAccount: number;
  readonly windowMs: number;
}

/** Ten failures from one place, or five against one account, in five minutes. */
export const DEFAULT_ALERT_RULES: AlertRules = { failuresPerSource: 10, failuresPerAccount: 5, windowMs: 5 * 60_000 };

/** Watches events and returns the alerts they cause. */
export interface SecurityAlerts {
  /** The alerts `event` raises now (usually none). */
  consider(event: SecurityEventInput): SecurityEventInput[];
}

/** Creates the watcher. */
export function createSecurityAlerts(rules: AlertRules = DEFAULT_ALERT_RULES): SecurityAlerts {
  const failures = new Map<string, number[]>();
  const alertedUntil = new Map<string, number>();
  const count = (key: string, atMs: number): number => {
    const kept = (failures.get(key) ?? []).filter((time) => time > atMs - rules.windowMs);
    kept.push(atMs);
    failures.set(key, kept);
    // Bounded: a flood of distinct sources forgets the oldest first.
    if (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
    return kept.length;
  };
  const once = (key: string, atMs: number): boolean => {
    if ((alertedUntil.get(key) ?? 0) > atMs) return false;
    alertedUntil.set(key, atMs + rules.windowMs);
    if (alertedUntil.size > 10_000) alertedUntil.delete(alertedUntil.keys().next().value as string);
    return true;
  };
  const alert = (event: SecurityEventInput, message: string): SecurityEventInput => ({
    atMs: event.atMs,
    kind: 'alert',
    severity: 'warning',
    source: event.source,
    username: event.username,
    message,
  });
  const minutes = Math.round(rules.windowMs / 60_000);
  return {
    consider(event) {
      const raised: SecurityEventInput[] = [];
      if (event.kind === 'sign-in-failed' || event.kind === 'sign-in-rate-limited') {
        const bySource = count(`source:${event.source}`, event.atMs);
        if (bySource >= rules.failuresPerSource && once(`source:${event.source}`, event.atMs))
          raised.push(
            alert(event, `${bySource} failed sign-ins from ${event.source} within ${minutes} min: password guessing?`),
          );
        if (event.username !== null) {
          const byAccount = count(`user:${event.username}`, event.atMs);
          if (byAccount >= rules.failuresPerAccount && once(`user:${event.username}`, event.atMs))
            raised.push(alert(event, `${byAccount} failed sign-ins for ${event.username} within ${minutes} min`));
        }
      }
      if (event.kind === 'refresh-token-reused' && once(`reuse:${event.username ?? event.source}`, event.atMs))
        raised.push(
          alert(event, `a refresh token of ${event.username ?? 'a user'} was used twice: a copy exists elsewhere`),
        );
      if (event.kind === 'journal-tampered') raised.push({ ...alert(event, event.message), severity: 'critical' });
      return raised;
    },
  };
}
