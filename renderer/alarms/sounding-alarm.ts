/**
 * Which alarm drives the sound now (DESIGN.md §3): the most urgent unacknowledged one. During AUDIO PAUSED only a
 * new alarm — raised after the pause began — of a higher priority than the most urgent one sounding when it began
 * sounds through; when nothing was sounding then, only a new HIGH alarm does. Pure, so the rule is unit-tested.
 */
import { compareAlarms, priorityRank, type Alarm, type AudioPause } from '../../common/alarms/alarm-model';

/** The alarm whose signal plays, or null for silence. */
export function soundingAlarm(alarms: readonly Alarm[], audioPause: AudioPause | null, nowMs: number): Alarm | null {
  const paused = audioPause !== null && audioPause.untilMs > nowMs ? audioPause : null;
  const candidates = alarms.filter((alarm) => {
    if (alarm.acknowledged !== null) return false;
    if (paused === null) return true;
    const bar = paused.highestAtPause === null ? priorityRank('MEDIUM') : priorityRank(paused.highestAtPause);
    return alarm.onsetMs > paused.startedMs && priorityRank(alarm.priority) < bar;
  });
  return [...candidates].sort(compareAlarms)[0] ?? null;
}

/** What the station knows when it decides what sounds. */
export interface StationSoundInputs {
  /** The station's own COMMS LOST, or null while the gateway is reached. */
  readonly commsLost: Alarm | null;
  /** A clinician paused COMMS LOST's sound and the pause still runs. */
  readonly commsLostPaused: boolean;
  /** The gateway's alarms as last received. */
  readonly alarms: readonly Alarm[];
  readonly audioPause: AudioPause | null;
  /** Gateway time now (the alarm clock), as the station estimates it. */
  readonly nowMs: number;
}

/**
 * The alarm whose signal this station plays: while cut off from the gateway only COMMS LOST (the gateway's alarms
 * are the last known, not live), unless a clinician paused it; otherwise {@link soundingAlarm}.
 */
export function stationSound(inputs: StationSoundInputs): Alarm | null {
  if (inputs.commsLost !== null) return inputs.commsLostPaused ? null : inputs.commsLost;
  return soundingAlarm(inputs.alarms, inputs.audioPause, inputs.nowMs);
}

/**
 * The quietest the station may play: the ward's floor, or IT's floor for this computer where that is higher; full
 * volume while the ward's settings are not known yet.
 */
export function volumeFloorPercent(wardFloorPercent: number | null, policyFloorPercent: number | null): number {
  return Math.max(wardFloorPercent ?? 100, policyFloorPercent ?? 0);
}

/** The volume the station plays at: the operator's choice, never below the floor. */
export function effectiveVolume(operatorPercent: number, floorPercent: number): number {
  return Math.min(100, Math.max(operatorPercent, floorPercent)) / 100;
}
