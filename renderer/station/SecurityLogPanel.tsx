/**
 * The gateway's security event log for an admin on the Station screen: the alerts of the last day in a banner
 * (a burst of failed sign-ins, a reused refresh token, a journal that does not verify), then the newest events.
 * Refreshed every 15 s while open. Clinicians do not see it: the gateway would refuse them anyway.
 */
import { useQuery } from '@tanstack/react-query';
import type { SessionState } from '../../common/station/session-state';
import type { SecurityEvent } from '../../common/wire/security-events';
import { sessionMay } from '../../common/identity/permissions';
import { useStationServices } from '../app/station-context';
import { formatWallTime } from '../app/WallClock';
import { StationCallError } from './use-station-identity';

const SHOWN = 50;

const KIND_WORDS: Readonly<Record<SecurityEvent['kind'], string>> = {
  'sign-in-failed': 'Sign-in failed',
  'sign-in-rate-limited': 'Sign-in held back',
  'signed-in': 'Signed in',
  'refresh-token-reused': 'Refresh token reused',
  'handshake-refused': 'Connection refused',
  'station-enrolled': 'Station enrolled',
  'station-forgotten': 'Station forgotten',
  'user-changed': 'User changed',
  'settings-changed': 'Settings changed',
  'journal-verified': 'Journal verified',
  'journal-tampered': 'Journal TAMPERED',
  alert: 'ALERT',
};

/** The panel; nothing for anyone but a signed-in admin. */
export function SecurityLogPanel({ session }: { readonly session: SessionState }) {
  const allowed = sessionMay(session, 'security.review');
  const { bridge } = useStationServices();
  const log = useQuery({
    queryKey: ['security-log'],
    enabled: allowed,
    refetchInterval: 15_000,
    queryFn: async () => {
      const result = await bridge.api.getSecurityLog({ limit: SHOWN });
      if (!result.ok) throw new StationCallError(result.error);
      return result.value;
    },
    // Right after a sign-in the station's link re-authenticates for a moment: ask again shortly.
    retry: 3,
    retryDelay: 1000,
  });
  if (!allowed) return null;
  return (
    <section className="panel panel--wide" aria-labelledby="security-heading" data-testid="security-log">
      <h2 id="security-heading">Security events</h2>
      {log.isError && (
        <p className="panel__detail" role="alert">
          The security log cannot be read now: {log.error.message}
        </p>
      )}
      {log.data !== undefined && log.data.alerts.length > 0 && (
        <div className="security-alerts" role="alert" data-testid="security-alerts">
          {log.data.alerts.map((alert) => (
            <p key={alert.id} className={`security-alert security-alert--${alert.severity}`}>
              <strong>{formatWallTime(new Date(alert.atMs))}</strong> {alert.message}
            </p>
          ))}
        </div>
      )}
      {log.data !== undefined && (
        <table className="security-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Account</th>
              <th scope="col">From</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {log.data.events.map((event) => (
              <tr key={event.id} data-testid="security-event" data-kind={event.kind} data-severity={event.severity}>
                <td>{formatWallTime(new Date(event.atMs))}</td>
                <td>{KIND_WORDS[event.kind]}</td>
                <td>{event.username ?? '—'}</td>
                <td>{event.source}</td>
                <td>{event.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
