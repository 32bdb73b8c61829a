/**
 * COMMS LOST: the station's own technical alarm when it hears nothing from the gateway (either link down, or the
 * station service itself gone). Raised only after the station was connected once, so a station starting up
 * shows "connecting", not an alarm. Pure.
 */
import { ALARM_CONDITIONS, type Alarm } from '../../common/alarms/alarm-model';

/** The id of the station's own alarm. */
export const COMMS_LOST_ALARM_ID = 'station-comms-lost';

/** What the station knows about its links. */
export interface CommsState {
  readonly everConnected: boolean;
  readonly connected: boolean;
  /** Since when it is not connected, epoch ms. */
  readonly lostSinceMs: number;
  readonly detail: string | null;
  /** A clinician silenced it (it stays on screen until the gateway is back). */
  readonly acknowledged: Alarm['acknowledged'];
}

/** The alarm, or null while connected (or never connected yet). */
export function commsLostAlarm(state: CommsState): Alarm | null {
  if (state.connected || !state.everConnected) return null;
  return {
    alarmId: COMMS_LOST_ALARM_ID,
    bedId: 'station',
    bedLabel: 'Station',
    condition: 'COMMS_LOST',
    priority: ALARM_CONDITIONS.COMMS_LOST.priority,
    category: 'technical',
    message: state.detail ?? 'no contact with the ward gateway',
    onsetMs: state.lostSinceMs,
    conditionActive: true,
    latched: false,
    escalated: false,
    acknowledged: state.acknowledged,
  };
}
