import { describe, expect, it } from 'vitest';
import type { NumericValue } from '../../../../common/wire/ward-messages';
import { DEFAULT_WARD_SETTINGS, type AlarmPolicy } from '../../../../common/wire/ward-settings';
import { BedAlarmTracker } from '../../../../gateway/alarms/bed-alarm-tracker';
import type { BedObservation } from '../../../../gateway/alarms/alarm-rules';
import { rhythmShowing } from '../../../support/rhythm-assessments';

const POLICY = DEFAULT_WARD_SETTINGS.alarmPolicy;

function numeric(value: number | null, note: string | null = null): NumericValue {
  return { value, unit: '', origin: 'device', measuredAtMs: 0, note };
}

function observation(hr: number, spo2 = 97, rhythm: BedObservation['rhythm'] = rhythmShowing()): BedObservation {
  return { numerics: { HR: numeric(hr), SPO2: numeric(spo2), RR: numeric(14) }, rhythm };
}

function tracker(): BedAlarmTracker {
  let id = 0;
  return new BedAlarmTracker('bed-01', 'Bed 1', () => `a-${(id += 1)}`);
}

/** Feeds one observation a second from `fromS` to `toS` inclusive; returns the event kinds with their second. */
function feed(
  subject: BedAlarmTracker,
  from: number,
  to: number,
  seen: BedObservation,
  policy: AlarmPolicy = POLICY,
): string[] {
  const events: string[] = [];
  for (let second = from; second <= to; second += 1) {
    for (const change of subject.observe(seen, policy, second * 1000))
      events.push(`${second}:${change.kind}:${change.alarm.condition}:${change.alarm.priority}`);
  }
  return events;
}

