import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRandom } from '../../src/simulate/random';
import { detectChangePoints } from '../../src/timeseries/detect-change-points';
import { bumpColumn, fitSeasonAndLevels, maxHarmonics, seasonDesign } from '../../src/timeseries/harmonic';

const range = (n: number): number[] => Array.from({ length: n }, (_, t) => t);
const sinusoid = (t: number): number => 2 * Math.sin((2 * Math.PI * t) / 52) + 0.5 * Math.cos((4 * Math.PI * t) / 52);

describe('fitSeasonAndLevels(design, starts, settings)', () => {
  it('fitSeasonAndLevels(two harmonics + one step, [70]) recovers the season to 1e-9, K = 2, no trend', () => {
    // Built by hand: y = 5 + 2 sin(2 pi t / 52) + 0.5 cos(4 pi t / 52) + 3 [t >= 70], three cycles, no noise.
    const y = Float64Array.from(range(156), (t) => 5 + sinusoid(t) + (t >= 70 ? 3 : 0));
    const fit = fitSeasonAndLevels(seasonDesign(y, range(156), [52]), [70]);
    expect(fit.harmonics).toEqual([2]);
    expect(fit.hasTrend).toBe(false);
    for (let t = 0; t < 156; t++) {
      expect(Math.abs((fit.seasonal[t] as number) - sinusoid(t))).toBeLessThan(1e-9);
      expect(Math.abs(fit.residual[t] as number)).toBeLessThan(1e-9);
    }
  });

  it('fitSeasonAndLevels(two cycles, a step at the cycle boundary) keeps the step out of the season', () => {
    // With two cycles a step at t = 52 is the contrast between the cycles: no periodic column can take it.
    const y = Float64Array.from(range(104), (t) => sinusoid(t) + (t >= 52 ? -4 : 0));
    const fit = fitSeasonAndLevels(seasonDesign(y, range(104), [52]), [52]);
    for (let t = 0; t < 104; t++) expect(Math.abs((fit.seasonal[t] as number) - sinusoid(t))).toBeLessThan(1e-9);
  });

  it('fitSeasonAndLevels(season + trend) finds the slope: 0.03 a point, centred on the middle position', () => {
    const y = Float64Array.from(range(104), (t) => 1 + 0.03 * t + sinusoid(t));
    const fit = fitSeasonAndLevels(seasonDesign(y, range(104), [52]), []);
    expect(fit.hasTrend).toBe(true);
    // Trend column (t - 51.5) / 103 times slope 0.03 x 103: 0.03 (t - 51.5).
    for (const t of [0, 51, 103]) expect(fit.trend[t]).toBeCloseTo(0.03 * (t - 51.5), 9);
  });

  it('fitSeasonAndLevels with gaps keeps the phase: positions, not indices, carry the harmonics', () => {
    const positions = range(156).filter((t) => t % 10 !== 3);
    const y = Float64Array.from(positions, (t) => 5 + sinusoid(t));
    const fit = fitSeasonAndLevels(seasonDesign(y, positions, [52]), []);
    positions.forEach((t, k) => expect(Math.abs((fit.seasonal[k] as number) - sinusoid(t))).toBeLessThan(1e-9));
  });

  it('fitSeasonAndLevels(holiday bump) describes a 4-week peak in both cycles with one column', () => {
    const peak = (t: number): number => (t % 52 >= 47 && t % 52 < 51 ? 6 : 0);
    const y = Float64Array.from(range(104), (t) => 10 + peak(t));
    const design = seasonDesign(y, range(104), [52]);
    const bump = { start: 47, length: 4, period: 52 };
    const fit = fitSeasonAndLevels(design, [], { bumps: [bump], harmonics: [0], trend: false });
    // The bump column is centred (sum 0 over a cycle): 1 - 4/52 in the peak weeks, -4/52 elsewhere.
    expect(bumpColumn(design, bump)[48]).toBeCloseTo(1 - 4 / 52, 12);
    expect(bumpColumn(design, bump).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    for (let t = 0; t < 104; t++) expect(Math.abs((fit.seasonal[t] as number) - (peak(t) - 24 / 52))).toBeLessThan(1e-9);
  });

  it('maxHarmonics(period, m, fixed) keeps K below period / 2 and 4K + fixed below m', () => {
    expect(maxHarmonics(52, 104, 2)).toBe(25);
    expect(maxHarmonics(52, 40, 3)).toBe(9);
    expect(maxHarmonics(7, 1000, 2)).toBe(3);
    expect(maxHarmonics(365, 1000, 2)).toBe(26);
  });

  it('fitSeasonAndLevels: the season sums to zero over every full cycle and rss is the residual sum of squares (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(104, 130, 156), fc.integer({ min: 0, max: 3 }), (seed, n, changes) => {
        const random = createRandom(seed);
        const y = Float64Array.from(range(n), (t) => random.uniform(0, 4) * (t % 52 === 10 ? 1 : 0) + random.normal());
        const starts = [...new Set(range(changes).map(() => random.int(5, n - 5)))].sort((a, b) => a - b);
        const fit = fitSeasonAndLevels(seasonDesign(y, range(n), [52]), starts, { sigma2: 1 });
        for (let cycle = 0; cycle + 52 <= n; cycle += 52) {
          let sum = 0;
          for (let t = cycle; t < cycle + 52; t++) sum += fit.seasonal[t] as number;
          expect(Math.abs(sum)).toBeLessThan(1e-8);
        }
        const rss = fit.residual.reduce((a, r) => a + r * r, 0);
        expect(Math.abs(rss - fit.rss)).toBeLessThan(1e-8 * Math.max(1, rss));
      }),
      { seed: 11, numRuns: 40 },
    );
  });
});

