import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { esdCriticalValue, studentTQuantile } from '../../src/timeseries/student-t';
import { incompleteBeta, logGamma, studentTCdf } from '../../src/timeseries/special';
import { FeedbackMinerError } from '../../src/errors';

describe('studentTQuantile(p, df)', () => {
  // Reference values from R: qt(p, df) (printed with digits = 7), the standard t-table.
  const table: [number, number, number][] = [
    [0.975, 1, 12.706205],
    [0.975, 2, 4.302653],
    [0.975, 3, 3.182446],
    [0.975, 5, 2.570582],
    [0.975, 10, 2.228139],
    [0.975, 30, 2.042272],
    [0.975, 1000, 1.962339],
    [0.95, 10, 1.812461],
    [0.99, 5, 3.36493],
    [0.995, 20, 2.84534],
    [0.999, 10, 4.1437],
    [0.9995, 3, 12.92398],
    [0.05, 10, -1.812461],
  ];
  it.each(table)('studentTQuantile(%d, %d) matches R qt = %d', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 4);
  });

  it('studentTQuantile(0.5, df) is 0 and the quantile inverts studentTCdf', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 500 }), (p, df) => {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 8);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('studentTQuantile(p, df) throws INVALID_ARGUMENT outside (0, 1) or for df <= 0', () => {
    expect(() => studentTQuantile(1, 3)).toThrow('studentTQuantile: expected p to be a number in (0, 1), found 1');
    expect(() => studentTQuantile(0.5, 0)).toThrow('studentTQuantile: expected df to be a finite number > 0, found 0');
    try {
      studentTQuantile(Number.NaN, 3);
    } catch (error) {
      expect(error).toBeInstanceOf(FeedbackMinerError);
      expect((error as FeedbackMinerError).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('special functions', () => {
  it('logGamma(x) gives ln((x-1)!) and ln(sqrt(pi)) at 1/2', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9); // ln(100!) (R: lgamma(101))
  });
  it('studentTCdf(t, df) throws INVALID_ARGUMENT for df negative, zero or NaN (it returned 1 for df = -1)', () => {
    for (const df of [-1, 0, Number.NaN]) {
      expect(() => studentTCdf(1, df)).toThrow(FeedbackMinerError);
      expect(() => studentTCdf(1, df)).toThrow(`studentTCdf: expected df to be a finite number > 0, found ${df}`);
    }
    expect(() => incompleteBeta(0.5, 0, 1)).toThrow('incompleteBeta: expected a to be a finite number > 0, found 0');
  });
  it('incompleteBeta(x, a, b) has the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b', () => {
    expect(incompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 12);
    expect(incompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 12);
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
  });
});

describe('esdCriticalValue(n, i, alpha)', () => {
  // NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.5.17.3 (Rosner's example, n = 54), lambda_1..10 at 5%.
  const nist = [3.158, 3.151, 3.143, 3.136, 3.128, 3.12, 3.111, 3.103, 3.094, 3.085];
  it.each(nist.map((v, i) => [i + 1, v]))('esdCriticalValue(54, %d, 0.05) = %d (NIST)', (i, value) => {
    expect(Math.abs(esdCriticalValue(54, i as number, 0.05) - (value as number))).toBeLessThan(1.5e-3);
  });
  it('esdCriticalValue(n, i, alpha) throws INVALID_OPTION for i out of range', () => {
    expect(() => esdCriticalValue(10, 9, 0.05)).toThrow('esdCriticalValue: expected i to be an integer from 1 to 8, found 9');
  });
});
