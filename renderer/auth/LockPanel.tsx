/**
 * What a locked station shows: a panel docked at the bottom, leaving the ward above it live and readable from
 * across the room. The locked user unlocks with their password; anyone else switches user (which signs the
 * locked user out) — a shared nurse station changes hands at every shift.
 */
import { useState } from 'react';
import type { SessionState } from '../../common/station/session-state';
import { SignInForm } from './SignInForm';
import { ROLE_LABELS } from './SessionControls';

/** Props of {@link LockPanel}. */
export interface LockPanelProps {
  readonly user: NonNullable<SessionState['user']>;
}

/** The panel. */
export function LockPanel({ user }: LockPanelProps) {
  const [switching, setSwitching] = useState(false);
  return (
    <aside className="lock-panel" aria-label="Station locked" data-testid="lock-panel">
      <div className="lock-panel__status">
        <span className="lock-panel__icon" aria-hidden="true" />
        <div>
          <strong>Station locked</strong>
          <p>
            The ward stays live. Alarms cannot be acknowledged until a clinician signs in. Signed in: {user.displayName}{' '}
            ({ROLE_LABELS[user.role]}).
          </p>
        </div>
      </div>
      {switching ? (
        <SignInForm title="Switch user" onCancel={() => setSwitching(false)} onDone={() => setSwitching(false)} />
      ) : (
        <div className="lock-panel__unlock">
          <SignInForm title="Unlock" unlockFor={user} />
          <button type="button" className="button" onClick={() => setSwitching(true)}>
            Switch user
          </button>
        </div>
      )}
    </aside>
  );
}
