/**
 * The station screen: who this station is, which gateway it watches and how both links stand. It is what IT
 * checks after installing a station and what a nurse sees when the ward has not started streaming yet.
 */
import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import type { StationIdentity } from '../../common/station/station-identity';
import { formatWallTime } from '../app/WallClock';
import type { SessionState } from '../../common/station/session-state';
import { SessionPanel } from '../auth/SessionPanel';
import { CredentialStorePanel } from './CredentialStorePanel';
import { AlarmPolicyPanel } from './AlarmPolicyPanel';
import { SecurityLogPanel } from './SecurityLogPanel';
import { UsersPanel } from './UsersPanel';
import { DevicesPanel } from './DevicesPanel';
import { PolicyPanel } from './PolicyPanel';
import { UpdatesPanel } from './UpdatesPanel';
import { Fact } from './Fact';
import { LinkStatusBadge } from './LinkStatusBadge';
import { presentLink } from './link-status-presentation';

/** Props of {@link StationScreen}. */
export interface StationScreenProps {
  readonly identity: StationIdentity;
  readonly streamLink: GatewayLinkState | null;
  readonly serviceReachable: boolean;
  readonly session: SessionState;
}

/** The identity panel and the two link panels. */
export function StationScreen({ identity, streamLink, serviceReachable, session }: StationScreenProps) {
  return (
    <div className="station-screen">
      <section className="panel" aria-labelledby="station-heading">
        <h2 id="station-heading">Station</h2>
        <dl className="facts">
          <Fact label="Name" value={identity.stationName} testId="station-name" />
          <Fact label="WardWatch version" value={identity.appVersion} testId="app-version" />
          <Fact label="Running as" value={identity.host === 'electron' ? 'Desktop app' : 'Browser host'} />
          <Fact label="Gateway" value={identity.gateway.url} testId="gateway-url" />
          {identity.gateway.fallbackUrls.length > 0 && (
            <Fact
              label="Standby gateways"
              value={`${identity.gateway.fallbackUrls.join(', ')} — followed when the ward's leader changes`}
              testId="gateway-standby-urls"
            />
          )}
          <Fact label="Gateway kind" value={identity.gateway.embedded ? 'Embedded in this station' : 'Ward gateway'} />
        </dl>
      </section>
      <LinkPanel title="Station ↔ gateway" testId="control" state={identity.link} serviceReachable={serviceReachable} />
      <LinkPanel
        title="Display ↔ gateway (data stream)"
        testId="stream"
        state={streamLink}
        serviceReachable={serviceReachable}
      />
      <SessionPanel session={session} />
      <CredentialStorePanel />
      <UpdatesPanel session={session} />
      <PolicyPanel policy={identity.policy} />
      <AlarmPolicyPanel session={session} />
      <DevicesPanel session={session} />
      <UsersPanel session={session} />
      <SecurityLogPanel session={session} />
    </div>
  );
}

function LinkPanel(props: {
  title: string;
  testId: string;
  state: GatewayLinkState | null;
  serviceReachable: boolean;
}) {
  const { state, serviceReachable } = props;
  const { detail } = presentLink(state, serviceReachable);
  const live = serviceReachable && state?.status === 'connected';
  return (
    <section className="panel" aria-label={props.title} data-testid={`panel-${props.testId}`}>
      <h2>{props.title}</h2>
      <LinkStatusBadge
        name={props.testId === 'control' ? 'Gateway' : 'Stream'}
        state={state}
        serviceReachable={serviceReachable}
      />
      {detail !== null && <p className="panel__detail">{detail}</p>}
      <dl className="facts">
        <Fact label="Ward" value={live ? (state.wardName ?? '—') : '—'} testId={`${props.testId}-ward`} />
        <Fact label="Gateway version" value={live ? (state.gatewayVersion ?? '—') : '—'} />
        <Fact
          label="Round trip"
          value={live && state.roundTripMs !== null ? `${state.roundTripMs.toFixed(1)} ms` : '—'}
        />
        <Fact label="Since" value={state === null ? '—' : formatWallTime(new Date(state.sinceMs))} />
      </dl>
    </section>
  );
}
