import { describe, expect, it } from 'vitest';
import { RespirationRateEstimator } from '../../../../gateway/numerics/respiration-rate';

describe('respiration rate', () => {
  it('counts breaths of an impedance wave with cardiac ripple, and reads 0 in apnoea', () => {
    const rate = 62.5;
    const estimator = new RespirationRateEstimator(rate);
    for (let i = 0; i < rate * 60; i += 1) {
      const t = i / rate;
      estimator.push(Math.sin(2 * Math.PI * (15 / 60) * t) + 0.1 * Math.sin(2 * Math.PI * 1.3 * t));
    }
    expect(estimator.rate()).toBeCloseTo(15, 0);
    for (let i = 0; i < rate * 25; i += 1) estimator.push(0.001 * Math.sin(i));
    expect(estimator.rate()).toBe(0);
  });
});
