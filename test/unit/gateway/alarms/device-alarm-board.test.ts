/**
 * A device's own alarms (device-alarm-board.ts): start raises one alarm with the device's priority, type and words;
 * continue and update keep it (its id, its acknowledgment); a higher priority is an escalation; end, an inactive
 * state or a PN report ends it; acknowledged at the device is journaled as such; a report for another bed moves it.
 */
import { describe, expect, it } from 'vitest';
import { DeviceAlarmBoard } from '../../../../gateway/alarms/device-alarm-board';
import type { DeviceAlarmReport } from '../../../../gateway/hl7/pcd04-alarms';

const BED = { bedId: 'bed-04', bedLabel: 'Bed 4', deviceId: 'PUMP-1' };
const report = (changes: Partial<DeviceAlarmReport> = {}): DeviceAlarmReport => ({
  alarmId: 'OCC-9',
  eventCode: '196864',
  eventText: 'MDC_EVT_PUMP_OCCL',
  display: 'Occlusion downstream',
  priority: 'PM',
  type: 'ST',
  phase: 'start',
  state: 'active',
  inactivation: 'enabled',
  source: null,
  startedAtMs: 0,
  ...changes,
});

function board() {
  let next = 0;
  return new DeviceAlarmBoard(() => `a-${(next += 1)}`);
}

describe('DeviceAlarmBoard', () => {
  it('raises one alarm per device episode, in the device’s words, and keeps it across continue and update', () => {
    const alarms = board();
    const raised = alarms.report(BED, report(), 1000);
    expect(raised.changes.map((change) => change.kind)).toEqual(['raised']);
    expect(raised.alarm).toMatchObject({
      alarmId: 'a-1',
      bedId: 'bed-04',
      condition: 'DEVICE_ALARM',
      priority: 'MEDIUM',
      category: 'technical',
      message: 'Occlusion downstream (device)',
      onsetMs: 1000,
      device: { deviceId: 'PUMP-1', reference: 'OCC-9', label: 'OCCLUSION DOWNSTREAM' },
    });
    expect(alarms.report(BED, report({ phase: 'continue' }), 2000)).toMatchObject({
      changes: [],
      alarm: { alarmId: 'a-1' },
    });
    expect(alarms.current()).toHaveLength(1);
  });

  it('escalates when the device raises the priority, and keeps a nurse’s acknowledgment', () => {
    const alarms = board();
    const { alarm } = alarms.report(BED, report(), 1000);
    alarms.acknowledge(alarm?.alarmId ?? '', {
      username: 'a.nurse',
      displayName: 'Ana Nurse',
      station: 'Desk',
      atMs: 1500,
    });
    const escalated = alarms.report(BED, report({ phase: 'escalate', priority: 'PH' }), 2000);
    expect(escalated.changes.map((change) => change.kind)).toEqual(['escalated']);
    expect(escalated.alarm).toMatchObject({ priority: 'HIGH', escalated: true, acknowledged: { username: 'a.nurse' } });
  });

  it('ends it on end, on an inactive state and on a PN report; a new start after that is a new alarm', () => {
    for (const ending of [{ phase: 'end' }, { phase: 'update', state: 'inactive' }, { priority: 'PN' }] as const) {
      const alarms = board();
      alarms.report(BED, report(), 1000);
      const ended = alarms.report(BED, report({ ...ending }), 2000);
      expect(ended.changes.map((change) => change.kind)).toEqual(['resolved']);
      expect(alarms.current()).toEqual([]);
      expect(alarms.report(BED, report(), 3000).alarm?.alarmId).toBe('a-2');
    }
  });

  it('takes an acknowledgment at the device as one, by nobody the device can name', () => {
    const alarms = board();
    alarms.report(BED, report(), 1000);
    const acknowledged = alarms.report(BED, report({ phase: 'update', inactivation: 'alert-acknowledged' }), 1200);
    expect(acknowledged.changes.map((change) => change.kind)).toEqual(['acknowledged']);
    expect(acknowledged.alarm?.acknowledged).toEqual({
      username: 'device',
      displayName: 'at the bedside device',
      station: 'PUMP-1',
      atMs: 1200,
    });
  });

  it('shows a physiological alarm with its measurement, and moves an alarm whose device moved bed', () => {
    const alarms = board();
    const spo2 = report({
      alarmId: 'AL-1',
      display: 'SpO2 LOW',
      priority: 'PH',
      type: 'SP',
      source: { code: '150456', text: 'MDC_PULS_OXIM_SAT_O2', value: '84', unit: 'MDC_DIM_PERCENT' },
    });
    expect(alarms.report(BED, spo2, 0).alarm).toMatchObject({
      category: 'physiological',
      priority: 'HIGH',
      message: 'SpO2 LOW: 84 % (device)',
    });
    const moved = alarms.report({ ...BED, bedId: 'bed-05', bedLabel: 'Bed 5' }, spo2, 10);
    expect(moved.changes.map((change) => [change.kind, change.alarm.bedId])).toEqual([
      ['resolved', 'bed-04'],
      ['raised', 'bed-05'],
    ]);
  });

  it('ends the alarms of devices that no longer feed a bed', () => {
    const alarms = board();
    alarms.report(BED, report(), 0);
    alarms.report({ ...BED, deviceId: 'MON-2' }, report({ alarmId: 'X' }), 0);
    expect(alarms.endForBed('bed-04', new Set(['MON-2'])).map((change) => change.alarm.device?.deviceId)).toEqual([
      'PUMP-1',
    ]);
    expect(alarms.current().map((alarm) => alarm.device?.deviceId)).toEqual(['MON-2']);
  });
});
