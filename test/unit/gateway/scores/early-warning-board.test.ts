import { describe, expect, it } from 'vitest';
import type { NumericValue, NumericValues } from '../../../../common/wire/ward-messages';
import {
  EarlyWarningBoard,
  MIN_SECONDS_IN_WINDOW,
  NIBP_VALID_MS,
} from '../../../../gateway/scores/early-warning-board';
import { CHARTED_VALID_MS } from '../../../../common/wire/early-warning';
import { DEFAULT_WARD_SETTINGS } from '../../../../common/wire/ward-settings';
import { BedAlarmTracker } from '../../../../gateway/alarms/bed-alarm-tracker';
import { NEWS2_DELAY_SECONDS, type BedObservation } from '../../../../gateway/alarms/alarm-rules';

const T0 = 1_800_000_000_000;

function value(number: number | null, measuredAtMs = 0, note: string | null = null): NumericValue {
  return { value: number, unit: '', origin: 'device', measuredAtMs, note };
}

/** A monitored patient: HR, SpO2, RR every second, and a NIBP taken at `nibpAtMs`. */
function vitals(v: { hr?: number; spo2?: number; rr?: number; sys?: number; nibpAtMs?: number }): NumericValues {
  const values: NumericValues = {};
  if (v.hr !== undefined) values.HR = value(v.hr);
  if (v.spo2 !== undefined) values.SPO2 = value(v.spo2);
  if (v.rr !== undefined) values.RR = value(v.rr);
  if (v.sys !== undefined) values.NIBP_SYS = value(v.sys, v.nibpAtMs ?? T0);
  return values;
}

/** Feeds a bed one second at a time from `fromS` for `seconds`. */
function feed(
  board: EarlyWarningBoard,
  fromS: number,
  seconds: number,
  values: (second: number) => NumericValues,
): void {
  for (let second = fromS; second < fromS + seconds; second += 1)
    board.observe('bed-01', T0 + second * 1000, values(second));
}

const STABLE = { hr: 72, spo2: 97, rr: 14, sys: 124 };

