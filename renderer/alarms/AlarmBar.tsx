/**
 * The alarm bar under the header: the active alarms in the bar's order (unacknowledged first, then most urgent,
 * lethal arrhythmias first, newest first — decision 0012), coloured and flashing by priority (HIGH red ~2 Hz,
 * MEDIUM yellow ~0.5 Hz, LOW cyan steady; acknowledged alarms steady), with who acknowledged, Acknowledge for the
 * signed-in clinician, Reset for latched alarms whose condition has ended, and AUDIO PAUSED with its countdown.
 * What does not fit is never hidden without a sign: "+N more" says how many, how many of them HIGH, and opens
 * the full list. While the station is cut off from the gateway the gateway's alarms are shown as last known
 * (greyed) and COMMS LOST leads the bar; only a signed-in clinician may pause its sound, for a limited time.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatWallTime } from '../app/WallClock';
import { alarmLabel, type Alarm, type AudioPause } from '../../common/alarms/alarm-model';
import { noteAlarmDrawn } from './alarm-timing';
import { COMMS_LOST_ALARM_ID } from './comms-lost';

/** Props of {@link AlarmBar}. */
export interface AlarmBarProps {
  readonly alarms: readonly Alarm[];
  readonly audioPause: AudioPause | null;
  readonly pendingAcknowledgments: readonly string[];
  /** True when the gateway's alarms are not live (comms lost). */
  readonly stale: boolean;
  /** A clinician is signed in and the station unlocked. */
  readonly canAct: boolean;
  /** Gateway time (the alarm clock). */
  readonly nowMs: number;
  readonly onAcknowledge: (alarm: Alarm) => void;
  readonly onReset: (alarm: Alarm) => void;
  readonly onPauseAudio: () => void;
  /** COMMS LOST's sound paused by a clinician: by whom, how long is left; null when not paused. */
  readonly commsLostPause: { readonly byDisplayName: string; readonly remainingMs: number } | null;
  readonly onPauseCommsLost: () => void;
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

/**
 * How many of the list's items fit on its one line, measured after layout, again on every resize, and whenever
 * what the items say changes (`layout`).
 */
function useFittingCount(list: React.RefObject<HTMLOListElement | null>, count: number, layout: string): number {
  const [fitting, setFitting] = useState(count);
  useLayoutEffect(() => {
    const element = list.current;
    if (element === null) return undefined;
    const measure = (): void => {
      const limit = element.getBoundingClientRect().right;
      let fits = 0;
      for (const item of Array.from(element.children)) {
        if (item.getBoundingClientRect().right > limit + 0.5) break;
        fits += 1;
      }
      setFitting(fits);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [list, count, layout]);
  return Math.min(fitting, count);
}

/** The bar. */
export function AlarmBar(props: AlarmBarProps) {
  const { alarms, audioPause, nowMs } = props;
  const paused = audioPause !== null && audioPause.untilMs > nowMs;
  const list = useRef<HTMLOListElement>(null);
  // What the items say, so the fit is measured again when it changes (not on every tick of the clock).
  const commsPaused = props.commsLostPause !== null;
  const layout = useMemo(
    () =>
      `${alarms.map((alarm) => `${alarm.alarmId}:${alarm.message}:${alarm.acknowledged?.username ?? ''}:${String(alarm.conditionActive)}`).join('|')}|${props.pendingAcknowledgments.join(',')}|${String(commsPaused)}`,
    [alarms, props.pendingAcknowledgments, commsPaused],
  );
  const fitting = useFittingCount(list, alarms.length, layout);
  const [showAll, setShowAll] = useState(false);
  const hidden = alarms.slice(fitting);
  const hiddenHigh = hidden.filter((alarm) => alarm.priority === 'HIGH' && alarm.acknowledged === null).length;
  return (
    <section
      className={`alarm-bar${props.stale ? ' alarm-bar--stale' : ''}`}
      aria-label="Active alarms"
      data-testid="alarm-bar"
    >
      {alarms.length === 0 ? (
        <p className="alarm-bar__none">No active alarms</p>
      ) : (
        <ol className="alarm-bar__list" ref={list}>
          {alarms.map((alarm, index) => (
            <AlarmItem
              key={alarm.alarmId}
              alarm={alarm}
              {...props}
              testId="alarm-item"
              overflow={index >= fitting}
              pending={props.pendingAcknowledgments.includes(alarm.alarmId)}
            />
          ))}
        </ol>
      )}
      {hidden.length > 0 && (
        <button
          type="button"
          className={`button alarm-bar__more${hiddenHigh > 0 ? ' alarm-bar__more--high' : ''}`}
          data-testid="alarm-more"
          data-hidden={hidden.length}
          data-hidden-high={hiddenHigh}
          aria-expanded={showAll}
          onClick={() => setShowAll(!showAll)}
        >
          +{hidden.length} more{hiddenHigh > 0 ? ` (${hiddenHigh} HIGH)` : ''}
        </button>
      )}
      <div className="alarm-bar__audio">
        {props.soundBlocked && <span className="alarm-bar__blocked">Click anywhere to enable alarm sound</span>}
        <label
          className="alarm-bar__volume"
          title={`Alarm volume; the ward and IT keep it at ${props.volume.floor} % or louder`}
        >
          Volume
          <input
            type="range"
            min={props.volume.floor}
            max={100}
            step={5}
            value={props.volume.percent}
            onChange={(event) => props.volume.onChange(Number(event.target.value))}
          />
          <span>{props.volume.percent} %</span>
        </label>
        {paused ? (
          <span className="alarm-bar__paused" data-testid="audio-paused" role="status">
            AUDIO PAUSED {countdown(audioPause.untilMs - nowMs)}
          </span>
        ) : (
          <button
            type="button"
            className="button"
            disabled={!props.canAct}
            onClick={props.onPauseAudio}
            title={props.canAct ? 'Pause alarm audio for the ward' : 'Sign in as a nurse or physician'}
          >
            Pause audio
          </button>
        )}
        {props.message !== null && (
          <span className="alarm-bar__message" role="alert" data-testid="alarm-message">
            {props.message}
          </span>
        )}
      </div>
      {showAll && hidden.length > 0 && (
        <div className="alarm-bar__all" role="dialog" aria-label="All active alarms" data-testid="alarm-all">
          <ol className="alarm-bar__all-list">
            {alarms.map((alarm) => (
              <AlarmItem
                key={alarm.alarmId}
                alarm={alarm}
                {...props}
                testId="alarm-all-item"
                overflow={false}
                pending={props.pendingAcknowledgments.includes(alarm.alarmId)}
              />
            ))}
          </ol>
          <button type="button" className="button" onClick={() => setShowAll(false)}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}

function AlarmItem(props: AlarmBarProps & { alarm: Alarm; pending: boolean; overflow: boolean; testId: string }) {
  const { alarm, pending, overflow } = props;
  // Committed to the screen: the latency benchmark's end point (only the first time counts, and only when seen).
  useEffect(() => {
    if (!overflow) noteAlarmDrawn(alarm.alarmId, Date.now());
  }, [alarm.alarmId, overflow]);
  const isStationAlarm = alarm.alarmId === COMMS_LOST_ALARM_ID;
  const acknowledged = alarm.acknowledged !== null || pending;
  const flashing = !acknowledged && alarm.conditionActive && alarm.priority !== 'LOW';
  const className = `alarm alarm--${alarm.priority.toLowerCase()}${flashing ? ' alarm--flashing' : ''}${alarm.conditionActive ? '' : ' alarm--ended'}${overflow ? ' alarm--overflow' : ''}`;
  const commsPause = isStationAlarm ? props.commsLostPause : null;
  const state =
    alarm.acknowledged !== null
      ? 'acknowledged'
      : pending
        ? 'pending'
        : commsPause !== null
          ? 'audio-paused'
          : 'unacknowledged';
  return (
    <li
      className={className}
      data-testid={props.testId}
      data-alarm-id={alarm.alarmId}
      data-priority={alarm.priority}
      data-state={state}
      aria-hidden={overflow || undefined}
    >
      <span className="alarm__priority">
        {alarm.priority === 'HIGH' ? '!!!' : alarm.priority === 'MEDIUM' ? '!!' : '!'}
      </span>
      <span className="alarm__bed">{alarm.bedLabel}</span>
      <span className="alarm__label">{alarmLabel(alarm)}</span>
      <span className="alarm__detail" title={alarm.message}>
        {alarm.message}
      </span>
      {!alarm.conditionActive && <span className="alarm__ended">ended, latched</span>}
      {alarm.acknowledged !== null && (
        <span className="alarm__ack" data-testid="alarm-acknowledged-by">
          ✓ {alarm.acknowledged.displayName}
        </span>
      )}
      {pending && <span className="alarm__ack">✓ queued (offline)</span>}
      {alarm.notifications !== undefined && alarm.notifications.length > 0 && (
        <span className="alarm__phone" data-testid="alarm-phone" title={describeNotifications(alarm.notifications)}>
          Phone: {describeNotification(alarm.notifications.at(-1) as NonNullable<Alarm['notifications']>[number])}
        </span>
      )}
      {isStationAlarm &&
        (commsPause !== null ? (
          <span className="alarm__ack" data-testid="comms-lost-paused">
            AUDIO PAUSED {countdown(commsPause.remainingMs)} · {commsPause.byDisplayName}
          </span>
        ) : (
          <button
            type="button"
            className="button alarm__button"
            tabIndex={overflow ? -1 : undefined}
            disabled={!props.canAct}
            onClick={props.onPauseCommsLost}
            title={
              props.canAct
                ? 'Pause this station’s COMMS LOST sound for the ward’s pause time'
                : 'Sign in as a nurse or physician'
            }
          >
            Pause audio
          </button>
        ))}
      {!isStationAlarm && !acknowledged && (
        <button
          type="button"
          className="button alarm__button"
          tabIndex={overflow ? -1 : undefined}
          disabled={!props.canAct}
          onClick={() => props.onAcknowledge(alarm)}
        >
          Acknowledge
        </button>
      )}
      {!alarm.conditionActive && alarm.latched && !props.stale && (
        <button
          type="button"
          className="button alarm__button"
          tabIndex={overflow ? -1 : undefined}
          disabled={!props.canAct}
          onClick={() => props.onReset(alarm)}
        >
          Reset
        </button>
      )}
    </li>
  );
}

type Notification = NonNullable<Alarm['notifications']>[number];

/** `accepted by Ana Nurse (phone 4411) 14:02:19`: the newest word of the phone system on this alarm. */
function describeNotification(notification: Notification): string {
  const by = notification.recipient === '' ? '' : ` ${PREPOSITIONS[notification.status]} ${notification.recipient}`;
  return `${notification.status}${by} ${formatWallTime(new Date(notification.atMs))}`;
}

/** Every report, oldest first, for the tooltip. */
function describeNotifications(notifications: readonly Notification[]): string {
  return notifications.map(describeNotification).join('; ');
}

const PREPOSITIONS: Readonly<Record<Notification['status'], string>> = {
  received: 'for',
  delivered: 'to',
  read: 'by',
  accepted: 'by',
  rejected: 'by',
  undeliverable: 'to',
  cancelled: 'for',
};
