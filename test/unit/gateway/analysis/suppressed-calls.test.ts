/**
 * Never suppress silently (issue 12): a lethal call the analysis suppressed — here an asystole contradicted by a
 * pulsatile arterial line — raises no alarm, and the gateway's log says what was suppressed and why, once a minute.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WARD_SETTINGS } from '../../../../common/wire/ward-settings';
import type { RhythmAssessment } from '../../../../gateway/analysis/bed-waveform-analysis';
import { createWardAlarmService } from '../../../../gateway/alarms/ward-alarm-service';
import { createRecordingLogger } from '../../../support/recording-logger';

const ABP = {
  signal: 'ABP' as const,
  pulses: 5,
  rate: 78,
  intervalVariation: 0.03,
  amplitude: 42,
  valid: true,
  pulsatile: true,
};
const SUPPRESSED: RhythmAssessment = {
  label: 'SINUS 78',
  findings: new Map(),
  suppressed: [
    {
      condition: 'ASYSTOLE',
      why: 'ABP pulsatile 78/min',
      reasons: {
        leads: [{ lead: 'ECG_II', state: 'good', reason: 'good', beats: 0, sinceBeatS: 4.2 }],
        pulses: [ABP],
        decidedOn: 'ECG_II',
      },
    },
  ],
};

describe('suppressed rhythm calls', () => {
  it('raise no alarm and are logged with their reason, once a minute per bed and condition', () => {
    const logger = createRecordingLogger();
    let now = 0;
    const service = createWardAlarmService({
      beds: [{ bedId: 'bed-01', label: 'Bed 1' }],
      policy: () => DEFAULT_WARD_SETTINGS.alarmPolicy,
      journal: null,
      logger,
      now: () => now,
    });
    const numerics = { HR: { value: 78, unit: 'bpm', origin: 'derived' as const, measuredAtMs: 0, note: null } };
    for (now = 0; now <= 90_000; now += 1000) service.observe('bed-01', { numerics, rhythm: SUPPRESSED }, now);
    expect(service.snapshot().alarms).toEqual([]);
    const logged = logger.lines.filter((line) => line.message === 'rhythm call suppressed');
    expect(logged).toHaveLength(2);
    expect(logged[0]?.fields).toMatchObject({
      bedId: 'bed-01',
      condition: 'ASYSTOLE',
      why: 'ABP pulsatile 78/min',
      decidedOn: 'ECG_II',
    });
    service.stop();
  });
});
