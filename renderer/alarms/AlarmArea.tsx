/**
 * Everything about alarms on this display: the gateway's alarms plus COMMS LOST, the bar, the sound (the driving
 * alarm's signal at no less than the ward's volume floor), and the clinician's actions on them. The ward grid
 * gets each bed's most urgent alarm from {@link useWardAlarms}.
 */
import { useEffect, useMemo, useState } from 'react';
import { compareAlarms, type Alarm } from '../../common/alarms/alarm-model';
import type { GatewayLinkState } from '../../common/station/gateway-link-state';
import type { SessionState } from '../../common/station/session-state';
import { useStationServices } from '../app/station-context';
import { useWardSettings } from '../auth/use-ward-settings';
import { AlarmBar } from './AlarmBar';
import { createAlarmSoundPlayer, type AlarmSoundPlayer } from './alarm-sound';
import { commsLostAlarm, COMMS_LOST_ALARM_ID } from './comms-lost';
import { effectiveVolume, soundingAlarm } from './sounding-alarm';
import { useStationAlarms } from './use-station-alarms';

/** The ward's alarms as this display shows them. */
export interface WardAlarms {
  readonly alarms: readonly Alarm[];
  /** Each bed's most urgent alarm. */
  readonly byBed: ReadonlyMap<string, Alarm>;
  readonly stale: boolean;
}

/**
 * Whether the station hears its gateway, and since when not. A link that has had a ward name was connected
 * once; its `sinceMs` is when it went down. A silenced COMMS LOST stays silenced only for the loss it silenced.
 */
function useComms(control: GatewayLinkState | null, stream: GatewayLinkState | null, serviceReachable: boolean, nowMs: number) {
  const connected = serviceReachable && control?.status === 'connected' && stream?.status === 'connected';
  const everConnected = (control?.wardName ?? null) !== null || (stream?.wardName ?? null) !== null;
  const downSince = [control, stream].filter((link) => link !== null && link.status !== 'connected').map((link) => (link as GatewayLinkState).sinceMs);
  const lostSinceMs = downSince.length > 0 ? Math.min(...downSince) : nowMs;
  const [silenced, setSilenced] = useState<{ forLossAtMs: number; by: NonNullable<Alarm['acknowledged']> } | null>(null);
  const acknowledged = silenced !== null && silenced.forLossAtMs === lostSinceMs ? silenced.by : null;
  const detail = !serviceReachable ? 'the station service is unreachable' : control?.status !== 'connected' ? (control?.detail ?? null) : (stream?.detail ?? null);
  return {
    state: { everConnected, connected, lostSinceMs, detail, acknowledged },
    acknowledge: (by: NonNullable<Alarm['acknowledged']>) => setSilenced({ forLossAtMs: lostSinceMs, by }),
  };
}

/** Props of {@link useWardAlarms}. */
export interface WardAlarmInputs {
  readonly control: GatewayLinkState | null;
  readonly stream: GatewayLinkState | null;
  readonly serviceReachable: boolean;
  readonly session: SessionState | undefined;
}

/** The alarms, the bar and the sound. */
export function useWardAlarms(inputs: WardAlarmInputs): { wardAlarms: WardAlarms; bar: React.ReactElement } {
  const { bridge } = useStationServices();
  const station = useStationAlarms();
  const settings = useWardSettings().data ?? null;
  const [nowMs, setNowMs] = useState(() => Date.now());
  const comms = useComms(inputs.control, inputs.stream, inputs.serviceReachable, nowMs);
  const [message, setMessage] = useState<string | null>(null);
  const [player] = useState<AlarmSoundPlayer>(() => createAlarmSoundPlayer());

  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);

  const snapshot = station?.snapshot ?? null;
  const commsAlarm = commsLostAlarm(comms.state);
  const stale = commsAlarm !== null;
  // COMMS LOST leads the bar: every alarm after it is only the last known state.
  const alarms = useMemo(() => [...(commsAlarm === null ? [] : [commsAlarm]), ...[...(snapshot?.alarms ?? [])].sort(compareAlarms)], [commsAlarm, snapshot]);
  const byBed = useMemo(() => {
    const map = new Map<string, Alarm>();
    for (const alarm of alarms) if (!map.has(alarm.bedId)) map.set(alarm.bedId, alarm);
    return map;
  }, [alarms]);

  // While cut off, only COMMS LOST can sound: the gateway's alarms shown are the last known, not live.
  const driving = stale ? soundingAlarm(commsAlarm === null ? [] : [commsAlarm], null, nowMs) : soundingAlarm(alarms, snapshot?.audioPause ?? null, nowMs);
  const floor = settings?.alarmPolicy.minimumVolumePercent ?? 100;
  const [operatorVolume, setOperatorVolume] = useState(100);
  const volume = effectiveVolume(operatorVolume, floor);
  useEffect(() => player.update(driving, volume), [player, driving, volume]);

  const user = inputs.session?.user ?? null;
  const canAct = user !== null && !inputs.session?.locked && (user.role === 'nurse' || user.role === 'physician');
  const act = async (run: () => Promise<{ ok: boolean; error?: { message: string } }>): Promise<void> => {
    const result = await run();
    setMessage(result.ok ? null : (result.error?.message ?? 'the action failed'));
  };
  const bar = (
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
      onAcknowledge={(alarm) => {
        if (alarm.alarmId === COMMS_LOST_ALARM_ID) {
          comms.acknowledge({ username: user?.username ?? 'station', displayName: user?.displayName ?? 'Station', station: 'this station', atMs: Date.now() });
          return;
        }
        void act(() => bridge.api.acknowledgeAlarm({ alarmId: alarm.alarmId }));
      }}
      onReset={(alarm) => void act(() => bridge.api.resetAlarm({ alarmId: alarm.alarmId }))}
      onPauseAudio={() => void act(() => bridge.api.pauseAlarmAudio())}
    />
  );
  return { wardAlarms: { alarms, byBed, stale }, bar };
}
