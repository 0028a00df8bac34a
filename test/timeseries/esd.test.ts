import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generalizedEsd } from '../../src/timeseries/esd';

// Rosner (1983) data as listed in the NIST/SEMATECH e-Handbook, section 1.3.5.17.3.
const rosner = Object.freeze(
  '-0.25 0.68 0.94 1.15 1.20 1.26 1.26 1.34 1.38 1.43 1.49 1.49 1.55 1.56 1.58 1.65 1.69 1.70 1.76 1.77 1.81 1.91 1.94 1.96 1.99 2.06 2.09 2.10 2.14 2.15 2.23 2.24 2.26 2.35 2.37 2.40 2.47 2.54 2.62 2.64 2.90 2.92 2.92 2.93 3.21 3.26 3.30 3.59 3.68 4.30 4.64 5.34 5.42 6.01'
    .split(' ')
    .map(Number),
);

describe('generalizedEsd(values, options)', () => {
  it('generalizedEsd(rosner, { maxOutliers: 10 }) finds the NIST table: R_i and three outliers', () => {
    const result = generalizedEsd(rosner, { maxOutliers: 10 });
    // NIST table, R_1..R_10 (printed to 3 decimals).
    const nistR = [3.118, 2.942, 3.179, 2.81, 2.815, 2.848, 2.279, 2.31, 2.101, 2.067];
    result.steps.forEach((step, i) => expect(Math.abs(step.statistic - (nistR[i] as number))).toBeLessThan(1.5e-3));
    expect(result.count).toBe(3);
    expect(result.outliers.map((i) => rosner[i])).toEqual([6.01, 5.42, 5.34]);
  });

  it('generalizedEsd(values) skips non-finite values and keeps input indices', () => {
    const values = [1, 2, Number.NaN, 1.5, 2, 1, 30, 1.2, Infinity, 1.8, 1.1, 1.6];
    const result = generalizedEsd(values, { robust: true, maxOutliers: 2 });
    expect(result.outliers).toEqual([6]);
  });

  it('generalizedEsd(constant) finds nothing, robust or not (MAD = 0 and sd = 0)', () => {
    expect(generalizedEsd([5, 5, 5, 5, 5, 5], { robust: true }).count).toBe(0);
    expect(generalizedEsd([5, 5, 5, 5, 5, 5]).count).toBe(0);
  });

  it('generalizedEsd(mostly equal values, { robust: true }) falls back from MAD = 0 and still finds the spike', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 50, 0, 0, 1, 0, 0];
    expect(generalizedEsd(values, { robust: true, maxOutliers: 3 }).outliers).toContain(14);
  });

  it('generalizedEsd(values, options) throws INVALID_OPTION for a bad alpha or maxOutliers', () => {
    expect(() => generalizedEsd([1, 2, 3], { alpha: 1.5 })).toThrow('generalizedEsd: expected options.alpha to be a number in (0, 1), found 1.5');
    expect(() => generalizedEsd([1, 2, 3], { maxOutliers: 0 })).toThrow('generalizedEsd: expected options.maxOutliers to be an integer >= 1, found 0');
  });

  it('generalizedEsd(values) matches a naive O(n^2) recomputation of median and MAD at every step', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 5, maxLength: 40 }), (ints) => {
        const values = Object.freeze(ints.map((v) => v / 4));
        const fast = generalizedEsd(values, { robust: true, maxOutliers: 4 });
        // Naive reference: recompute everything from the remaining values.
        const remaining = values.map((v, i) => ({ v, i }));
        const median = (xs: number[]): number => {
          const s = [...xs].sort((a, b) => a - b);
          const m = s.length;
          return m % 2 ? (s[m >> 1] as number) : ((s[m / 2 - 1] as number) + (s[m / 2] as number)) / 2;
        };
        for (const step of fast.steps) {
          const center = median(remaining.map((r) => r.v));
          expect(step.center).toBeCloseTo(center, 10);
          const mad = median(remaining.map((r) => Math.abs(r.v - center)));
          if (mad > 0) expect(step.scale).toBeCloseTo(1.482602218505602 * mad, 10);
          const at = remaining.findIndex((r) => r.i === step.index);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(Math.abs((remaining[at] as { v: number }).v - center)).toBeCloseTo(
            Math.max(...remaining.map((r) => Math.abs(r.v - center))),
            10,
          );
          remaining.splice(at, 1);
        }
        expect(fast.count).toBeLessThanOrEqual(4);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});
