import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompensatedAccumulator, compensatedSum } from '../../src/internal/sum';
import { mean, sampleVariance } from '../../src/insights/internal/stats';

describe('compensatedSum(values, from, to)', () => {
  it('compensatedSum([1e16, 1, -1e16]) is 1 where a plain loop gives 0 (by hand: 1e16 + 1 rounds to 1e16)', () => {
    expect(compensatedSum([1e16, 1, -1e16])).toBe(1);
    expect([1e16, 1, -1e16].reduce((s, v) => s + v, 0)).toBe(0);
  });
  it('compensatedSum(a million times 0.1) is 100000 to one rounding (a plain loop drifts to 100000.0000013)', () => {
    const tenths = new Float64Array(1_000_000).fill(0.1);
    // The exact sum of a million copies of the double nearest 0.1 (0.1000000000000000055511151231257827) is
    // 100000.0000000000055511..., whose nearest double is 100000.
    expect(compensatedSum(tenths)).toBe(100000);
  });
  it('compensatedSum(values, from, to) sums the range only, and equals the accumulator (property)', () => {
    expect(compensatedSum([5, 1e16, 1, -1e16, 7], 1, 4)).toBe(1);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true })), (values) => {
        const accumulator = new CompensatedAccumulator();
        for (const v of values) accumulator.add(v);
        expect(compensatedSum(values)).toBe(accumulator.value());
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('mean(values), sampleVariance(values) (insights)', () => {
  it('sampleVariance(1e9 + {1, 2, 3, 4}) is 5/3 exactly, the variance of 1..4 (by hand: (2.25 + 0.25 + 0.25 + 2.25) / 3)', () => {
    const values = Object.freeze([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4]);
    expect(mean(values)).toBe(1e9 + 2.5);
    expect(sampleVariance(values)).toBe(5 / 3);
    // The one-pass textbook form on the same values (what the corrected two-pass algorithm avoids):
    const n = values.length;
    const oneSum = values.reduce((s, v) => s + v, 0);
    const oneSquares = values.reduce((s, v) => s + v * v, 0);
    expect((oneSquares - (oneSum * oneSum) / n) / (n - 1)).not.toBeCloseTo(5 / 3, 1);
  });
  it('sampleVariance(1e12 + {0.125, 0.25, 0.375}) is 1/64 exactly (eighths are doubles at 1e12: spacing 2^-13)', () => {
    // By hand: deviations -0.125, 0, 0.125 from the mean, so (1/64 + 0 + 1/64) / 2 = 1/64.
    expect(sampleVariance([1e12 + 0.125, 1e12 + 0.25, 1e12 + 0.375])).toBe(1 / 64);
    expect(sampleVariance([3])).toBeNaN();
  });
});
