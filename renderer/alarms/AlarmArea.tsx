/**
 * Everything about alarms on this display: the gateway's alarms plus COMMS LOST, the bar, the sound (the driving
 * alarm's signal at no less than the ward's volume floor), and the clinician's actions on them. The ward grid
 * gets each bed's most urgent alarm from {@link useWardAlarms}.
 */
import { useEffect, useMemo, useState } from 'react';
import { compareForBar, type Alarm } from '../../common/alarms/alarm-model';
import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import type { SessionState } from '../../common/station/session-state';
import { sessionMay } from '../../common/identity/permissions';
import { useStationServices } from '../app/station-context';
import { useWardSettings } from '../auth/use-ward-settings';
import { AcknowledgmentNotices } from './AcknowledgmentNotices';
import { AlarmBar } from './AlarmBar';
import { createAlarmSoundPlayer, type AlarmSoundPlayer } from './alarm-sound';
import { commsLostAlarm, linkReachesGateway } from './comms-lost';
import { pageGatewayClock } from './gateway-clock-anchor';
import { effectiveVolume, stationSound, volumeFloorPercent } from './sounding-alarm';
import { useStationAlarms } from './use-station-alarms';

/** The ward's alarms as this display shows them. */
export interface WardAlarms {
  readonly alarms: readonly Alarm[];
  /** Each bed's most urgent alarm. */
  readonly byBed: ReadonlyMap<string, Alarm>;
  readonly stale: boolean;
}

/** When this display started (monotonic): COMMS LOST counts its first seconds from here. */
const DISPLAY_STARTED_MS = performance.now();

/** A clinician paused COMMS LOST's sound: until when (monotonic), by whom. */
interface CommsPause {
  readonly untilMonotonicMs: number;
  readonly byDisplayName: string;
}

/**
 * Whether the station hears its gateway, and since when not (gateway time as estimated). A pause of COMMS LOST
 * holds for the loss it was made in and for its time only: when the gateway is back, it is forgotten.
 */
function useComms(
  control: GatewayLinkState | null,
  stream: GatewayLinkState | null,
  serviceReachable: boolean,
  nowMs: number,
  monotonicMs: number,
) {
  const reached = serviceReachable && linkReachesGateway(control) && linkReachesGateway(stream);
  const everConnected = (control?.wardName ?? null) !== null || (stream?.wardName ?? null) !== null;
  // One loss episode at a time: when it began, and a clinician's pause of its sound (forgotten with the episode).
  const [episode, setEpisode] = useState<{ lostSinceMs: number; pause: CommsPause | null } | null>(null);
  if (reached && episode !== null) setEpisode(null);
  if (!reached && episode === null) setEpisode({ lostSinceMs: nowMs, pause: null });
  const detail = !serviceReachable
    ? 'the station service is unreachable'
    : !linkReachesGateway(control)
      ? (control?.detail ?? null)
      : (stream?.detail ?? null);
  const alarm = commsLostAlarm({
    reached,
    everConnected,
    uptimeMs: monotonicMs - DISPLAY_STARTED_MS,
    lostSinceMs: episode?.lostSinceMs ?? nowMs,
    detail,
  });
  const pause = episode?.pause ?? null;
  const pausedFor = alarm !== null && pause !== null && monotonicMs < pause.untilMonotonicMs ? pause : null;
  return {
    alarm,
    pausedFor,
    remainingMs: pausedFor === null ? 0 : pausedFor.untilMonotonicMs - monotonicMs,
    pause: (seconds: number, byDisplayName: string) =>
      setEpisode((current) =>
        current === null
          ? null
          : { ...current, pause: { untilMonotonicMs: performance.now() + seconds * 1000, byDisplayName } },
      ),
  };
}

/** Props of {@link useWardAlarms}. */
export interface WardAlarmInputs {
  readonly control: GatewayLinkState | null;
  readonly stream: GatewayLinkState | null;
  readonly serviceReachable: boolean;
  readonly session: SessionState | undefined;
  /** IT's alarm volume floor for this computer (its managed policy), or null. */
  readonly policyVolumeFloorPercent: number | null;
}

