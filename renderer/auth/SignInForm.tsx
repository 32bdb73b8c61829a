/**
 * The sign-in form: username, password, "stay signed in on this station". Used to sign in, to unlock (username
 * fixed), and to switch user at a locked station. The password lives in this component's state only until it
 * is sent, and is cleared whatever the answer.
 */
import { useState, type FormEvent } from 'react';
import type { IpcResult } from '../../common/ipc/result';
import type { SessionState } from '../../common/station/session-state';
import { useStationServices } from '../app/station-context';
import { useSessionCall } from './use-session';

/** Props of {@link SignInForm}. */
export interface SignInFormProps {
  readonly title: string;
  /** Unlock mode: the user is known, only the password is asked. */
  readonly unlockFor?: { readonly username: string; readonly displayName: string };
  readonly onCancel?: () => void;
  readonly onDone?: () => void;
}

/** The form. */
export function SignInForm({ title, unlockFor, onCancel, onDone }: SignInFormProps) {
  const { bridge } = useStationServices();
  const run = useSessionCall();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [staySignedIn, setStaySignedIn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const call = (): Promise<IpcResult<SessionState>> =>
      unlockFor === undefined
        ? bridge.api.signIn({ username, password, staySignedIn })
        : bridge.api.unlockStation({ password });
    const problem = await run(call);
    setPassword('');
    setBusy(false);
    if (problem !== null) setError(problem);
    else onDone?.();
  };

  return (
    <form className="sign-in" aria-label={title} onSubmit={(event) => void submit(event)}>
      <h2>{title}</h2>
      {unlockFor === undefined ? (
        <label className="sign-in__field">
          <span>Username</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
            autoFocus
          />
        </label>
      ) : (
        <p className="sign-in__who" data-testid="unlock-user">
          {unlockFor.displayName} <span className="sign-in__username">({unlockFor.username})</span>
        </p>
      )}
      <label className="sign-in__field">
        <span>Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          autoFocus={unlockFor !== undefined}
        />
      </label>
      {unlockFor === undefined && (
        <label className="sign-in__check">
          <input
            type="checkbox"
            name="stay-signed-in"
            checked={staySignedIn}
            onChange={(event) => setStaySignedIn(event.target.checked)}
          />
          <span>Stay signed in on this station (kept in the OS keychain)</span>
        </label>
      )}
      {error !== null && (
        <p className="sign-in__error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <div className="sign-in__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {unlockFor === undefined ? 'Sign in' : 'Unlock'}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
