/**
 * The alarm bar under the header: every active alarm, most urgent first then oldest, coloured and flashing by
 * priority (HIGH red ~2 Hz, MEDIUM yellow ~0.5 Hz, LOW cyan steady; acknowledged alarms steady), with who
 * acknowledged, Acknowledge for the signed-in clinician, Reset for latched alarms whose condition has ended, and
 * AUDIO PAUSED with its countdown. While the station is cut off from the gateway the gateway's alarms are shown
 * as last known (greyed) and COMMS LOST leads the bar.
 */
import { useEffect } from 'react';
import { ALARM_CONDITIONS, type Alarm, type AudioPause } from '../../common/alarms/alarm-model';
import { noteAlarmDrawn } from './alarm-timing';

/** Props of {@link AlarmBar}. */
export interface AlarmBarProps {
  readonly alarms: readonly Alarm[];
  readonly audioPause: AudioPause | null;
  readonly pendingAcknowledgments: readonly string[];
  /** True when the gateway's alarms are not live (comms lost). */
  readonly stale: boolean;
  /** A clinician is signed in and the station unlocked. */
  readonly canAct: boolean;
  readonly nowMs: number;
  readonly onAcknowledge: (alarm: Alarm) => void;
  readonly onReset: (alarm: Alarm) => void;
  readonly onPauseAudio: () => void;
  /** The browser keeps sound blocked until a click. */
  readonly soundBlocked: boolean;
  readonly message: string | null;
  /** This display's alarm volume; the ward's floor is the slider's minimum. */
  readonly volume: { readonly percent: number; readonly floor: number; readonly onChange: (percent: number) => void };
}

function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The bar. */
export function AlarmBar(props: AlarmBarProps) {
  const { alarms, audioPause, nowMs } = props;
  const paused = audioPause !== null && audioPause.untilMs > nowMs;
  return (
    <section className={`alarm-bar${props.stale ? ' alarm-bar--stale' : ''}`} aria-label="Active alarms" data-testid="alarm-bar">
      {alarms.length === 0 ? (
        <p className="alarm-bar__none">No active alarms</p>
      ) : (
        <ol className="alarm-bar__list">
          {alarms.map((alarm) => (
            <AlarmItem key={alarm.alarmId} alarm={alarm} {...props} pending={props.pendingAcknowledgments.includes(alarm.alarmId)} />
          ))}
        </ol>
      )}
      <div className="alarm-bar__audio">
        {props.soundBlocked && <span className="alarm-bar__blocked">Click anywhere to enable alarm sound</span>}
        <label className="alarm-bar__volume" title={`Alarm volume; IT set the minimum at ${props.volume.floor} %`}>
          Volume
          <input type="range" min={props.volume.floor} max={100} step={5} value={props.volume.percent} onChange={(event) => props.volume.onChange(Number(event.target.value))} />
          <span>{props.volume.percent} %</span>
        </label>
        {paused ? (
          <span className="alarm-bar__paused" data-testid="audio-paused" role="status">
            AUDIO PAUSED {countdown(audioPause.untilMs - nowMs)}
          </span>
        ) : (
          <button type="button" className="button" disabled={!props.canAct} onClick={props.onPauseAudio} title={props.canAct ? 'Pause alarm audio for the ward' : 'Sign in as a nurse or physician'}>
            Pause audio
          </button>
        )}
        {props.message !== null && (
          <span className="alarm-bar__message" role="alert" data-testid="alarm-message">
            {props.message}
          </span>
        )}
      </div>
    </section>
  );
}

function AlarmItem(props: AlarmBarProps & { alarm: Alarm; pending: boolean }) {
  const { alarm, pending } = props;
  // Committed to the screen: the latency benchmark's end point (only the first time counts).
  useEffect(() => noteAlarmDrawn(alarm.alarmId, Date.now()), [alarm.alarmId]);
  const acknowledged = alarm.acknowledged !== null || pending;
  const flashing = !acknowledged && alarm.conditionActive && alarm.priority !== 'LOW';
  const isStationAlarm = alarm.condition === 'COMMS_LOST';
  const className = `alarm alarm--${alarm.priority.toLowerCase()}${flashing ? ' alarm--flashing' : ''}${alarm.conditionActive ? '' : ' alarm--ended'}`;
  return (
    <li className={className} data-testid="alarm-item" data-alarm-id={alarm.alarmId} data-priority={alarm.priority} data-state={alarm.acknowledged !== null ? 'acknowledged' : pending ? 'pending' : 'unacknowledged'}>
      <span className="alarm__priority">{alarm.priority === 'HIGH' ? '!!!' : alarm.priority === 'MEDIUM' ? '!!' : '!'}</span>
      <span className="alarm__bed">{alarm.bedLabel}</span>
      <span className="alarm__label">{ALARM_CONDITIONS[alarm.condition].label}</span>
      <span className="alarm__detail">{alarm.conditionActive ? alarm.message : `${alarm.message} — ended, latched`}</span>
      {alarm.acknowledged !== null && (
        <span className="alarm__ack" data-testid="alarm-acknowledged-by">
          ✓ {alarm.acknowledged.displayName}
        </span>
      )}
      {pending && <span className="alarm__ack">✓ queued (offline)</span>}
      {!acknowledged && (
        <button type="button" className="button alarm__button" disabled={!props.canAct && !isStationAlarm} onClick={() => props.onAcknowledge(alarm)}>
          Acknowledge
        </button>
      )}
      {!alarm.conditionActive && alarm.latched && !props.stale && (
        <button type="button" className="button alarm__button" disabled={!props.canAct} onClick={() => props.onReset(alarm)}>
          Reset
        </button>
      )}
    </li>
  );
}