/** The alarms, the bar and the sound. */
export function useWardAlarms(inputs: WardAlarmInputs): { wardAlarms: WardAlarms; bar: React.ReactElement } {
  const { bridge } = useStationServices();
  const station = useStationAlarms();
  const settings = useWardSettings().data ?? null;
  // Gateway time (the alarm clock) and this page's monotonic time, ticking: pauses are judged in gateway time.
  const [clock, setClock] = useState(() => ({ nowMs: pageGatewayClock.now(), monotonicMs: performance.now() }));
  const { nowMs, monotonicMs } = clock;
  const comms = useComms(inputs.control, inputs.stream, inputs.serviceReachable, nowMs, monotonicMs);
  const [message, setMessage] = useState<string | null>(null);
  const [player] = useState<AlarmSoundPlayer>(() => createAlarmSoundPlayer());

  useEffect(() => {
    const timer = setInterval(() => setClock({ nowMs: pageGatewayClock.now(), monotonicMs: performance.now() }), 250);
    return () => clearInterval(timer);
  }, []);

  const snapshot = station?.snapshot ?? null;
  const commsAlarm = comms.alarm;
  const stale = commsAlarm !== null;
  // COMMS LOST leads the bar: every alarm after it is only the last known state. Then unacknowledged before
  // acknowledged, most urgent, lethal arrhythmias, newest (decision 0012).
  const alarms = useMemo(
    () => [...(commsAlarm === null ? [] : [commsAlarm]), ...[...(snapshot?.alarms ?? [])].sort(compareForBar)],
    [commsAlarm, snapshot],
  );
  const byBed = useMemo(() => {
    const map = new Map<string, Alarm>();
    for (const alarm of alarms) if (!map.has(alarm.bedId)) map.set(alarm.bedId, alarm);
    return map;
  }, [alarms]);

  // While cut off, only COMMS LOST can sound (unless a clinician paused it): the gateway's alarms shown are the
  // last known, not live.
  const driving = stationSound({
    commsLost: commsAlarm,
    commsLostPaused: comms.pausedFor !== null,
    alarms,
    audioPause: snapshot?.audioPause ?? null,
    nowMs,
  });
  const floor = volumeFloorPercent(settings?.alarmPolicy.minimumVolumePercent ?? null, inputs.policyVolumeFloorPercent);
  const [operatorVolume, setOperatorVolume] = useState(100);
  const volume = effectiveVolume(operatorVolume, floor);
  useEffect(() => player.update(driving, volume), [player, driving, volume]);

  const canAct = sessionMay(inputs.session ?? null, 'alarm.acknowledge');
  const act = async (run: () => Promise<{ ok: boolean; error?: { message: string } }>): Promise<void> => {
    const result = await run();
    setMessage(result.ok ? null : (result.error?.message ?? 'the action failed'));
  };
  const bar = (
    <>
      <AlarmBar
        alarms={alarms}
        audioPause={snapshot?.audioPause ?? null}
        pendingAcknowledgments={station?.pendingAcknowledgments ?? []}
        stale={stale}
        canAct={canAct}
        nowMs={nowMs}
        soundBlocked={player.blocked()}
        volume={{ percent: Math.round(volume * 100), floor, onChange: setOperatorVolume }}
        message={message}
        onAcknowledge={(alarm) => void act(() => bridge.api.acknowledgeAlarm({ alarmId: alarm.alarmId }))}
        commsLostPause={
          comms.pausedFor === null
            ? null
            : { byDisplayName: comms.pausedFor.byDisplayName, remainingMs: comms.remainingMs }
        }
        onPauseCommsLost={() =>
          void act(async () => {
            const result = await bridge.api.pauseCommsLostAudio();
            if (result.ok) comms.pause(result.value.seconds, result.value.byDisplayName);
            return result;
          })
        }
        onReset={(alarm) => void act(() => bridge.api.resetAlarm({ alarmId: alarm.alarmId }))}
        onPauseAudio={() => void act(() => bridge.api.pauseAlarmAudio())}
      />
      <AcknowledgmentNotices
        acknowledgments={station?.acknowledgments ?? []}
        canDismiss={canAct}
        onDismiss={(idempotencyKey) => void act(() => bridge.api.dismissAcknowledgment({ idempotencyKey }))}
      />
    </>
  );
  return { wardAlarms: { alarms, byBed, stale }, bar };
}