describe('bed alarm tracker', () => {
  it('a stale low value on both sides of a gateway stall was an alarm at once — now the delay starts again after the gap', () => {
    const subject = tracker();
    const low = observation(72, 86);
    // Seen once, then the gateway stalls for 12 s (longer than SpO2's 10 s delay), then seen again.
    expect(feed(subject, 0, 0, low)).toEqual([]);
    expect(feed(subject, 12, 12, low)).toEqual([]);
    // Held, observed every second, for its whole delay after the gap: now it alarms.
    expect(feed(subject, 13, 21, low)).toEqual([]);
    expect(feed(subject, 22, 22, low)).toEqual(['22:raised:SPO2_LOW:MEDIUM']);
  });

  it('waits for the condition delay: SpO2 low for 10 s alarms at 10 s, not at 9 s', () => {
    const subject = tracker();
    expect(feed(subject, 0, 9, observation(72, 85))).toEqual([]);
    expect(feed(subject, 10, 10, observation(72, 85))).toEqual(['10:raised:SPO2_LOW:MEDIUM']);
  });

  it('starts the delay again when the condition stops inside it', () => {
    const subject = tracker();
    expect(feed(subject, 0, 8, observation(72, 85))).toEqual([]);
    expect(feed(subject, 9, 9, observation(72, 95))).toEqual([]);
    expect(feed(subject, 10, 19, observation(72, 85))).toEqual([]);
    expect(feed(subject, 20, 20, observation(72, 85))).toEqual(['20:raised:SPO2_LOW:MEDIUM']);
  });

  it('raises VF at once (no arrhythmia delay), latches it, and keeps it after the rhythm returns until reset', () => {
    const subject = tracker();
    expect(feed(subject, 0, 0, { numerics: { HR: numeric(null, 'VF') }, rhythm: rhythmShowing('VF') })).toEqual([
      '0:raised:VF:HIGH',
    ]);
    const [alarm] = subject.current();
    expect(alarm).toMatchObject({ condition: 'VF', latched: true, conditionActive: true });
    expect(feed(subject, 1, 5, observation(72))).toEqual(['1:condition-ended:VF:HIGH']);
    expect(subject.current()[0]).toMatchObject({ condition: 'VF', conditionActive: false });
    expect(subject.reset(alarm?.alarmId ?? '')).toMatchObject({ condition: 'VF' });
    expect(subject.current()).toEqual([]);
  });

  it('refuses to reset a latched alarm while its condition holds', () => {
    const subject = tracker();
    feed(subject, 0, 0, { numerics: { HR: numeric(0) }, rhythm: rhythmShowing('ASYSTOLE') });
    expect(subject.reset(subject.current()[0]?.alarmId ?? '')).toBe('CONDITION_ACTIVE');
  });

  it('resolves a non-latching alarm when its condition ends', () => {
    const subject = tracker();
    feed(subject, 0, 5, observation(130));
    expect(subject.current()).toHaveLength(1);
    expect(feed(subject, 6, 6, observation(80))).toEqual(['6:resolved:HR_HIGH:MEDIUM']);
    expect(subject.current()).toEqual([]);
  });

  it('escalates an unacknowledged MEDIUM alarm to HIGH after the policy’s interval, and never an acknowledged one', () => {
    const subject = tracker();
    expect(feed(subject, 0, 64, observation(130))).toEqual(['5:raised:HR_HIGH:MEDIUM']);
    expect(feed(subject, 65, 65, observation(130))).toEqual(['65:escalated:HR_HIGH:HIGH']);
    expect(subject.current()[0]).toMatchObject({ priority: 'HIGH', escalated: true, latched: true });

    const acknowledged = tracker();
    feed(acknowledged, 0, 5, observation(130));
    acknowledged.acknowledge(acknowledged.current()[0]?.alarmId ?? '', {
      username: 'n',
      displayName: 'N',
      station: 's',
      atMs: 6000,
    });
    expect(feed(acknowledged, 6, 200, observation(130))).toEqual([]);
  });

  it('keeps the first acknowledgment when a second clinician acknowledges too', () => {
    const subject = tracker();
    feed(subject, 0, 5, observation(130));
    const id = subject.current()[0]?.alarmId ?? '';
    subject.acknowledge(id, { username: 'first', displayName: 'First', station: 's1', atMs: 1 });
    expect(
      subject.acknowledge(id, { username: 'second', displayName: 'Second', station: 's2', atMs: 2 })?.acknowledged
        ?.username,
    ).toBe('first');
  });

  it('follows the policy: no latching, no escalation', () => {
    const policy: AlarmPolicy = {
      ...POLICY,
      latching: { HIGH: false, MEDIUM: false, LOW: false },
      escalationSeconds: 0,
    };
    const subject = tracker();
    expect(feed(subject, 0, 0, { numerics: { HR: numeric(null, 'VF') }, rhythm: rhythmShowing('VF') }, policy)).toEqual(
      ['0:raised:VF:HIGH'],
    );
    expect(feed(subject, 1, 1, observation(72), policy)).toEqual(['1:resolved:VF:HIGH']);
    expect(feed(subject, 2, 300, observation(130), policy)).toEqual(['7:raised:HR_HIGH:MEDIUM']);
  });

  it('counts a silent monitor as NO SIGNAL after the technical delay', () => {
    const subject = tracker();
    expect(feed(subject, 0, 5, { numerics: {}, rhythm: null })).toEqual(['5:raised:NO_SIGNAL:MEDIUM']);
  });

  it('counts a measurement once the bed has reported it: SpO2 that disappears is SpO2 NO SIGNAL, SpO2 never reported is not', () => {
    const never = tracker();
    expect(feed(never, 0, 30, { numerics: { HR: numeric(72), RR: numeric(14) }, rhythm: rhythmShowing() })).toEqual([]);
    const lost = tracker();
    feed(lost, 0, 3, observation(72));
    expect(feed(lost, 4, 9, { numerics: { HR: numeric(72), RR: numeric(14) }, rhythm: rhythmShowing() })).toEqual([
      '9:raised:SPO2_NO_SIGNAL:MEDIUM',
    ]);
  });
});
