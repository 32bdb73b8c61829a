/**
 * A remote patient's alerts (issue 16): each threshold at its boundary (limits are exclusive), a newer reading
 * within limits ending an alert, a weight gain inside and outside its window, and missed schedules counted from the
 * last reading or from enrollment — with the words the station shows.
 */
import { describe, expect, it } from 'vitest';
import {
  ageInWords,
  DEFAULT_REMOTE_THRESHOLDS,
  type RemotePatient,
  type RemoteReading,
} from '../../../../common/wire/remote-patients';
import { evaluateRemoteAlerts } from '../../../../gateway/remote/remote-alerts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T08:00:00Z');
const patient = (schedule: RemotePatient['schedule'] = {}): RemotePatient => ({
  patientId: 'rp-1',
  mrn: 'H-1',
  name: 'OKAFOR, Grace',
  birthDate: null,
  thresholds: DEFAULT_REMOTE_THRESHOLDS,
  schedule,
  enrolledBy: 'Ana Nurse',
  enrolledAtMs: T0,
});
let id = 0;
const reading = (
  kind: RemoteReading['kind'],
  value: number,
  atMs: number,
  diastolic: number | null = null,
): RemoteReading => ({
  readingId: `r-${(id += 1)}`,
  kind,
  value,
  diastolic,
  unit: '',
  effectiveMs: atMs,
  deviceId: 'rd-1',
});

describe('remote alerts', () => {
  it.each([
    ['blood-pressure', 180, null],
    ['blood-pressure', 181, 'HOME_BP_HIGH'],
    ['blood-pressure', 90, null],
    ['blood-pressure', 89, 'HOME_BP_LOW'],
    ['glucose', 70, null],
    ['glucose', 69, 'HOME_GLUCOSE_LOW'],
    ['glucose', 300, null],
    ['glucose', 301, 'HOME_GLUCOSE_HIGH'],
    ['spo2', 90, null],
    ['spo2', 89, 'HOME_SPO2_LOW'],
  ] as const)('%s %d → %s', (kind, value, condition) => {
    const holding = evaluateRemoteAlerts(
      patient(),
      [reading(kind, value, T0 + HOUR, kind === 'blood-pressure' ? 80 : null)],
      T0 + 3 * HOUR,
    );
    expect([...holding.keys()]).toEqual(condition === null ? [] : [condition]);
  });

  it('says the reading and its age; a newer reading within limits ends the alert', () => {
    const high = reading('blood-pressure', 186, T0 + HOUR, 98);
    expect(evaluateRemoteAlerts(patient(), [high], T0 + 3 * HOUR).get('HOME_BP_HIGH')).toBe(
      'BP 186/98 > 180 (2 h ago)',
    );
    const better = reading('blood-pressure', 150, T0 + 2 * HOUR, 85);
    expect(evaluateRemoteAlerts(patient(), [high, better], T0 + 3 * HOUR).size).toBe(0);
  });

  it('raises a weight gain over 2 kg within 48 h, not over a longer span', () => {
    const start = reading('weight', 81.0, T0);
    expect(evaluateRemoteAlerts(patient(), [start, reading('weight', 83.0, T0 + 40 * HOUR)], T0 + 41 * HOUR).size).toBe(
      0,
    );
    expect(
      evaluateRemoteAlerts(patient(), [start, reading('weight', 83.4, T0 + 40 * HOUR)], T0 + 41 * HOUR).get(
        'HOME_WEIGHT_GAIN',
      ),
    ).toBe('Weight +2.4 kg in 48 h > 2 kg (1 h ago)');
    expect(evaluateRemoteAlerts(patient(), [start, reading('weight', 84, T0 + 50 * HOUR)], T0 + 51 * HOUR).size).toBe(
      0,
    );
  });

  it('counts a missed schedule from the last reading, or from enrollment before the first', () => {
    const scheduled = patient({ 'blood-pressure': 26, weight: 30 });
    expect(evaluateRemoteAlerts(scheduled, [], T0 + 26 * HOUR).size).toBe(0);
    expect(evaluateRemoteAlerts(scheduled, [], T0 + 27 * HOUR).get('HOME_READING_MISSED')).toBe(
      'no BP reading for 27 h (none yet)',
    );
    const readings = [reading('blood-pressure', 130, T0 + 10 * HOUR, 80), reading('weight', 80, T0 + HOUR)];
    expect(evaluateRemoteAlerts(scheduled, readings, T0 + 32 * HOUR).get('HOME_READING_MISSED')).toBe(
      'no Weight reading for 31 h',
    );
    expect(evaluateRemoteAlerts(scheduled, readings, T0 + 37 * HOUR).get('HOME_READING_MISSED')).toBe(
      'no BP reading for 27 h; no Weight reading for 36 h',
    );
  });

  it('takes a reading dated in the future as now, never as a negative age', () => {
    const ahead = reading('spo2', 85, T0 + 2 * HOUR);
    expect(evaluateRemoteAlerts(patient(), [ahead], T0 + HOUR).get('HOME_SPO2_LOW')).toBe('SpO2 85 < 90 % (0 min ago)');
    expect(ageInWords(3 * 24 * HOUR)).toBe('3 d ago');
  });
});
