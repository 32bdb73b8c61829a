/**
 * The ward's HL7 devices on the Station screen: every monitor or pump the gateway hears, the location it says it
 * is at, and the bed it feeds — unassigned ones first and marked, because their data shows on no bed until someone
 * assigns them. An admin assigns a device to a device-fed bed (or takes the assignment back); everyone else sees
 * the list. The gateway checks every assignment and journals it; the panel shows its refusal as it is.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../common/station/session-state';
import { sessionMay } from '../../common/identity/permissions';
import type { DeviceSummary } from '../../common/wire/ward-requests';
import { useStationServices } from '../app/station-context';
import { useCensus } from '../ward/use-census';
import { formatWallTime } from '../app/WallClock';
import { StationCallError } from './use-station-identity';

const DEVICES_KEY = ['ward', 'devices'] as const;
/** The list has no push: it is read again this often while the screen is open. */
const REFRESH_MS = 5000;

/** The panel; nothing when the ward has no device-fed bed and no device was heard. */
export function DevicesPanel({ session }: { readonly session: SessionState }) {
  const signedIn = session.user !== null && !session.locked;
  const mayAssign = sessionMay(session, 'devices.assign');
  const { bridge } = useStationServices();
  const queries = useQueryClient();
  const census = useCensus();
  const [message, setMessage] = useState<string | null>(null);
  const devices = useQuery({
    queryKey: DEVICES_KEY,
    enabled: signedIn,
    queryFn: async () => {
      const result = await bridge.api.listDevices();
      if (!result.ok) throw new StationCallError(result.error);
      return result.value.devices;
    },
    refetchInterval: REFRESH_MS,
  });
  const deviceBeds = (census.data?.beds ?? []).filter((bed) => bed.source.kind === 'device');
  if (!signedIn || (deviceBeds.length === 0 && (devices.data ?? []).length === 0)) return null;

  const assign = async (device: DeviceSummary, bedId: string | null) => {
    const result = await bridge.api.assignDevice({ deviceId: device.deviceId, bedId });
    const label = deviceBeds.find((bed) => bed.bedId === bedId)?.label;
    setMessage(
      result.ok
        ? bedId === null
          ? `${device.deviceId} unassigned`
          : `${device.deviceId} now feeds ${label ?? bedId}`
        : result.error.message,
    );
    await queries.invalidateQueries({ queryKey: DEVICES_KEY });
  };
  const unassigned = (devices.data ?? []).filter((device) => device.bedId === null).length;

  return (
    <section className="panel panel--wide" aria-labelledby="devices-heading" data-testid="devices-panel">
      <h2 id="devices-heading">Devices (HL7)</h2>
      {unassigned > 0 && (
        <p className="panel__detail devices-unassigned" role="status" data-testid="unassigned-count">
          {unassigned} unassigned device{unassigned === 1 ? '' : 's'}: shown on no bed until assigned
          {mayAssign ? '' : ' by an admin'}.
        </p>
      )}
      {devices.isError && (
        <p className="panel__detail" role="alert">
          The devices cannot be read now: {devices.error.message}
        </p>
      )}
      {devices.data !== undefined && devices.data.length === 0 && (
        <p className="panel__detail">No device has sent anything yet.</p>
      )}
      {devices.data !== undefined && devices.data.length > 0 && (
        <table className="security-table">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Says it is at</th>
              <th scope="col">Feeds</th>
              <th scope="col">Last heard</th>
            </tr>
          </thead>
          <tbody>
            {devices.data.map((device) => (
              <tr
                key={device.deviceId}
                data-testid="device-row"
                data-device={device.deviceId}
                data-unassigned={device.bedId === null ? 'true' : undefined}
              >
                <td>
                  {device.model === '' ? '' : `${device.model} `}
                  <code>{device.deviceId}</code>
                  {device.sender === '' ? '' : ` from ${device.sender}`}
                </td>
                <td>{device.location ?? '—'}</td>
                <td>
                  {mayAssign ? (
                    <label className="devices-assign">
                      <select
                        aria-label={`Bed for ${device.deviceId}`}
                        value={device.bedId ?? ''}
                        onChange={(event) => void assign(device, event.target.value === '' ? null : event.target.value)}
                      >
                        <option value="">{device.bedId === null ? 'Unassigned' : 'By its location'}</option>
                        {deviceBeds.map((bed) => (
                          <option key={bed.bedId} value={bed.bedId}>
                            {bed.label}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : null}
                  {mayAssign ? describeReason(device) : describeFeed(device, deviceBeds)}
                </td>
                <td>
                  {device.lastSeenMs === 0
                    ? 'never'
                    : `${formatWallTime(new Date(device.lastSeenMs))} · ${device.messages} message${device.messages === 1 ? '' : 's'}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message !== null && (
        <p className="panel__detail" role="status" data-testid="devices-message">
          {message}
        </p>
      )}
    </section>
  );
}

function describeReason(device: DeviceSummary): string {
  if (device.bedId === null) return '';
  return device.assignedBy === 'admin' ? ' (assigned by an admin)' : ' (by its location)';
}

function describeFeed(device: DeviceSummary, beds: readonly { bedId: string; label: string }[]): string {
  if (device.bedId === null) return ' Unassigned';
  const label = beds.find((bed) => bed.bedId === device.bedId)?.label ?? device.bedId;
  return ` ${label}${describeReason(device)}`;
}
