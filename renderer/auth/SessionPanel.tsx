/**
 * The station screen's panel about access: who is signed in, how the station shows the ward unattended
 * (embedded gateway, enrollment, or not at all), the automatic lock; for an admin, enrolling or forgetting the
 * station and changing the ward's lock time. A refused action shows the gateway's sentence.
 */
import { useState, type FormEvent } from 'react';
import type { SessionState } from '../../common/station/session-state';
import { sessionMay } from '../../common/identity/permissions';
import { useStationServices } from '../app/station-context';
import { ROLE_LABELS } from './SessionControls';
import { useSessionCall } from './use-session';
import { useWardSettings } from './use-ward-settings';

const ACCESS_TEXT: Readonly<Record<SessionState['stationAccess'], string>> = {
  embedded: 'Its own embedded gateway: always shows the ward',
  enrolled: 'Enrolled: shows the ward unattended (view only); the secret is in the OS keychain',
  none: 'Not enrolled: shows the ward only while someone is signed in',
};

/** The panel. */
export function SessionPanel({ session }: { readonly session: SessionState }) {
  const { bridge } = useStationServices();
  const run = useSessionCall();
  const settings = useWardSettings().data ?? null;
  const [message, setMessage] = useState<string | null>(null);
  const [minutes, setMinutes] = useState('');
  // Enrollment and the ward's station settings are IT's (the permission table); nobody else is offered them.
  const mayAdminister = sessionMay(session, 'station.enroll') && sessionMay(session, 'settings.change');

  const act = async (call: () => ReturnType<typeof bridge.api.enrollStation>, done: string) =>
    setMessage((await run(call)) ?? done);
  const saveLock = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.api.updateStationSettings({ autoLockMinutes: Number(minutes) });
    setMessage(
      result.ok ? `Idle stations now lock after ${result.value.station.autoLockMinutes} min` : result.error.message,
    );
  };

  return (
    <section className="panel" aria-label="Access" data-testid="panel-access">
      <h2>Access</h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>Signed in</dt>
          <dd data-testid="access-user">
            {session.user === null
              ? 'Nobody'
              : `${session.user.displayName} (${ROLE_LABELS[session.user.role]})${session.locked ? ', locked' : ''}`}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Stays signed in</dt>
          <dd>{session.user?.staySignedIn === true ? 'Yes — refresh token in the OS keychain' : 'No'}</dd>
        </div>
        <div className="facts__row">
          <dt>Unattended</dt>
          <dd data-testid="access-station">{ACCESS_TEXT[session.stationAccess]}</dd>
        </div>
        <div className="facts__row">
          <dt>Locks when idle</dt>
          <dd data-testid="access-auto-lock">
            {session.autoLockMinutes === 0 ? 'Never' : `After ${session.autoLockMinutes} min (set by IT)`}
          </dd>
        </div>
      </dl>
      {mayAdminister && (
        <div className="panel__actions">
          {session.stationAccess === 'none' && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void act(() => bridge.api.enrollStation(), 'Station enrolled')}
            >
              Enroll this station
            </button>
          )}
          {session.stationAccess === 'enrolled' && (
            <button
              type="button"
              className="button"
              onClick={() => void act(() => bridge.api.forgetStation(), 'Station forgotten')}
            >
              Forget this station
            </button>
          )}
          <form className="inline-form" onSubmit={(event) => void saveLock(event)}>
            <label>
              Lock idle stations after (min)
              <input
                type="number"
                min={0}
                max={240}
                required
                value={minutes}
                placeholder={String(settings?.station.autoLockMinutes ?? '')}
                onChange={(event) => setMinutes(event.target.value)}
              />
            </label>
            <button type="submit" className="button">
              Save for the ward
            </button>
          </form>
        </div>
      )}
      {message !== null && (
        <p className="panel__detail" role="status" data-testid="access-message">
          {message}
        </p>
      )}
    </section>
  );
}
