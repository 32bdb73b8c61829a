/**
 * COMMS LOST: the station's own technical alarm when it hears nothing from the gateway (a link down, or the
 * station service itself gone). It holds from the first seconds too: a station that has not reached its gateway
 * within {@link STARTUP_GRACE_MS} of starting is in COMMS LOST, not "connecting" forever. A gateway that answers
 * but wants credentials (nobody signed in at a station that is not enrolled) is reachable: no alarm. Pure.
 */
import { ALARM_CONDITIONS, type Alarm } from '../../common/alarms/alarm-model';
import type { GatewayLinkState } from '../../common/station/gateway-link-state';

/** The id of the station's own alarm. */
export const COMMS_LOST_ALARM_ID = 'station-comms-lost';

/** How long a starting station may take to reach its gateway before that is COMMS LOST. */
export const STARTUP_GRACE_MS = 5000;

/** What the station knows about its links. */
export interface CommsState {
  /** Both links reach the gateway and the station service is reachable. */
  readonly reached: boolean;
  /** A link was connected once since this display started. */
  readonly everConnected: boolean;
  /** Since this display started (monotonic). */
  readonly uptimeMs: number;
  /** When this loss began (gateway time as estimated), for the alarm's onset. */
  readonly lostSinceMs: number;
  readonly detail: string | null;
}

/** Whether a link reaches the gateway: connected, or answered and asked for credentials. */
export function linkReachesGateway(link: GatewayLinkState | null): boolean {
  return link !== null && (link.status === 'connected' || link.status === 'unauthorized');
}

/** The alarm, or null while the gateway is reached (or the station is still in its first seconds). */
export function commsLostAlarm(state: CommsState): Alarm | null {
  if (state.reached) return null;
  if (!state.everConnected && state.uptimeMs < STARTUP_GRACE_MS) return null;
  return {
    alarmId: COMMS_LOST_ALARM_ID,
    bedId: 'station',
    bedLabel: 'Station',
    condition: 'COMMS_LOST',
    priority: ALARM_CONDITIONS.COMMS_LOST.priority,
    category: 'technical',
    message: (
      state.detail ??
      (state.everConnected
        ? 'no contact with the ward gateway'
        : 'the ward gateway has not answered since the station started')
    ).slice(0, 80),
    onsetMs: state.lostSinceMs,
    conditionActive: true,
    latched: false,
    escalated: false,
    acknowledged: null,
  };
}
