import { useServiceReachable } from '../station/use-service-reachable';
import { useStationIdentity } from '../station/use-station-identity';
import { useStreamLink } from '../station/use-stream-link';
import { StationScreen } from '../station/StationScreen';
import { AppFrame } from './AppFrame';

/** The station UI. */
export function App() {
  const identity = useStationIdentity();
  const serviceReachable = useServiceReachable();
  const streamLink = useStreamLink(identity.data?.gateway.url, identity.data?.stationName);

  let content;
  if (identity.data !== undefined) {
    content = <StationScreen identity={identity.data} streamLink={streamLink} serviceReachable={serviceReachable} />;
  } else if (identity.isError) {
    content = (
      <div className="app-message app-message--fault" role="alert">
        The station could not report its identity: {identity.error.message}
      </div>
    );
  } else {
    content = <div className="app-message">Contacting the station service…</div>;
  }
  return (
    <AppFrame identity={identity.data} serviceReachable={serviceReachable}>
      {content}
    </AppFrame>
  );
}
