import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erfc, lowerBound, normalUpperTail, SortedWindow, upperBound } from '../../src/timeseries/streamingMath';

describe('erfc(x) and normalUpperTail(z)', () => {
  it('erfc(x) matches Python math.erfc within the Numerical Recipes bound (relative 1.2e-7)', () => {
    // Python 3: math.erfc(1) = 0.15729920705028513, math.erfc(2) = 0.004677734981047265,
    // math.erfc(-1) = 1.842700792949715, math.erfc(0) = 1.
    const cases: Array<[number, number]> = [
      [0, 1],
      [1, 0.15729920705028513],
      [2, 0.004677734981047265],
      [-1, 1.842700792949715],
    ];
    for (const [x, expected] of cases) expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1.2e-7);
  });

  it('normalUpperTail(z) matches scipy.stats.norm.sf', () => {
    // scipy.stats.norm.sf(1.96) = 0.024997895148220435, norm.sf(5) = 2.866515718791946e-07
    expect(Math.abs(normalUpperTail(1.96) - 0.024997895148220435) / 0.025).toBeLessThan(1.2e-7);
    expect(Math.abs(normalUpperTail(5) - 2.866515718791946e-7) / 2.87e-7).toBeLessThan(1.2e-7);
  });
});

describe('SortedWindow(capacity)', () => {
  it('quantile(q) is R type 7: quantile(c(1, 2, 3, 4), c(0.25, 0.5, 0.75)) = 1.75, 2.5, 3.25', () => {
    const window = new SortedWindow(10, [4, 1, 3, 2]);
    expect([0.25, 0.5, 0.75].map((q) => window.quantile(q))).toEqual([1.75, 2.5, 3.25]);
  });

  it('push(value) keeps the last capacity values, in arrival order and sorted', () => {
    const window = new SortedWindow(3);
    [5, 1, 4, 2].forEach((v) => window.push(v));
    expect(window.toArray()).toEqual([1, 4, 2]);
    expect([window.min(), window.max(), window.countBelow(2), window.countAbove(2)]).toEqual([1, 4, 1, 1]);
    expect([window.fromEnd(1), window.fromEnd(3)]).toEqual([2, 1]);
    expect(window.latest(2)).toEqual([4, 2]);
  });

  it('push(value) agrees with sorting the last capacity values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 100 }), fc.integer({ min: 1, max: 15 }), (values, capacity) => {
        const window = new SortedWindow(capacity);
        values.forEach((v) => window.push(v));
        const last = values.slice(-capacity);
        expect(window.toArray()).toEqual(last);
        const sorted = [...last].sort((a, b) => a - b);
        for (const probe of [-5, 0, 5]) {
          expect(window.countBelow(probe)).toBe(sorted.filter((v) => v < probe).length);
          expect(window.countAbove(probe)).toBe(sorted.filter((v) => v > probe).length);
          expect(lowerBound(sorted, probe)).toBe(sorted.filter((v) => v < probe).length);
          expect(upperBound(sorted, probe)).toBe(sorted.filter((v) => v <= probe).length);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
