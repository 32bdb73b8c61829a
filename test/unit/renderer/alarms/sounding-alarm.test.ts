import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmPriority, AudioPause } from '../../../../common/alarms/alarm-model';
import { commsLostAlarm } from '../../../../renderer/alarms/comms-lost';
import { effectiveVolume, soundingAlarm } from '../../../../renderer/alarms/sounding-alarm';

function alarm(alarmId: string, priority: AlarmPriority, onsetMs: number, acknowledged = false): Alarm {
  return {
    alarmId,
    bedId: `bed-${alarmId}`,
    bedLabel: alarmId,
    condition: 'HR_HIGH',
    priority,
    category: 'physiological',
    message: '',
    onsetMs,
    conditionActive: true,
    latched: false,
    escalated: false,
    acknowledged: acknowledged ? { username: 'n', displayName: 'N', station: 's', atMs: onsetMs + 1 } : null,
  };
}

function pause(startedMs: number, highestAtPause: AudioPause['highestAtPause']): AudioPause {
  return { startedMs, untilMs: startedMs + 120_000, byUser: 'n', station: 's', highestAtPause };
}

describe('which alarm sounds', () => {
  it('is the most urgent unacknowledged one, the oldest among equals', () => {
    const alarms = [
      alarm('m', 'MEDIUM', 1),
      alarm('h2', 'HIGH', 3),
      alarm('h1', 'HIGH', 2, true),
      alarm('h3', 'HIGH', 4),
    ];
    expect(soundingAlarm(alarms, null, 10)?.alarmId).toBe('h2');
    expect(soundingAlarm([alarm('x', 'HIGH', 1, true)], null, 10)).toBeNull();
  });

  it('stays silent during AUDIO PAUSED except for a new alarm more urgent than what sounded at the pause', () => {
    const alarms = [alarm('m-old', 'MEDIUM', 1), alarm('m-new', 'MEDIUM', 20)];
    expect(soundingAlarm(alarms, pause(10, 'MEDIUM'), 30)).toBeNull();
    expect(soundingAlarm([...alarms, alarm('h-new', 'HIGH', 25)], pause(10, 'MEDIUM'), 30)?.alarmId).toBe('h-new');
    // An old HIGH alarm does not break through; a new one does when nothing was sounding at the pause.
    expect(soundingAlarm([alarm('h-old', 'HIGH', 5)], pause(10, null), 30)).toBeNull();
    expect(soundingAlarm([alarm('l-new', 'LOW', 20), alarm('m-new', 'MEDIUM', 21)], pause(10, null), 30)).toBeNull();
    expect(soundingAlarm([alarm('h-new', 'HIGH', 20)], pause(10, null), 30)?.alarmId).toBe('h-new');
    // When the pause ends, everything unacknowledged sounds again.
    expect(soundingAlarm(alarms, pause(10, 'MEDIUM'), 10 + 120_001)?.alarmId).toBe('m-old');
  });

  it('never plays below the ward’s volume floor', () => {
    expect(effectiveVolume(20, 40)).toBe(0.4);
    expect(effectiveVolume(80, 40)).toBe(0.8);
    expect(effectiveVolume(150, 40)).toBe(1);
  });
});

describe('COMMS LOST', () => {
  const base = { reached: false, everConnected: true, uptimeMs: 60_000, lostSinceMs: 1000, detail: 'connection lost' };
  it('is a HIGH technical alarm once the station has been connected, and none while the gateway is reached', () => {
    expect(commsLostAlarm(base)).toMatchObject({
      condition: 'COMMS_LOST',
      priority: 'HIGH',
      category: 'technical',
      onsetMs: 1000,
      message: 'connection lost',
      acknowledged: null,
    });
    expect(commsLostAlarm({ ...base, reached: true })).toBeNull();
  });

  it('a station started while its gateway is unreachable never raised COMMS LOST — now it does after 5 s', () => {
    const starting = { ...base, everConnected: false, detail: null };
    expect(commsLostAlarm({ ...starting, uptimeMs: 4999 })).toBeNull();
    expect(commsLostAlarm({ ...starting, uptimeMs: 5000 })).toMatchObject({
      condition: 'COMMS_LOST',
      priority: 'HIGH',
      message: 'the ward gateway has not answered since the station started',
    });
  });
});
