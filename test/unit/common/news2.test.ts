/**
 * NEWS2 against the Royal College of Physicians' chart (2017): every band boundary of every parameter, SpO2 scale 2
 * on air and on oxygen, ACVPU, the aggregate's clinical response, and missing parameters that are never scored as
 * normal.
 */
import { describe, expect, it } from 'vitest';
import {
  describeNews2,
  news2,
  responseTo,
  scorePulse,
  scoreRespirationRate,
  scoreSpo2,
  scoreSystolic,
  scoreTemperature,
  type News2Inputs,
} from '../../../common/scores/news2';

/** [value, score] pairs on both sides of every boundary of the chart. */
const RESPIRATION: readonly [number, number][] = [
  [0, 3],
  [8, 3],
  [9, 1],
  [11, 1],
  [12, 0],
  [20, 0],
  [21, 2],
  [24, 2],
  [25, 3],
  [60, 3],
];
const SPO2_SCALE_1: readonly [number, number][] = [
  [70, 3],
  [91, 3],
  [92, 2],
  [93, 2],
  [94, 1],
  [95, 1],
  [96, 0],
  [100, 0],
];
const SPO2_SCALE_2_ON_AIR: readonly [number, number][] = [
  [80, 3],
  [83, 3],
  [84, 2],
  [85, 2],
  [86, 1],
  [87, 1],
  [88, 0],
  [92, 0],
  [93, 0],
  [100, 0],
];
const SPO2_SCALE_2_ON_OXYGEN: readonly [number, number][] = [
  [83, 3],
  [84, 2],
  [85, 2],
  [86, 1],
  [87, 1],
  [88, 0],
  [92, 0],
  [93, 1],
  [94, 1],
  [95, 2],
  [96, 2],
  [97, 3],
  [100, 3],
];
const SYSTOLIC: readonly [number, number][] = [
  [60, 3],
  [90, 3],
  [91, 2],
  [100, 2],
  [101, 1],
  [110, 1],
  [111, 0],
  [219, 0],
  [220, 3],
  [260, 3],
];
const PULSE: readonly [number, number][] = [
  [30, 3],
  [40, 3],
  [41, 1],
  [50, 1],
  [51, 0],
  [90, 0],
  [91, 1],
  [110, 1],
  [111, 2],
  [130, 2],
  [131, 3],
  [200, 3],
];
const TEMPERATURE: readonly [number, number][] = [
  [34, 3],
  [35.0, 3],
  [35.1, 1],
  [36.0, 1],
  [36.1, 0],
  [38.0, 0],
  [38.1, 1],
  [39.0, 1],
  [39.1, 2],
  [41, 2],
];

const NORMAL: News2Inputs = {
  respirationRate: 16,
  spo2: 97,
  spo2Scale: 1,
  onOxygen: false,
  systolicBp: 125,
  pulse: 72,
  consciousness: 'A',
  temperature: 36.8,
};

describe('NEWS2 parameters, at every boundary of the RCP chart', () => {
  it.each(RESPIRATION)('respiration rate %d scores %d', (rate, score) =>
    expect(scoreRespirationRate(rate)).toBe(score),
  );
  it.each(SPO2_SCALE_1)('SpO2 %d %% on scale 1 scores %d', (spo2, score) =>
    expect(scoreSpo2(spo2, 1, false)).toBe(score),
  );
  it.each(SPO2_SCALE_2_ON_AIR)('SpO2 %d %% on scale 2, on air, scores %d', (spo2, score) =>
    expect(scoreSpo2(spo2, 2, false)).toBe(score),
  );
  it.each(SPO2_SCALE_2_ON_OXYGEN)('SpO2 %d %% on scale 2, on oxygen, scores %d', (spo2, score) =>
    expect(scoreSpo2(spo2, 2, true)).toBe(score),
  );
  it.each(SYSTOLIC)('systolic %d mmHg scores %d', (systolic, score) => expect(scoreSystolic(systolic)).toBe(score));
  it.each(PULSE)('pulse %d/min scores %d', (pulse, score) => expect(scorePulse(pulse)).toBe(score));
  it.each(TEMPERATURE)('temperature %s °C scores %d', (celsius, score) =>
    expect(scoreTemperature(celsius)).toBe(score),
  );

  it('scores oxygen 2 and air 0, alert 0 and any of C, V, P, U 3', () => {
    expect(news2({ ...NORMAL, onOxygen: true }).parts.onOxygen).toBe(2);
    expect(news2(NORMAL).parts.onOxygen).toBe(0);
    for (const level of ['C', 'V', 'P', 'U'] as const)
      expect(news2({ ...NORMAL, consciousness: level }).parts.consciousness).toBe(3);
  });

  it('charts a rate as a whole number and a temperature to one decimal', () => {
    expect(news2({ ...NORMAL, respirationRate: 20.4 }).parts.respirationRate).toBe(0);
    expect(news2({ ...NORMAL, respirationRate: 20.6 }).parts.respirationRate).toBe(2);
    expect(scoreTemperature(36.04)).toBe(1);
    expect(scoreTemperature(36.06)).toBe(0);
  });
});

describe('NEWS2 aggregate and response', () => {
  it('is 0 and routine for a well patient', () => {
    expect(news2(NORMAL)).toEqual({
      total: 0,
      parts: { respirationRate: 0, spo2: 0, onOxygen: 0, systolicBp: 0, pulse: 0, consciousness: 0, temperature: 0 },
      missing: [],
      response: 'routine',
    });
  });

  it('asks for an urgent ward review on a single 3, urgent review at 5–6, an emergency response from 7', () => {
    expect(news2({ ...NORMAL, respirationRate: 26 })).toMatchObject({ total: 3, response: 'urgent-ward-review' });
    expect(news2({ ...NORMAL, respirationRate: 22, pulse: 115, temperature: 38.5 })).toMatchObject({
      total: 5,
      response: 'urgent-review',
    });
    expect(news2({ ...NORMAL, respirationRate: 26, spo2: 92, onOxygen: true })).toMatchObject({
      total: 7,
      response: 'emergency',
    });
    expect([4, 5, 6, 7].map((total) => responseTo(total, false))).toEqual([
      'routine',
      'urgent-review',
      'urgent-review',
      'emergency',
    ]);
  });

  it('never scores a parameter nobody measured as normal: it is missing', () => {
    const score = news2({ ...NORMAL, consciousness: null, temperature: null, systolicBp: Number.NaN });
    expect(score.missing).toEqual(['systolicBp', 'consciousness', 'temperature']);
    expect(score.parts.temperature).toBeUndefined();
    expect(score.total).toBe(0);
  });
});

describe('NEWS2 in words', () => {
  it('names the parts that score, then what is missing, within an alarm message’s 80 characters', () => {
    expect(describeNews2({ total: 0, parts: { respirationRate: 0 }, missing: [] })).toBe('NEWS2 0');
    expect(
      describeNews2({
        total: 7,
        parts: { respirationRate: 3, spo2: 2, onOxygen: 2, pulse: 0 },
        missing: ['consciousness', 'temperature'],
      }),
    ).toBe('NEWS2 7: RR 3, SpO2 2, O2 2 (no ACVPU, Temp)');
    const everything = describeNews2({
      total: 20,
      parts: { respirationRate: 3, spo2: 3, onOxygen: 2, systolicBp: 3, pulse: 3, consciousness: 3, temperature: 3 },
      missing: [],
    });
    expect(everything.length).toBeLessThanOrEqual(80);
  });
});