describe('NEWS2 of a bed from its devices and its nurse', () => {
  it('scores nothing until half a minute of a measurement is in, then the five-minute median', () => {
    const board = new EarlyWarningBoard();
    expect(board.score('bed-01', T0)).toBeNull();
    feed(board, 0, MIN_SECONDS_IN_WINDOW - 1, () => vitals({ rr: 26 }));
    expect(board.score('bed-01', T0 + 29_000)).toBeNull();
    feed(board, MIN_SECONDS_IN_WINDOW - 1, 1, () => vitals({ rr: 26 }));
    expect(board.score('bed-01', T0 + 30_000)).toMatchObject({ total: 3, parts: { respirationRate: 3 } });
  });

  it('a burst of artifact does not move the score: a median of five minutes, not this second', () => {
    const board = new EarlyWarningBoard();
    feed(board, 0, 240, () => vitals(STABLE));
    // 40 s of a motion artifact's wild rates and desaturation.
    feed(board, 240, 40, () => vitals({ hr: 160, spo2: 80, rr: 40, sys: 124 }));
    expect(board.score('bed-01', T0 + 280_000)).toMatchObject({ total: 0, parts: { pulse: 0, spo2: 0 } });
    // A real deterioration that lasts is in the score once it is most of the window.
    feed(board, 280, 300, () => vitals({ hr: 118, spo2: 92, rr: 23, sys: 124 }));
    expect(board.score('bed-01', T0 + 580_000)).toMatchObject({
      total: 6,
      parts: { respirationRate: 2, spo2: 2, pulse: 2, systolicBp: 0 },
      response: 'urgent-review',
    });
  });

  it('never scores what nobody measured: oxygen, ACVPU and temperature are missing until charted', () => {
    const board = new EarlyWarningBoard();
    feed(board, 0, 60, () => vitals(STABLE));
    expect(board.score('bed-01', T0 + 60_000)).toMatchObject({
      total: 0,
      missing: ['onOxygen', 'consciousness', 'temperature'],
      chartedAtMs: null,
    });
    board.chart(
      'bed-01',
      { onOxygen: true, consciousness: 'V', temperature: 38.4, spo2Scale: 1 },
      T0 + 60_000,
      'Ana Nurse',
    );
    expect(board.score('bed-01', T0 + 61_000)).toMatchObject({
      total: 6, // O2 2 + ACVPU 3 + Temp 1
      parts: { onOxygen: 2, consciousness: 3, temperature: 1 },
      missing: [],
      response: 'urgent-review',
      chartedAtMs: T0 + 60_000,
      chartedBy: 'Ana Nurse',
    });
  });

  it('what a nurse leaves empty keeps what she charted before; all of it expires after 12 hours', () => {
    const board = new EarlyWarningBoard();
    board.chart('bed-01', { onOxygen: true, consciousness: 'A', temperature: 37, spo2Scale: 1 }, T0, 'Ana Nurse');
    board.chart(
      'bed-01',
      { onOxygen: null, consciousness: null, temperature: 39.5, spo2Scale: 1 },
      T0 + 3_600_000,
      'Ben Nurse',
    );
    const inputs = board.inputsOf('bed-01', T0 + 3_600_000);
    expect(inputs).toMatchObject({ onOxygen: true, consciousness: 'A', temperature: 39.5 });
    expect(board.inputsOf('bed-01', T0 + CHARTED_VALID_MS)).toMatchObject({ onOxygen: true, consciousness: 'A' });
    expect(board.inputsOf('bed-01', T0 + CHARTED_VALID_MS + 1)).toMatchObject({
      onOxygen: null,
      consciousness: null,
      temperature: 39.5,
    });
    expect(board.inputsOf('bed-01', T0 + 3_600_000 + CHARTED_VALID_MS + 1)?.temperature).toBeNull();
  });

  it('an old NIBP is missing after an hour; an arterial line stands in for it', () => {
    const board = new EarlyWarningBoard();
    feed(board, 0, 60, () => vitals({ ...STABLE, sys: 88, nibpAtMs: T0 }));
    expect(board.inputsOf('bed-01', T0 + 60_000)?.systolicBp).toBe(88);
    expect(board.inputsOf('bed-01', T0 + NIBP_VALID_MS + 1)?.systolicBp).toBeNull();
    const arterial = new EarlyWarningBoard();
    feed(arterial, 0, 60, () => ({ ...vitals({ hr: 72 }), ABP_SYS: value(105) }));
    expect(arterial.inputsOf('bed-01', T0 + 60_000)?.systolicBp).toBe(105);
  });

  it('holds five minutes of each measurement however long it runs, also one the score does not read', () => {
    // NIBP and an arterial line at once: while the NIBP counts, the arterial systolic's window is never read.
    const board = new EarlyWarningBoard();
    const scoredEvery = 10;
    for (let second = 0; second < 2 * 3600; second += 1) {
      board.observe('bed-01', T0 + second * 1000, {
        ...vitals({ ...STABLE, nibpAtMs: T0 + second * 1000 }),
        ABP_SYS: value(118),
      });
      if (second % scoredEvery === 0) board.score('bed-01', T0 + second * 1000);
    }
    // RR, SpO2, pulse and arterial systolic: at most five minutes (one value a second) each, after two hours.
    expect(board.heldValues('bed-01')).toBeLessThanOrEqual(4 * 301);
    expect(board.heldValues('bed-01')).toBeGreaterThanOrEqual(4 * 299);
  });

  it('scale 2 is the clinician’s choice and stays until changed; a device temperature newer than the charted wins', () => {
    const board = new EarlyWarningBoard();
    feed(board, 0, 60, () => vitals({ ...STABLE, spo2: 89 }));
    expect(board.score('bed-01', T0 + 60_000)?.parts.spo2).toBe(3);
    board.chart(
      'bed-01',
      { onOxygen: false, consciousness: 'A', temperature: 36.5, spo2Scale: 2 },
      T0 + 60_000,
      'Dr Who',
    );
    expect(board.score('bed-01', T0 + 61_000)).toMatchObject({ spo2Scale: 2, parts: { spo2: 0 } });
    board.observe('bed-01', T0 + 120_000, { ...vitals(STABLE), TEMP: value(39.2, T0 + 120_000) });
    expect(board.inputsOf('bed-01', T0 + 121_000)?.temperature).toBe(39.2);
  });

  it('forgets a patient who left: their measurements and charting are not the next patient’s', () => {
    const board = new EarlyWarningBoard();
    feed(board, 0, 60, () => vitals(STABLE));
    board.chart('bed-01', { onOxygen: true, consciousness: 'A', temperature: 37, spo2Scale: 2 }, T0, 'Ana Nurse');
    board.forget('bed-01');
    expect(board.score('bed-01', T0 + 61_000)).toBeNull();
    expect(board.chartedOf('bed-01')).toBeNull();
  });

  it('ignores NaN and null values rather than scoring them', () => {
    const board = new EarlyWarningBoard();
    feed(board, 0, 60, () => ({ HR: value(Number.NaN), SPO2: value(null, 0, 'PROBE OFF'), RR: value(14) }));
    expect(board.score('bed-01', T0 + 60_000)).toMatchObject({ parts: { respirationRate: 0 } });
    expect(board.score('bed-01', T0 + 60_000)?.missing).toEqual(
      expect.arrayContaining(['spo2', 'pulse', 'systolicBp']),
    );
  });
});

