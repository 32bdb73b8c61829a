/**
 * The frame every screen lives in: a header with ward, station, gateway link and clock, a banner when the
 * station service cannot be reached or the gateway link is not encrypted, and the screen below. A stale frame is greyed so that it never looks live.
 */
import type { ReactNode } from 'react';
import type { StationIdentity } from '../../common/station/station-identity';
import { LinkStatusBadge } from '../station/LinkStatusBadge';
import { WallClock } from './WallClock';

/** The screens the frame switches between. */
export type AppView = 'ward' | 'remote' | 'history' | 'station';

/** Props of {@link AppFrame}. */
export interface AppFrameProps {
  readonly identity: StationIdentity | undefined;
  readonly serviceReachable: boolean;
  /** Why the service cannot be reached, when known; replaces the generic "lost contact" sentence. */
  readonly serviceProblem?: string | null;
  readonly view: AppView;
  readonly onViewChange: (view: AppView) => void;
  /** The signed-in user and session buttons, always visible. */
  readonly session: ReactNode;
  /** Something about the session the user must know (it ended, the keychain refused…), or null. */
  readonly notice: string | null;
  /** The alarm bar, always visible under the header. */
  readonly alarmBar: ReactNode;
  readonly children: ReactNode;
}

const VIEWS: readonly { view: AppView; label: string }[] = [
  { view: 'ward', label: 'Ward' },
  { view: 'remote', label: 'Remote' },
  { view: 'history', label: 'History' },
  { view: 'station', label: 'Station' },
];

/** Header, banner and content. */
export function AppFrame({
  identity,
  serviceReachable,
  serviceProblem = null,
  view,
  onViewChange,
  session,
  notice,
  alarmBar,
  children,
}: AppFrameProps) {
  const ward = identity?.link.status === 'connected' ? identity.link.wardName : null;
  return (
    <div className={`app-frame${serviceReachable ? '' : ' app-frame--stale'}`}>
      <header className="app-header">
        <div className="app-header__brand">
          <span className="app-header__logo" aria-hidden="true" />
          <h1 className="app-header__product">WardWatch</h1>
          <span className="app-header__ward" data-testid="header-ward">
            {ward ?? 'No ward'}
          </span>
          <nav className="app-nav" aria-label="Screens">
            {VIEWS.map((entry) => (
              <button
                key={entry.view}
                type="button"
                className={`app-nav__button${entry.view === view ? ' app-nav__button--active' : ''}`}
                aria-pressed={entry.view === view}
                onClick={() => onViewChange(entry.view)}
              >
                {entry.label}
              </button>
            ))}
          </nav>
        </div>
        <div className="app-header__station" data-testid="header-station">
          {identity?.stationName ?? ''}
        </div>
        <div className="app-header__status">
          {session}
          <LinkStatusBadge name="Gateway" state={identity?.link ?? null} serviceReachable={serviceReachable} />
          <WallClock />
        </div>
      </header>
      {!serviceReachable && (
        <div className="app-banner app-banner--fault" role="alert" data-testid="service-unreachable">
          {serviceProblem ?? 'Lost contact with the station service — nothing on this screen is live. Reconnecting…'}
        </div>
      )}
      {identity?.gateway.cleartext === true && (
        <div className="app-banner app-banner--insecure" role="alert" data-testid="insecure-gateway">
          Unencrypted gateway connection — passwords and patient data cross the network in clear (--insecure-gateway).
          Tell hospital IT.
        </div>
      )}
      {alarmBar}
      {notice !== null && (
        <div className="app-banner app-banner--notice" role="status" data-testid="session-notice">
          {notice.charAt(0).toUpperCase() + notice.slice(1)}
        </div>
      )}
      <main className="app-content">{children}</main>
    </div>
  );
}
