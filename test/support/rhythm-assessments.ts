/**
 * Rhythm assessments for alarm-engine tests: what the ECG analysis (gateway/analysis/) would report, built by
 * hand, so the engine's tests need no waveforms. The analysis itself is tested on waves in test/unit/gateway/analysis/.
 */
import type { AlarmConditionKey } from '../../common/alarms/alarm-model';
import type { RhythmAssessment, RhythmFinding } from '../../gateway/analysis/bed-waveform-analysis';

const NO_REASONS: RhythmFinding['reasons'] = { leads: [], pulses: [], decidedOn: null };

/** An assessment whose findings are `conditions` (none: a sinus rhythm). */
export function rhythmShowing(...conditions: AlarmConditionKey[]): RhythmAssessment {
  const messages: Partial<Record<AlarmConditionKey, string>> = {
    VF: 'fibrillatory ECG 5.0 Hz (II)',
    VT: '8 ventricular beats at 180/min (II)',
    ASYSTOLE: 'no QRS for 4.0 s',
    EXTREME_TACHY: 'HR 150 > 140 for 17 beats (II)',
    EXTREME_BRADY: 'HR 35 < 40 for 5 beats (II)',
  };
  return {
    label: conditions.length === 0 ? 'SINUS 72' : conditions.join(' '),
    findings: new Map(
      conditions.map((condition) => [condition, { message: messages[condition] ?? condition, reasons: NO_REASONS }]),
    ),
    suppressed: [],
  };
}
