import { useEffect, useState } from 'react';
import { useServiceReachable } from '../station/use-service-reachable';
import { useStationIdentity } from '../station/use-station-identity';
import { useStreamLink } from '../station/use-stream-link';
import { StationScreen } from '../station/StationScreen';
import { useCensus } from '../ward/use-census';
import { WardScreen } from '../ward/WardScreen';
import { wardPageFrom } from '../ward/ward-page';
import { useSession } from '../auth/use-session';
import { useActivityReporter } from '../auth/use-activity-reporter';
import { SessionControls } from '../auth/SessionControls';
import { SignInForm } from '../auth/SignInForm';
import { LockPanel } from '../auth/LockPanel';
import { useWardAlarms } from '../alarms/AlarmArea';
import { HistoryScreen } from '../history/HistoryScreen';
import { RemoteScreen } from '../remote/RemoteScreen';
import { AppFrame, type AppView } from './AppFrame';
import { useStationServices } from './station-context';

/** This display's part of the ward, from its URL (one display: the whole ward). */
const WARD_PAGE = wardPageFrom(window.location.search);

/** The station UI: the ward wall by default, the station screen on request; sign-in, lock and user switch. */
export function App() {
  const { numerics, streamWorker, bridge } = useStationServices();
  const [view, setView] = useState<AppView>('ward');
  const [signingIn, setSigningIn] = useState(false);
  const identity = useStationIdentity();
  const census = useCensus();
  const session = useSession().data;
  const serviceReachable = useServiceReachable();
  const streamLink = useStreamLink(
    identity.data?.gateway.url,
    identity.data?.gateway.fallbackUrls,
    identity.data?.stationName,
  );
  const streamConnected = serviceReachable && streamLink?.status === 'connected';
  const user = session?.user ?? null;
  const locked = session?.locked === true;
  useActivityReporter(user !== null && !locked);
  const { wardAlarms, bar } = useWardAlarms({
    control: identity.data?.link ?? null,
    stream: streamLink,
    serviceReachable,
    session,
    policyVolumeFloorPercent: identity.data?.policy.minimumVolumePercent ?? null,
  });

  // Who may watch follows the session (a sign-in at a station that is not enrolled): the stream asks again.
  const watcher = `${user?.username ?? ''}|${session?.stationAccess ?? ''}`;
  useEffect(() => streamWorker.reauthenticate(), [streamWorker, watcher]);
  const signInOpen = signingIn && user === null;

  let content;
  if (identity.isError) {
    content = (
      <div className="app-message app-message--fault" role="alert">
        The station could not report its identity: {identity.error.message}
      </div>
    );
  } else if (identity.data === undefined || session === undefined) {
    content = <div className="app-message">Contacting the station service…</div>;
  } else if (view === 'remote') {
    content = <RemoteScreen alarmsByBed={wardAlarms.byBed} />;
  } else if (view === 'history') {
    content = <HistoryScreen census={census.data ?? null} session={session} />;
  } else if (view === 'station') {
    content = (
      <StationScreen
        identity={identity.data}
        streamLink={streamLink}
        serviceReachable={serviceReachable}
        session={session}
      />
    );
  } else if (user === null && session.stationAccess === 'none') {
    content = (
      <div className="sign-in-page">
        <p className="app-message">
          This station is not enrolled at the ward gateway, so it shows the ward only while someone is signed in.
        </p>
        <SignInForm title="Sign in" />
      </div>
    );
  } else if (census.data === null || census.data === undefined) {
    content = <div className="app-message">Waiting for the ward’s census from the gateway…</div>;
  } else {
    content = (
      <WardScreen
        census={census.data}
        numerics={numerics}
        streamConnected={streamConnected}
        page={WARD_PAGE}
        alarmsByBed={wardAlarms.byBed}
      />
    );
  }
  return (
    <AppFrame
      identity={identity.data}
      serviceReachable={serviceReachable}
      serviceProblem={bridge.reachability.problem()}
      view={view}
      onViewChange={setView}
      session={<SessionControls session={session} onSignIn={() => setSigningIn(true)} />}
      notice={session?.notice ?? null}
      alarmBar={bar}
    >
      {content}
      {user !== null && locked && <LockPanel user={user} />}
      {signInOpen && (
        <div className="dialog-backdrop" role="presentation">
          <div className="dialog" role="dialog" aria-modal="true" aria-label="Sign in">
            <SignInForm title="Sign in" onCancel={() => setSigningIn(false)} onDone={() => setSigningIn(false)} />
          </div>
        </div>
      )}
    </AppFrame>
  );
}
