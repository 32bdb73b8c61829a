import { describe, expect, it } from 'vitest';
import type { NumericKey, NumericValue } from '../../../../common/wire/ward-messages';
import { DEFAULT_WARD_SETTINGS } from '../../../../common/wire/ward-settings';
import { evaluateAlarmRules, MONITORED_NUMERICS, type ConditionFindings } from '../../../../gateway/alarms/alarm-rules';
import type { NumericValues } from '../../../../gateway/sources/bed-source';
import type { RhythmAssessment } from '../../../../gateway/analysis/bed-waveform-analysis';
import { rhythmShowing } from '../../../support/rhythm-assessments';

const LIMITS = DEFAULT_WARD_SETTINGS.alarmPolicy.limits;

function numeric(value: number | null, note: string | null = null): NumericValue {
  return { value, unit: '', origin: 'device', measuredAtMs: 0, note };
}

/** A normal adult, with some values replaced. */
function vitals(changes: Partial<Record<NumericKey, NumericValue>> = {}): NumericValues {
  return {
    HR: numeric(72),
    SPO2: numeric(97),
    RR: numeric(14),
    NIBP_SYS: numeric(120),
    ABP_SYS: numeric(118),
    ...changes,
  };
}

function messages(findings: ConditionFindings): Record<string, string> {
  return Object.fromEntries([...findings].map(([condition, finding]) => [condition, finding.message]));
}

function conditions(
  numerics: NumericValues,
  rhythm: RhythmAssessment | null = rhythmShowing(),
  monitored: readonly (typeof MONITORED_NUMERICS)[number][] = [],
) {
  return messages(evaluateAlarmRules({ numerics, rhythm }, LIMITS, new Set(monitored)));
}

