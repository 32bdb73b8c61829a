/**
 * Below the alarm bar: acknowledgments made at this station that the gateway has not recorded — those the
 * gateway refused for good ("not delivered", with the reason, until a clinician dismisses them) and those waiting
 * for the clinician who made them to sign in again (they are recorded in that clinician's name only). Acknowledgments waiting
 * only for the gateway show on their alarm in the bar ("queued (offline)").
 */
import type { StationAcknowledgment } from '../../common/station/station-alarms';

/** What the notices need. */
export interface AcknowledgmentNoticesProps {
  readonly acknowledgments: readonly StationAcknowledgment[];
  readonly canDismiss: boolean;
  readonly onDismiss: (idempotencyKey: string) => void;
}

/** The notices, or nothing when there are none. */
export function AcknowledgmentNotices(props: AcknowledgmentNoticesProps) {
  const undelivered = props.acknowledgments.filter((entry) => entry.state === 'not-delivered');
  const waiting = new Map<string, number>();
  for (const entry of props.acknowledgments)
    if (entry.state === 'waiting-for-clinician')
      waiting.set(entry.displayName, (waiting.get(entry.displayName) ?? 0) + 1);
  if (undelivered.length === 0 && waiting.size === 0) return null;
  return (
    <section className="ack-notices" aria-label="Acknowledgments not recorded" data-testid="ack-notices">
      {undelivered.map((entry) => (
        <p className="ack-notices__undelivered" role="alert" key={entry.idempotencyKey} data-testid="ack-undelivered">
          <strong>Acknowledgment not delivered</strong> — {entry.label}, by {entry.displayName}: {entry.reason}
          {props.canDismiss && (
            <button type="button" onClick={() => props.onDismiss(entry.idempotencyKey)}>
              Dismiss
            </button>
          )}
        </p>
      ))}
      {[...waiting].map(([displayName, count]) => (
        <p className="ack-notices__waiting" key={displayName} data-testid="ack-waiting">
          {count === 1 ? '1 acknowledgment waits' : `${count} acknowledgments wait`} until {displayName} signs in again
          (recorded in that clinician’s name only).
        </p>
      ))}
    </section>
  );
}