describe("detectChangePoints(points, { period, seasonalModel: 'harmonic' })", () => {
  const week = (t: number): string => new Date(Date.UTC(2023, 0, 2) + t * 7 * 86_400_000).toISOString().slice(0, 10);

  it('detectChangePoints(sinusoid + one step + small noise, { period: 52 }) finds the step alone, with its levels', () => {
    const random = createRandom(5);
    const points = range(156).map((t) => ({ t: week(t), value: 100 + 10 * sinusoid(t) + (t >= 70 ? 8 : 0) + 0.5 * random.normal() }));
    const found = detectChangePoints(points, { period: 52 });
    expect(found.map((c) => c.index)).toEqual([70]);
    // The levels are means of the series less its season: 100 and 108 up to the noise's mean (sd 0.5 / sqrt 70).
    expect(Math.abs((found[0]?.before as number) - 100)).toBeLessThan(0.3);
    expect(Math.abs((found[0]?.after as number) - 108)).toBeLessThan(0.3);
  });

  it('detectChangePoints(two cycles with a sharp 4-week holiday peak, no shift) finds no change point', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = createRandom(seed);
      const points = range(104).map((t) => ({ t: week(t), value: 50 + (t % 52 >= 46 && t % 52 < 50 ? 6 : 0) + random.normal() }));
      expect(detectChangePoints(points, { period: 52 }).length).toBe(0);
    }
  });

  it('detectChangePoints(seasonal series with a linear trend and no shift) reads the trend, not a staircase', () => {
    const random = createRandom(8);
    const points = range(156).map((t) => ({ t: week(t), value: 20 + 0.05 * t + 3 * sinusoid(t) + random.normal() }));
    expect(detectChangePoints(points, { period: 52 }).length).toBe(0);
  });

  it('detectChangePoints(gaps) skips and reports them, keeps the phase and the step', () => {
    const random = createRandom(9);
    const points = range(156).map((t) => ({ t: week(t), value: t % 17 === 4 ? Number.NaN : 100 + 10 * sinusoid(t) + (t >= 100 ? -6 : 0) + 0.5 * random.normal() }));
    const found = detectChangePoints(points, { period: 52 });
    expect(found.map((c) => c.index)).toEqual([100]);
    expect(found.rejected.length).toBe(range(156).filter((t) => t % 17 === 4).length);
  });

  it('detectChangePoints(points, { seasonalModel }) throws INVALID_OPTION with the exact message', () => {
    expect(() => detectChangePoints([], { period: 52, seasonalModel: 'x13' as never })).toThrow(
      "detectChangePoints: expected options.seasonalModel to be 'harmonic' or 'stl', found \"x13\"",
    );
  });

  it('detectChangePoints(points, { period: 52 }) is pure and invariant to y -> a y + b, a > 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(104, 156),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (seed, n, scale, offset) => {
          const random = createRandom(seed);
          const amplitude = random.uniform(0, 5);
          const step = random.int(10, n - 10);
          const size = random.uniform(-3, 3);
          const values = range(n).map((t) => amplitude * sinusoid(t) + (t >= step ? size : 0) + random.normal());
          const points = Object.freeze(values.map((value, t) => Object.freeze({ t, value })));
          const found = detectChangePoints(points, { period: 52 });
          expect(detectChangePoints(points, { period: 52 }).map((c) => [c.index, c.before, c.after])).toEqual(found.map((c) => [c.index, c.before, c.after]));
          const moved = detectChangePoints(
            values.map((value, t) => ({ t, value: scale * value + offset })),
            { period: 52 },
          );
          expect(moved.map((c) => c.index)).toEqual(found.map((c) => c.index));
          moved.forEach((c, j) => expect(c.after).toBeCloseTo(scale * (found[j]?.after as number) + offset, 6));
        },
      ),
      { seed: 17, numRuns: 25 },
    );
  });
});
