import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stl } from '../../src/timeseries/stl';
import { autocorrelation, detectSeasonality } from '../../src/timeseries/seasonality';

const pattern = [3, -1, 0, 2, -4, 5, -5]; // sums to 0
const linearPlusCycle = Object.freeze(Array.from({ length: 35 }, (_, i) => 10 + 0.5 * i + (pattern[i % 7] as number)));

describe('stl(values, options)', () => {
  it('stl(line + cycle, { period: 7 }) recovers the cycle and the line exactly (loess reproduces lines)', () => {
    // (Non-robust periodic STL, n_i = 2 and no outer loop, is still converging after two passes: not listed.)
    for (const options of [{ period: 7 }, { period: 7, seasonalWindow: 7, robust: false }, { period: 7, seasonalWindow: 7 }]) {
      const result = stl(linearPlusCycle, options);
      result.seasonal.slice(0, 7).forEach((s, k) => expect(s).toBeCloseTo(pattern[k] as number, 3));
      result.trend.forEach((t, i) => expect(t).toBeCloseTo(10 + 0.5 * i, 3));
      result.remainder.forEach((r) => expect(Math.abs(r)).toBeLessThan(1e-3));
    }
  });

  it('stl(values with an outlier) gives the outlier robustness weight 0 and keeps it out of the seasonal', () => {
    let seed = 3;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
    const values = linearPlusCycle.map((v) => v + noise());
    values[17] = (values[17] as number) + 40;
    const result = stl(values, { period: 7 });
    expect(result.weights[17]).toBe(0);
    expect(result.remainder[17]).toBeGreaterThan(35);
    expect(result.seasonal[3]).toBeCloseTo(2, 0); // same cycle position as 17, unaffected
  });

  it('stl(values with NaN) interpolates the gap and says so', () => {
    const values = [...linearPlusCycle];
    values[10] = Number.NaN;
    const result = stl(values, { period: 7 });
    expect(result.warnings).toEqual(['stl: 1 non-finite value(s) were linearly interpolated before decomposing']);
    expect(result.trend[10]).toBeCloseTo(15, 1);
  });

  it('stl(too short, { period }) throws INSUFFICIENT_DATA; a bad period INVALID_OPTION', () => {
    expect(() => stl([1, 2, 3], { period: 2 })).toThrow('stl: expected values to be at least 2 periods (4 values), found an array of 3');
    expect(() => stl(linearPlusCycle, { period: 1 })).toThrow('stl: expected options.period to be an integer >= 2, found 1');
    expect(() => stl(linearPlusCycle, { period: 7, seasonalWindow: 8 })).toThrow(
      "stl: expected options.seasonalWindow to be an odd integer >= 3 or 'periodic', found 8",
    );
  });

  it('stl(values) adds up: seasonal + trend + remainder = values, and input is not mutated', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 8, maxLength: 60 }), (raw) => {
        const values = Object.freeze([...raw]);
        const result = stl(values, { period: 4 });
        values.forEach((v, i) =>
          expect((result.seasonal[i] as number) + (result.trend[i] as number) + (result.remainder[i] as number)).toBeCloseTo(v, 6),
        );
        expect(values).toEqual(raw);
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe('seasonality', () => {
  it('autocorrelation([1,2,1,2,2,1,2,1], 2) = [1, -0.625, 0.25] (by hand: no trend to remove)', () => {
    const r = autocorrelation([1, 2, 1, 2, 2, 1, 2, 1], 2);
    expect(r[0]).toBe(1);
    expect(r[1]).toBeCloseTo(-0.625, 12);
    expect(r[2]).toBeCloseTo(0.25, 12);
  });

  it('detectSeasonality(weekly cycle, { candidates: [7] }) accepts 7; scanning finds it too', () => {
    const values = Array.from({ length: 56 }, (_, i) => [5, 1, 1, 1, 1, 9, 8][i % 7] as number);
    expect(detectSeasonality(values, { candidates: [7] }).periods).toEqual([7]);
    expect(detectSeasonality(values).periods).toEqual([7]);
  });

  it('detectSeasonality(daily data with weekly and yearly cycles, { candidates: [7, 365] }) finds both', () => {
    const values = Array.from({ length: 3 * 365 }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 365) + [0, 0, 0, 0, 5, 12, 9][i % 7]!);
    expect(detectSeasonality(values, { candidates: [7, 365] }).periods).toEqual([7, 365]);
  });

  it('detectSeasonality(a trend, a random walk, noise) finds no cycle', () => {
    let seed = 11;
    const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const walk: number[] = [];
    let level = 0;
    for (let i = 0; i < 300; i++) walk.push((level += uniform() - 0.5));
    expect(detectSeasonality(walk).periods).toEqual([]);
    expect(detectSeasonality(Array.from({ length: 200 }, (_, i) => i * 2 + 1)).periods).toEqual([]);
    expect(detectSeasonality(Array.from({ length: 2000 }, () => uniform())).periods).toEqual([]);
  });

  it('detectSeasonality(short series, { candidates: [52] }) warns that two cycles are needed', () => {
    const result = detectSeasonality(Array.from({ length: 60 }, (_, i) => i % 5), { candidates: [52] });
    expect(result.periods).toEqual([]);
    expect(result.warnings).toEqual(['detectSeasonality: period(s) 52 not tested: fewer than two full cycles (60 values)']);
  });
});
