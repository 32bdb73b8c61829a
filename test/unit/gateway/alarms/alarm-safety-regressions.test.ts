/**
 * Issue 11's "Why" list, one test per silent path that was traced in the engine (the station's and the journal's
 * are in test/integration/gateway/alarm-service-regressions.test.ts and the renderer's tests). Each is named after
 * its bullet and failed on the code before the fix.
 */
import { describe, expect, it } from 'vitest';
import type { NumericValue } from '../../../../common/wire/ward-messages';
import { DEFAULT_WARD_SETTINGS } from '../../../../common/wire/ward-settings';
import type { BedObservation } from '../../../../gateway/alarms/alarm-rules';
import { BedAlarmTracker } from '../../../../gateway/alarms/bed-alarm-tracker';
import { BedWaveformAnalysis } from '../../../../gateway/analysis/bed-waveform-analysis';
import { rhythmShowing } from '../../../support/rhythm-assessments';

const POLICY = DEFAULT_WARD_SETTINGS.alarmPolicy;
const NURSE = { username: 'demo.nurse', displayName: 'Demo Nurse', station: 'Desk 1', atMs: 0 };

function numeric(value: number | null, note: string | null = null): NumericValue {
  return { value, unit: '', origin: 'device', measuredAtMs: 0, note };
}

function adult(
  changes: BedObservation['numerics'] = {},
  rhythm: BedObservation['rhythm'] = rhythmShowing(),
): BedObservation {
  return { numerics: { HR: numeric(72), SPO2: numeric(97), RR: numeric(14), ...changes }, rhythm };
}

function tracker(): BedAlarmTracker {
  let id = 0;
  return new BedAlarmTracker('bed-01', 'Bed 1', () => `a-${(id += 1)}`, ['HR', 'SPO2', 'RR']);
}

/** Observes once a second from `from` to `to` (seconds); the events with their second. */
function feed(subject: BedAlarmTracker, from: number, to: number, seen: BedObservation): string[] {
  const events: string[] = [];
  for (let second = from; second <= to; second += 1)
    for (const change of subject.observe(seen, POLICY, second * 1000))
      events.push(`${second}:${change.kind}:${change.alarm.condition}`);
  return events;
}

describe('alarm safety regressions (issue 11)', () => {
  it('a latched HIGH alarm (VF) that was acknowledged, whose condition ended and then came back, is a new alarm — not reactivated silently', () => {
    const subject = tracker();
    const vf = adult({ HR: numeric(null, 'VF') }, rhythmShowing('VF'));
    expect(feed(subject, 0, 0, vf)).toEqual(['0:raised:VF']);
    const first = subject.current()[0];
    subject.acknowledge(first?.alarmId ?? '', NURSE);
    expect(feed(subject, 1, 10, adult())).toEqual(['1:condition-ended:VF']);
    const events = feed(subject, 11, 11, vf);
    expect(events).toEqual(['11:superseded:VF', '11:raised:VF']);
    const [again] = subject.current();
    expect(again?.alarmId).not.toBe(first?.alarmId);
    expect(again).toMatchObject({ condition: 'VF', acknowledged: null, conditionActive: true, onsetMs: 11_000 });
  });

  it('a value that is missing or NaN raises nothing — now each is a technical alarm naming the channel after its delay', () => {
    for (const hr of [numeric(null, 'NO SIGNAL'), numeric(Number.NaN)]) {
      const subject = tracker();
      expect(feed(subject, 0, 4, adult({ HR: hr }))).toEqual([]);
      expect(feed(subject, 5, 5, adult({ HR: hr }))).toEqual(['5:raised:ECG_NO_SIGNAL']);
    }
    // LEARNING may last 10 s; past that it is no reason to stay quiet.
    const learning = tracker();
    expect(feed(learning, 0, 9, adult({ HR: numeric(null, 'LEARNING') }))).toEqual([]);
    expect(feed(learning, 10, 10, adult({ HR: numeric(null, 'LEARNING') }))).toEqual(['10:raised:ECG_NO_SIGNAL']);
  });

  it('a recording that starts in asystole stays at LEARNING and never alarms — now its heart rate reads 0 and ASYSTOLE is raised', () => {
    // Two leads of a flat line, as a lead records in asystole: signal present (not NaN), never a QRS — through the
    // gateway's analysis, as a recording is.
    const analysis = new BedWaveformAnalysis([
      { key: 'ECG_II', sampleRate: 250 },
      { key: 'ECG_V', sampleRate: 250 },
    ]);
    const subject = tracker();
    const events: string[] = [];
    for (let second = 0; second < 12; second += 1) {
      for (const key of ['ECG_II', 'ECG_V'] as const) analysis.ingest(key, second * 250, new Float64Array(250), true);
      const rhythm = analysis.assess({ extremeLowBpm: 40, extremeHighBpm: 140 });
      const hr = analysis.derivedNumerics(second * 1000, rhythm).HR ?? numeric(null, 'NO SIGNAL');
      for (const change of subject.observe({ numerics: { HR: hr }, rhythm }, POLICY, second * 1000))
        events.push(`${second}:${change.kind}:${change.alarm.condition}`);
    }
    expect(
      analysis.derivedNumerics(12_000, analysis.assess({ extremeLowBpm: 40, extremeHighBpm: 140 })).HR?.value,
    ).toBe(0);
    expect(events).toContainEqual(expect.stringMatching(/^\d+:raised:ASYSTOLE$/));
  });

  it('an acknowledged alarm that worsens (SpO2 89 → 60) stays silent forever — now DESAT is raised beside it', () => {
    const subject = tracker();
    expect(feed(subject, 0, 10, adult({ SPO2: numeric(89) }))).toEqual(['10:raised:SPO2_LOW']);
    subject.acknowledge(subject.current()[0]?.alarmId ?? '', NURSE);
    expect(feed(subject, 11, 21, adult({ SPO2: numeric(60) }))).toEqual(['21:raised:DESAT']);
    const desat = subject.current().find((alarm) => alarm.condition === 'DESAT');
    expect(desat).toMatchObject({ priority: 'HIGH', acknowledged: null });
    // The same ladder for the heart rate: an acknowledged HR LOW does not mask EXTREME BRADY (the analysis' call:
    // 5 beats below 40 are its own delay).
    const brady = tracker();
    feed(brady, 0, 5, adult({ HR: numeric(45) }));
    brady.acknowledge(brady.current()[0]?.alarmId ?? '', NURSE);
    expect(feed(brady, 6, 11, adult({ HR: numeric(32) }, rhythmShowing('EXTREME_BRADY')))).toEqual([
      '6:raised:EXTREME_BRADY',
    ]);
  });
});
