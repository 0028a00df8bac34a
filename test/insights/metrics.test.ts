import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { customerEffortScore } from '../../src/insights/customerEffortScore';
import { customerSatisfaction } from '../../src/insights/customerSatisfaction';
import { netPromoterScore } from '../../src/insights/netPromoterScore';

// 20 ratings: 10 promoters (9-10), 4 passives (7-8), 6 detractors (0-6).
const RATINGS = Object.freeze([10, 10, 10, 10, 9, 9, 9, 9, 9, 10, 8, 8, 7, 7, 6, 5, 3, 0, 6, 2]);

describe('netPromoterScore(ratings, options?)', () => {
  it('netPromoterScore(ratings) counts promoters, passives, detractors and scores (P - D) / n', () => {
    const r = netPromoterScore(RATINGS);
    expect([r.promoters, r.passives, r.detractors, r.n]).toEqual([10, 4, 6, 20]);
    expect(r.score).toBe(20);
  });

  it('netPromoterScore(ratings, { method: "wald" }) matches the interval worked by hand', () => {
    // By hand: p = 0.5, d = 0.3, var = (p + d - (p - d)^2) / n = (0.8 - 0.04) / 20 = 0.038, se = 0.194936,
    // z(0.975) = 1.959964, half-width = 0.382067 -> [-18.2067, 58.2067] (in NPS points).
    const r = netPromoterScore(RATINGS, { method: 'wald' });
    expect(r.interval?.lower).toBeCloseTo(-18.2067, 3);
    expect(r.interval?.upper).toBeCloseTo(58.2067, 3);
  });

  it('netPromoterScore(ratings) adjusted Wald adds 3/4 to P and D and 3 to n (Rocks 2016)', () => {
    // By hand: p' = 10.75/23 = 0.467391, d' = 6.75/23 = 0.293478, centre = 0.173913,
    // var = (0.760870 - 0.030246) / 23 = 0.0317662, se = 0.178231, half = 0.349326 -> [-17.5413, 52.3239].
    const r = netPromoterScore(RATINGS);
    expect(r.interval?.method).toBe('adjusted-wald');
    expect(r.interval?.lower).toBeCloseTo(-17.5413, 3);
    expect(r.interval?.upper).toBeCloseTo(52.3239, 3);
  });

  it('netPromoterScore(ratings) reports bad ratings in rejected and never returns NaN', () => {
    const r = netPromoterScore([10, Number.NaN, 11, 7.5, null, '9', 0]);
    expect(r.n).toBe(2);
    expect(r.rejected.map((x) => x.row)).toEqual([1, 2, 3, 4, 5]);
    expect(r.rejected[1]).toEqual({ row: 2, field: 'rating', reason: 'outside the scale 0-10: 11' });
    expect(netPromoterScore([])).toMatchObject({ score: null, interval: null, n: 0 });
    expect(netPromoterScore([]).warnings).toContain('no valid 0-10 ratings: NPS is undefined');
  });

  it('netPromoterScore(ratings, options) throws on misuse with stable codes and messages', () => {
    expect(() => netPromoterScore('10' as never)).toThrow(
      new FeedbackMinerError('INVALID_ARGUMENT', 'netPromoterScore: expected ratings to be an array, found "10"', { where: 'netPromoterScore' }),
    );
    expect(() => netPromoterScore([], { level: 1.5 })).toThrow(
      'netPromoterScore: expected options.level to be a finite number from 0.5 to 0.9999, found 1.5',
    );
    try {
      netPromoterScore([], { method: 'exact' as never });
      expect.unreachable();
    } catch (e) {
      expect((e as FeedbackMinerError).code).toBe('INVALID_OPTION');
      expect((e as Error).message).toBe('netPromoterScore: expected options.method to be one of "adjusted-wald", "wald", found "exact"');
    }
  });

  it('netPromoterScore(ratings) keeps the score and interval in [-100, 100], contains the estimate, does not mutate', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 200 }), (values) => {
        const frozen = Object.freeze([...values]);
        const r = netPromoterScore(frozen, { method: 'wald' });
        expect(frozen).toEqual(values);
        expect(r.score).not.toBeNull();
        const s = r.score as number;
        expect(s).toBeGreaterThanOrEqual(-100);
        expect(s).toBeLessThanOrEqual(100);
        expect(r.interval!.lower).toBeLessThanOrEqual(s + 1e-9);
        expect(r.interval!.upper).toBeGreaterThanOrEqual(s - 1e-9);
        expect(r.promoters + r.passives + r.detractors).toBe(values.length);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('customerSatisfaction(ratings, options?)', () => {
  it('customerSatisfaction(ratings) is the share of 4-5 with the Wilson interval worked by hand', () => {
    // By hand: p = 3/5, z^2 = 3.841459; centre = (0.6 + 0.384146) / 1.768292 = 0.556553;
    // half = (1.959964 / 1.768292) * sqrt(0.048 + 0.038415) = 0.325829 -> [23.0725, 88.2383] %.
    const r = customerSatisfaction([5, 4, 4, 3, 1]);
    expect(r.score).toBe(60);
    expect(r.interval?.lower).toBeCloseTo(23.0725, 3);
    expect(r.interval?.upper).toBeCloseTo(88.2383, 3);
  });

  it('customerSatisfaction(ratings, { min: 0, max: 10, satisfiedFrom: 8 }) takes another scale', () => {
    expect(customerSatisfaction([10, 8, 7, 0], { min: 0, max: 10, satisfiedFrom: 8 }).score).toBe(50);
    expect(customerSatisfaction([6], {}).rejected).toEqual([{ row: 0, field: 'rating', reason: 'outside the scale 1-5: 6' }]);
  });

  it('customerSatisfaction(ratings, options) throws INVALID_OPTION for a scale upside down', () => {
    expect(() => customerSatisfaction([], { min: 5, max: 1 })).toThrow(
      'customerSatisfaction: expected options.max to be an integer >= 6, found 1',
    );
  });
});

describe('customerEffortScore(ratings, options?)', () => {
  it('customerEffortScore(ratings) is the mean with a Student t interval (scipy t.ppf(0.975, 3) = 3.182446)', () => {
    // mean 5.25, s = 1.707825, se = 0.853913, half = 3.182446 * 0.853913 = 2.717531 -> [2.532469, 7.967531].
    const r = customerEffortScore([7, 6, 5, 3]);
    expect(r.score).toBe(5.25);
    expect(r.interval?.lower).toBeCloseTo(2.532469, 5);
    expect(r.interval?.upper).toBeCloseTo(7.967531, 5);
    expect(r.easyShare).toBe(75);
  });

  it('customerEffortScore(ratings) with one or no valid rating gives no interval and says why', () => {
    expect(customerEffortScore([4]).interval).toBeNull();
    expect(customerEffortScore([4]).warnings).toContain('one rating: no interval');
    expect(customerEffortScore([9, 0]).score).toBeNull();
  });
});
