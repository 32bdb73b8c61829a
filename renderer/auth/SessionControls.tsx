/**
 * The signed-in user, always visible in the header, with Lock and Sign out; "Sign in" when nobody is. Opens the
 * sign-in dialog.
 */
import type { SessionState } from '../../common/station/session-state';
import { useStationServices } from '../app/station-context';
import { useSessionCall } from './use-session';

/** How roles read on screen. */
export const ROLE_LABELS: Readonly<Record<NonNullable<SessionState['user']>['role'], string>> = {
  nurse: 'Nurse',
  physician: 'Physician',
  admin: 'Admin (IT)',
};

/** Props of {@link SessionControls}. */
export interface SessionControlsProps {
  readonly session: SessionState | undefined;
  readonly onSignIn: () => void;
}

/** The header's session area. */
export function SessionControls({ session, onSignIn }: SessionControlsProps) {
  const { bridge } = useStationServices();
  const run = useSessionCall();
  if (session === undefined) return null;
  const { user } = session;
  if (user === null) {
    return (
      <div className="session-controls">
        <span className="session-controls__nobody" data-testid="session-user">
          Not signed in
        </span>
        <button type="button" className="button button--primary" onClick={onSignIn}>
          Sign in
        </button>
      </div>
    );
  }
  return (
    <div className={`session-controls${session.locked ? ' session-controls--locked' : ''}`}>
      <span className="session-controls__user" data-testid="session-user">
        {user.displayName}
        <span className="session-controls__role">{ROLE_LABELS[user.role]}</span>
        {session.locked && <span className="session-controls__locked">Locked</span>}
      </span>
      {!session.locked && (
        <button type="button" className="button" onClick={() => void run(() => bridge.api.lockStation())}>
          Lock
        </button>
      )}
      <button type="button" className="button" onClick={() => void run(() => bridge.api.signOut())}>
        Sign out
      </button>
    </div>
  );
}