describe('NEWS2 advisories at the bed', () => {
  const POLICY = DEFAULT_WARD_SETTINGS.alarmPolicy;
  const observe = (
    total: number,
    response: 'routine' | 'urgent-review' | 'emergency',
    patient?: null,
  ): BedObservation => ({
    numerics: vitals(STABLE),
    rhythm: null,
    earlyWarning: {
      total,
      parts: { respirationRate: 3, spo2: 2 },
      missing: ['consciousness'],
      response,
      spo2Scale: 1,
      chartedAtMs: null,
      chartedBy: null,
    },
    ...(patient === null ? { patient: null } : {}),
  });
  const run = (tracker: BedAlarmTracker, seen: BedObservation, fromS: number, toS: number): string[] => {
    const events: string[] = [];
    for (let second = fromS; second <= toS; second += 1)
      for (const change of tracker.observe(seen, POLICY, T0 + second * 1000))
        events.push(`${second}:${change.kind}:${change.alarm.condition}:${change.alarm.priority}`);
    return events;
  };

  it('asks for an urgent review after the score stands for a minute, with the breakdown, as an advisory', () => {
    let id = 0;
    const tracker = new BedAlarmTracker('bed-01', 'Bed 1', () => `a-${(id += 1)}`);
    expect(run(tracker, observe(3, 'routine'), 0, 120)).toEqual([]);
    expect(run(tracker, observe(5, 'urgent-review'), 121, 121 + NEWS2_DELAY_SECONDS)).toEqual([
      `${121 + NEWS2_DELAY_SECONDS}:raised:NEWS2_URGENT:LOW`,
    ]);
    const [alarm] = tracker.current();
    expect(alarm).toMatchObject({ category: 'advisory', latched: false, message: 'NEWS2 5: RR 3, SpO2 2 (no ACVPU)' });
    // Never escalated, however long it stands unacknowledged.
    expect(run(tracker, observe(5, 'urgent-review'), 200, 600).filter((event) => event.includes('escalated'))).toEqual(
      [],
    );
    expect(run(tracker, observe(2, 'routine'), 601, 601)).toEqual(['601:resolved:NEWS2_URGENT:LOW']);
  });

  it('an emergency (7 or more) adds a MEDIUM advisory and keeps the urgent one — never a bedside HIGH', () => {
    let id = 0;
    const tracker = new BedAlarmTracker('bed-01', 'Bed 1', () => `a-${(id += 1)}`);
    run(tracker, observe(6, 'urgent-review'), 0, 70);
    const events = run(tracker, observe(8, 'emergency'), 71, 71 + NEWS2_DELAY_SECONDS);
    expect(events).toEqual([`${71 + NEWS2_DELAY_SECONDS}:raised:NEWS2_EMERGENCY:MEDIUM`]);
    expect(
      tracker
        .current()
        .map((alarm) => alarm.condition)
        .sort(),
    ).toEqual(['NEWS2_EMERGENCY', 'NEWS2_URGENT']);
  });

  it('a discharged bed raises no advisory', () => {
    let id = 0;
    const tracker = new BedAlarmTracker('bed-01', 'Bed 1', () => `a-${(id += 1)}`);
    expect(run(tracker, observe(9, 'emergency', null), 0, 200)).toEqual([]);
  });
});