describe('alarm rules', () => {
  it('finds nothing in a normal adult', () => {
    expect(conditions(vitals())).toEqual({});
  });

  it.each([
    ['HR', 120, {}],
    ['HR', 121, { HR_HIGH: 'HR 121 > 120' }],
    ['HR', 50, {}],
    ['HR', 49, { HR_LOW: 'HR 49 < 50' }],
    ['HR', 140, { HR_HIGH: 'HR 140 > 120' }],
    ['HR', 141, { HR_HIGH: 'HR 141 > 120', EXTREME_TACHY: 'HR 141 > 140' }],
    ['HR', 40, { HR_LOW: 'HR 40 < 50' }],
    ['HR', 39, { HR_LOW: 'HR 39 < 50', EXTREME_BRADY: 'HR 39 < 40' }],
    ['SPO2', 90, {}],
    ['SPO2', 89, { SPO2_LOW: 'SpO2 89 < 90' }],
    ['SPO2', 85, { SPO2_LOW: 'SpO2 85 < 90' }],
    ['SPO2', 84, { SPO2_LOW: 'SpO2 84 < 90', DESAT: 'SpO2 84 < 85' }],
    ['RR', 30, {}],
    ['RR', 31, { RR_HIGH: 'RR 31 > 30' }],
    ['RR', 8, {}],
    ['RR', 7, { RR_LOW: 'RR 7 < 8' }],
    ['RR', 0, { APNEA: 'no breath detected' }],
    ['NIBP_SYS', 161, { NIBP_HIGH: 'NIBP 161 > 160' }],
    ['NIBP_SYS', 89, { NIBP_LOW: 'NIBP 89 < 90' }],
    ['ABP_SYS', 160, {}],
    ['ABP_SYS', 161, { ABP_HIGH: 'ABP 161 > 160' }],
  ] as const)(
    '%s %d → %j (limits are exclusive; a device HR without waves climbs the extreme ladder itself)',
    (key, value, expected) => {
      expect(conditions(vitals({ [key]: numeric(value) }), null)).toEqual(expected);
    },
  );

  it('with an ECG analysed, the extreme rates are the analysis’ beat-counted calls, not one second’s HR', () => {
    expect(conditions(vitals({ HR: numeric(150) }))).toEqual({ HR_HIGH: 'HR 150 > 120' });
    expect(conditions(vitals({ HR: numeric(150) }), rhythmShowing('EXTREME_TACHY'))).toEqual({
      HR_HIGH: 'HR 150 > 120',
      EXTREME_TACHY: 'HR 150 > 140 for 17 beats (II)',
    });
  });

  it('raises the lethal rhythms and not the heart-rate or arterial limits they imply', () => {
    expect(conditions(vitals({ HR: numeric(null, 'VF'), ABP_SYS: numeric(20) }), rhythmShowing('VF'))).toEqual({
      VF: 'fibrillatory ECG 5.0 Hz (II)',
    });
    expect(conditions(vitals({ HR: numeric(190), ABP_SYS: numeric(70) }), rhythmShowing('VT'))).toEqual({
      VT: '8 ventricular beats at 180/min (II)',
    });
    expect(conditions(vitals({ HR: numeric(0), ABP_SYS: numeric(12) }), rhythmShowing('ASYSTOLE'))).toEqual({
      ASYSTOLE: 'no QRS for 4.0 s',
    });
  });

  it('a device without waves: its HR 0 is asystole; an HR that says VF is not a rhythm call (no waves were analysed)', () => {
    expect(conditions(vitals({ HR: numeric(0) }), null)).toMatchObject({ ASYSTOLE: 'HR 0 from the monitor' });
    expect(conditions(vitals({ HR: numeric(null, 'VF') }), null)).toEqual({});
  });

  it('reports equipment problems as technical conditions, and no arrhythmia from leads that are off', () => {
    expect(conditions(vitals({ HR: numeric(null, 'LEADS OFF') }), null)).toEqual({ LEADS_OFF: 'ECG leads off' });
    expect(conditions(vitals({ SPO2: numeric(null, 'PROBE OFF') }))).toEqual({ SPO2_PROBE_OFF: 'SpO2 probe off' });
    expect(conditions({})).toEqual({ NO_SIGNAL: 'no data from the bedside monitor' });
  });

  it('a missing, null or NaN value of a measurement the bed has is a technical condition naming the channel', () => {
    const all = MONITORED_NUMERICS;
    expect(conditions(vitals({ HR: numeric(null, 'NO SIGNAL') }), null, all)).toEqual({
      ECG_NO_SIGNAL: 'ECG: no signal',
    });
    expect(conditions(vitals({ HR: numeric(Number.NaN) }), null, all)).toEqual({
      ECG_NO_SIGNAL: 'ECG value is not a number',
    });
    expect(conditions({ SPO2: numeric(97), RR: numeric(14), ABP_SYS: numeric(118) }, null, all)).toEqual({
      ECG_NO_SIGNAL: 'no ECG value from the monitor',
    });
    expect(conditions(vitals({ SPO2: numeric(null, 'NO PULSE') }), null, all)).toEqual({
      SPO2_NO_SIGNAL: 'SpO2: no pulse',
    });
    expect(conditions(vitals({ RR: numeric(Number.POSITIVE_INFINITY) }), null, all)).toEqual({
      RESP_NO_SIGNAL: 'RESP value is not a number',
    });
    expect(conditions(vitals({ ABP_SYS: numeric(null, 'NO SIGNAL') }), null, all)).toEqual({
      ABP_NO_SIGNAL: 'ABP: no signal',
    });
    // LEARNING is a cause too, with a longer delay (the analysis starting up).
    expect(
      evaluateAlarmRules(
        { numerics: vitals({ HR: numeric(null, 'LEARNING') }), rhythm: null },
        LIMITS,
        new Set(all),
      ).get('ECG_NO_SIGNAL'),
    ).toEqual({ message: 'ECG: learning', delayAtLeastSeconds: 10 });
    // Leads or probe off already say why: no second alarm for the same cause.
    expect(conditions(vitals({ HR: numeric(null, 'LEADS OFF'), SPO2: numeric(null, 'PROBE OFF') }), null, all)).toEqual(
      { LEADS_OFF: 'ECG leads off', SPO2_PROBE_OFF: 'SpO2 probe off' },
    );
  });

  it('NaN passes no limit: a NaN heart rate is never read as a normal one', () => {
    expect(conditions(vitals({ HR: numeric(Number.NaN), SPO2: numeric(Number.NaN) }), null, ['HR', 'SPO2'])).toEqual({
      ECG_NO_SIGNAL: 'ECG value is not a number',
      SPO2_NO_SIGNAL: 'SpO2 value is not a number',
    });
  });

  it('ignores values that are not measured now (null) rather than alarming on them', () => {
    expect(
      conditions(
        vitals({ SPO2: numeric(null, 'NO PULSE'), NIBP_SYS: numeric(null), ABP_SYS: numeric(null, 'NO SIGNAL') }),
      ),
    ).toEqual({});
  });

  it('uses a bed’s own limits', async () => {
    const { limitsForBed } = await import('../../../../common/wire/ward-settings');
    const policy = {
      ...DEFAULT_WARD_SETTINGS.alarmPolicy,
      bedLimits: { 'bed-03': { HR: { low: 40, high: 120, extremeLow: 35, extremeHigh: 140 } } },
    };
    expect(
      messages(
        evaluateAlarmRules(
          { numerics: vitals({ HR: numeric(45) }), rhythm: rhythmShowing() },
          limitsForBed(policy, 'bed-03'),
        ),
      ),
    ).toEqual({});
    expect(
      messages(
        evaluateAlarmRules(
          { numerics: vitals({ HR: numeric(45) }), rhythm: rhythmShowing() },
          limitsForBed(policy, 'bed-04'),
        ),
      ),
    ).toEqual({ HR_LOW: 'HR 45 < 50' });
  });
});
