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

/** The volume the station plays at: the operator's choice, never below the ward's floor. */
export function effectiveVolume(operatorPercent: number, floorPercent: number): number {
  return Math.min(100, Math.max(operatorPercent, floorPercent)) / 100;
}
