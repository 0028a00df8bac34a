import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from './noNaN';
import { laggedCorrelation } from '../../src/insights/laggedCorrelation';
import { seededRandom } from '../../src/insights/internal/stats';

const X = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
const Y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5];

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

describe('laggedCorrelation(x, y, options?)', () => {
  it("laggedCorrelation(x, y, { method: 'none' }) matches scipy.stats.pearsonr at lags 0 and 2", () => {
    const r = laggedCorrelation(X, Y, { method: 'none', maxLag: 2 });
    // scipy.stats.pearsonr(X, Y) -> 0.0997990076; pearsonr(X[:-2], Y[2:]) -> 0.1119961200
    expect(r.lags.find((l) => l.lag === 0)?.r).toBeCloseTo(0.0997990076, 9);
    expect(r.lags.find((l) => l.lag === 2)?.r).toBeCloseTo(0.11199612, 8);
    // 2 * scipy.stats.norm.sf(0.0997990076 * sqrt(12)) -> 0.7295577344
    expect(r.lags.find((l) => l.lag === 0)?.pValue).toBeCloseTo(0.7295577344, 8);
    expect(r.lags.map((l) => l.lag)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('laggedCorrelation(x, y) recovers the lag of a planted transfer y_t = -x_{t-3} + noise, x autocorrelated', () => {
    const random = seededRandom(7);
    const x: number[] = [];
    let prev = 0;
    for (let t = 0; t < 120; t++) x.push((prev = 0.7 * prev + gaussian(random)));
    const y = x.map((_, t) => (t >= 3 ? -(x[t - 3] as number) : 0) + 0.5 * gaussian(random));
    const r = laggedCorrelation(x, y, { maxLag: 8 });
    expect(r.best?.lag).toBe(3);
    expect(r.best!.r).toBeLessThan(-0.6);
    expect(r.arOrder).toBeGreaterThanOrEqual(1);
    expect(r.significant).toBe(true);
  });

  it('laggedCorrelation(x, y) keeps the false-positive rate near alpha for two independent random walks', () => {
    // Random walks correlate spuriously; prewhitening should not call most of them significant.
    let prewhitenHits = 0;
    let naiveHits = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const x: number[] = [];
      const y: number[] = [];
      let a = 0;
      let b = 0;
      for (let t = 0; t < 60; t++) {
        x.push((a += gaussian(random)));
        y.push((b += gaussian(random)));
      }
      if (laggedCorrelation(x, y, { maxLag: 4 }).significant) prewhitenHits++;
      if (laggedCorrelation(x, y, { maxLag: 4, method: 'none' }).significant) naiveHits++;
    }
    expect(prewhitenHits).toBeLessThanOrEqual(6); // <= 15% of 40 (nominal 5%)
    expect(naiveHits).toBeGreaterThan(prewhitenHits);
  });

  it("laggedCorrelation(x, y, { method: 'permutation', seed }) is reproducible and its p-value is in (0, 1]", () => {
    const a = laggedCorrelation(X, Y, { method: 'permutation', seed: 3, permutations: 99 });
    const b = laggedCorrelation(X, Y, { method: 'permutation', seed: 3, permutations: 99 });
    expect(a).toEqual(b);
    expect(a.bestPValue).toBeGreaterThan(0);
    expect(a.bestPValue).toBeLessThanOrEqual(1);
  });

  it('laggedCorrelation(x, y) fills gaps, reports them, and refuses series too short', () => {
    const r = laggedCorrelation([1, null, 3, 4, 5, 6, 7, 8, 9, 10], [2, 1, 3, 5, 4, 6, 8, 7, 9, Number.NaN], { method: 'none', maxLag: 1 });
    expect(r.warnings).toContain('x: 1 missing value(s) filled by linear interpolation');
    expect(r.warnings).toContain('y: 1 missing value(s) filled by linear interpolation');
    const short = laggedCorrelation([1, 2, 3], [3, 2, 1]);
    expect(short.best).toBeNull();
    expect(short.warnings).toEqual(['too few usable periods (3; at least 8 with values needed)']);
  });

  it('laggedCorrelation(x, y, options) throws on misuse', () => {
    expect(() => laggedCorrelation([1], [1, 2])).toThrow('laggedCorrelation: expected y to be an array of the same length as x (1), found an array of 2');
    expect(() => laggedCorrelation(X, Y, { method: 'granger' as never })).toThrow(
      'laggedCorrelation: expected options.method to be one of "prewhiten", "permutation", "none", found "granger"',
    );
  });

  it('laggedCorrelation(x, y) keeps |r| <= 1, p in [0, 1], and does not mutate its input', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 8, maxLength: 40 }), (pairs) => {
        const x = Object.freeze(pairs.map((p) => p[0]));
        const y = Object.freeze(pairs.map((p) => p[1]));
        const r = laggedCorrelation(x, y, { maxLag: 3 });
        for (const l of r.lags) {
          expect(Math.abs(l.r)).toBeLessThanOrEqual(1 + 1e-9);
          expect(l.pValue).toBeGreaterThanOrEqual(0);
          expect(l.pValue).toBeLessThanOrEqual(1);
        }
        expect(nonFiniteNumbers(r)).toEqual([]);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
