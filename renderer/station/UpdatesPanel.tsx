/**
 * The station's updates on the Station screen (issue 18): the version running, what the hospital's server offers,
 * and who may install it — an admin here, or the station itself in IT's install hours, never while an alarm is
 * active. The button is there only for an admin, and says why it cannot be used when it cannot.
 */
import { useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { sessionMay } from '../../common/identity/permissions';
import type { SessionState } from '../../common/station/session-state';
import type { UpdateStatus } from '../../common/station/update-status';
import { useStationServices } from '../app/station-context';
import { formatWallTime } from '../app/WallClock';
import type { StationCallError } from './use-station-identity';
import { usePushedStationValue } from './use-pushed-station-value';
import { Fact } from './Fact';

const UPDATE_STATUS_KEY = ['station', 'updates'] as const;

const STATE_WORDS: Readonly<Record<UpdateStatus['state'], string>> = {
  off: 'Off',
  checking: 'Checking…',
  'up-to-date': 'Up to date',
  available: 'Update available',
  downloading: 'Downloading…',
  ready: 'Ready to install',
  installing: 'Installing — the station restarts',
  failed: 'Check failed',
};

function useUpdateStatus(): UseQueryResult<UpdateStatus, StationCallError> {
  return usePushedStationValue<UpdateStatus, 'updateStatusChanged'>(UPDATE_STATUS_KEY, 'updateStatusChanged', (api) =>
    api.getUpdateStatus(),
  );
}

/** The panel. */
export function UpdatesPanel({ session }: { readonly session: SessionState }) {
  const { bridge } = useStationServices();
  const status = useUpdateStatus();
  const [message, setMessage] = useState<string | null>(null);
  const update = status.data;
  if (update === undefined)
    return (
      <section className="panel" aria-label="Updates" data-testid="updates-panel">
        <h2>Updates</h2>
        <p className="panel__detail">{status.isError ? status.error.message : 'Reading…'}</p>
      </section>
    );
  const mayInstall = sessionMay(session, 'station.update');
  const install = async () => {
    const result = await bridge.api.installUpdate();
    setMessage(result.ok ? 'Installing: the station restarts.' : result.error.message);
  };
  const check = async () => {
    const result = await bridge.api.checkForUpdate();
    setMessage(result.ok ? null : result.error.message);
  };
  return (
    <section className="panel panel--wide" aria-labelledby="updates-heading" data-testid="updates-panel">
      <h2 id="updates-heading">Updates</h2>
      <dl className="facts">
        <Fact label="Version" value={update.currentVersion} />
        <Fact label="Status" value={STATE_WORDS[update.state]} testId="update-state" />
        {update.available !== null && (
          <Fact
            label="Available"
            value={`${update.available.version}${update.available.releaseName === null ? '' : ` — ${update.available.releaseName}`}`}
            testId="update-available"
          />
        )}
        <Fact label="Server" value={update.server ?? 'none (set by IT’s policy)'} testId="update-server" />
        {update.server !== null && <Fact label="Channel" value={update.channel} />}
        {update.installHours !== null && <Fact label="Install hours" value={update.installHours} />}
        <Fact label="Who may install" value={update.whoMayInstall} testId="update-who" />
        {update.lastCheckedAtMs !== null && (
          <Fact label="Last checked" value={formatWallTime(new Date(update.lastCheckedAtMs))} />
        )}
      </dl>
      {update.problem !== null && (
        <p className="panel__detail" role="alert" data-testid="update-problem">
          {update.problem}
        </p>
      )}
      {mayInstall && update.server !== null && (
        <div className="panel__actions">
          <button type="button" className="button" onClick={() => void check()}>
            Check now
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={update.blockedBecause !== null}
            title={update.blockedBecause ?? undefined}
            onClick={() => void install()}
          >
            Install and restart
          </button>
          {update.blockedBecause !== null && update.available !== null && (
            <span className="panel__detail" data-testid="update-blocked">
              Cannot install now: {update.blockedBecause}
            </span>
          )}
        </div>
      )}
      {message !== null && (
        <p className="panel__detail" role="status" data-testid="update-message">
          {message}
        </p>
      )}
    </section>
  );
}
