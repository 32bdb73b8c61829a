/**
 * The ward's users for an admin on the Station screen, on the live gateway: who exists, their role, whether they
 * may sign in; add one, disable or enable one (disabling ends their sessions and drops their connections at once)
 * and set a new password. The gateway checks every change and refuses with a sentence the panel shows; a password typed here
 * goes to the gateway and nowhere else.
 */
import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../common/station/session-state';
import { sessionMay } from '../../common/identity/permissions';
import { ROLES, type Role } from '../../common/identity/roles';
import { useStationServices } from '../app/station-context';
import { StationCallError } from './use-station-identity';

/** The panel; nothing for anyone but a signed-in admin. */
export function UsersPanel({ session }: { readonly session: SessionState }) {
  const allowed = sessionMay(session, 'users.manage');
  const { bridge } = useStationServices();
  const queries = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [draft, setDraft] = useState<{ username: string; displayName: string; role: Role; password: string }>({
    username: '',
    displayName: '',
    role: 'nurse',
    password: '',
  });
  const users = useQuery({
    queryKey: ['users'],
    enabled: allowed,
    queryFn: async () => {
      const result = await bridge.api.listUsers();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value.users;
    },
    retry: 3,
    retryDelay: 1000,
  });
  if (!allowed) return null;

  const setDisabled = async (username: string, disabled: boolean) => {
    const result = await bridge.api.setUserDisabled({ username, disabled });
    setMessage(
      result.ok
        ? `${username} ${disabled ? `disabled; ${result.value.sessionsEnded} session(s) ended` : 'may sign in again'}`
        : result.error.message,
    );
    await queries.invalidateQueries({ queryKey: ['users'] });
  };
  const addUser = async (event: FormEvent) => {
    event.preventDefault();
    const result = await bridge.api.addUser(draft);
    setDraft((current) => ({ ...current, password: '' }));
    setMessage(result.ok ? `added ${result.value.user.username} (${result.value.user.role})` : result.error.message);
    if (result.ok) {
      setDraft({ username: '', displayName: '', role: 'nurse', password: '' });
      await queries.invalidateQueries({ queryKey: ['users'] });
    }
  };
  const savePassword = async (event: FormEvent, username: string) => {
    event.preventDefault();
    const result = await bridge.api.resetUserPassword({ username, password });
    setPassword('');
    setMessage(
      result.ok
        ? `new password set for ${username}; ${result.value.sessionsEnded} session(s) ended`
        : result.error.message,
    );
    if (result.ok) setResetting(null);
  };

  return (
    <section className="panel panel--wide" aria-labelledby="users-heading" data-testid="users-panel">
      <h2 id="users-heading">Users</h2>
      {users.isError && (
        <p className="panel__detail" role="alert">
          The users cannot be read now: {users.error.message}
        </p>
      )}
      {users.data !== undefined && (
        <table className="security-table">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <tr key={user.username} data-testid="user-row" data-username={user.username}>
                <td>{user.username}</td>
                <td>{user.displayName}</td>
                <td>{user.role}</td>
                <td>{user.disabled ? 'Disabled' : 'Active'}</td>
                <td className="users-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => void setDisabled(user.username, !user.disabled)}
                  >
                    {user.disabled ? 'Enable' : 'Disable'}
                  </button>
                  {resetting === user.username ? (
                    <form className="users-reset" onSubmit={(event) => void savePassword(event, user.username)}>
                      <label>
                        New password for {user.username}
                        <input
                          type="password"
                          autoComplete="new-password"
                          value={password}
                          onChange={(event) => setPassword(event.target.value)}
                        />
                      </label>
                      <button type="submit" className="button button--primary" disabled={password.length === 0}>
                        Set password
                      </button>
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          setResetting(null);
                          setPassword('');
                        }}
                      >
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <button type="button" className="button" onClick={() => setResetting(user.username)}>
                      Reset password
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="users-add" aria-label="Add a user" onSubmit={(event) => void addUser(event)}>
        <label>
          Username
          <input
            value={draft.username}
            autoComplete="off"
            onChange={(event) => setDraft({ ...draft, username: event.target.value })}
          />
        </label>
        <label>
          Full name
          <input
            value={draft.displayName}
            onChange={(event) => setDraft({ ...draft, displayName: event.target.value })}
          />
        </label>
        <label>
          Role
          <select value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(event) => setDraft({ ...draft, password: event.target.value })}
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          disabled={draft.username === '' || draft.displayName === '' || draft.password === ''}
        >
          Add user
        </button>
      </form>
      {message !== null && (
        <p className="panel__detail" role="status" data-testid="users-message">
          {message}
        </p>
      )}
    </section>
  );
}
