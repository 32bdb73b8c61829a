import { useState } from 'react';
import { useServiceReachable } from '../station/use-service-reachable';
import { useStationIdentity } from '../station/use-station-identity';
import { useStreamLink } from '../station/use-stream-link';
import { StationScreen } from '../station/StationScreen';
import { useCensus } from '../ward/use-census';
import { WardScreen } from '../ward/WardScreen';
import { wardPageFrom } from '../ward/ward-page';
import { AppFrame, type AppView } from './AppFrame';
import { useStationServices } from './station-context';

/** This display's part of the ward, from its URL (one display: the whole ward). */
const WARD_PAGE = wardPageFrom(window.location.search);

/** The station UI: the ward wall by default, the station screen on request. */
export function App() {
  const { numerics } = useStationServices();
  const [view, setView] = useState<AppView>('ward');
  const identity = useStationIdentity();
  const census = useCensus();
  const serviceReachable = useServiceReachable();
  const streamLink = useStreamLink(identity.data?.gateway.url, identity.data?.stationName);
  const streamConnected = serviceReachable && streamLink?.status === 'connected';

  let content;
  if (identity.isError) {
    content = (
      <div className="app-message app-message--fault" role="alert">
        The station could not report its identity: {identity.error.message}
      </div>
    );
  } else if (identity.data === undefined) {
    content = <div className="app-message">Contacting the station service…</div>;
  } else if (view === 'station') {
    content = <StationScreen identity={identity.data} streamLink={streamLink} serviceReachable={serviceReachable} />;
  } else if (census.data === null || census.data === undefined) {
    content = <div className="app-message">Waiting for the ward’s census from the gateway…</div>;
  } else {
    content = <WardScreen census={census.data} numerics={numerics} streamConnected={streamConnected} page={WARD_PAGE} />;
  }
  return (
    <AppFrame identity={identity.data} serviceReachable={serviceReachable} view={view} onViewChange={setView}>
      {content}
    </AppFrame>
  );
}
