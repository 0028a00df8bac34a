import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, normalizedMutualInformation } from '../../src/themes/clusterAgreement';
import { FeedbackMinerError } from '../../src/errors';

describe('normalizedMutualInformation(truth, predicted)', () => {
  it('matches a worked example by hand: [0,0,0,1,1,1] vs [0,0,1,1,2,2] is 0.5158', () => {
    // H(T) = ln 2, H(P) = ln 3, I = (2/3) ln 2 (two cells of 2/6 contribute ln 2 each, the others 0):
    // NMI = (2/3) ln 2 / ((ln 2 + ln 3) / 2) = 0.515803...; scikit-learn's normalized_mutual_info_score agrees.
    expect(normalizedMutualInformation([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.5158037429793889, 10);
  });

  it('is 1 for the same partition under renaming, and works on string labels', () => {
    expect(normalizedMutualInformation(['a', 'a', 'b', 'c'], [2, 2, 0, 1])).toBeCloseTo(1, 12);
  });

  it('is 0 for independent partitions: [0,0,1,1] vs [0,1,0,1]', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
  });

  it('throws INVALID_ARGUMENT for arrays of different length', () => {
    expect(() => normalizedMutualInformation([0, 1], [0])).toThrowError(
      'normalizedMutualInformation: expected predicted to be an array of the same length as truth (2), found an array of 1',
    );
    try {
      normalizedMutualInformation([0, 1], [0]);
    } catch (error) {
      expect(error).toBeInstanceOf(FeedbackMinerError);
      expect((error as FeedbackMinerError).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('stays in [0, 1] and is symmetric (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 60 }), (pairs) => {
        const a = pairs.map((p) => p[0]);
        const b = pairs.map((p) => p[1]);
        const x = normalizedMutualInformation(a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        expect(normalizedMutualInformation(b, a)).toBeCloseTo(x, 12);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('adjustedRandIndex(truth, predicted)', () => {
  it('matches a worked example by hand: [0,0,0,1,1,1] vs [0,0,1,1,2,2] is 0.2424', () => {
    // Sum of C(n_ij, 2) = 2; rows 6; columns 3; C(6, 2) = 15; expected 6 * 3 / 15 = 1.2; max 4.5:
    // (2 - 1.2) / (4.5 - 1.2) = 0.242424... (scikit-learn's adjusted_rand_score documents the same value).
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.24242424242424246, 12);
  });

  it('matches scikit-learn\'s documented value for [0,0,1,2] vs [0,0,1,1]: 0.5714', () => {
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714285714, 12);
  });

  it('is 1 for identical partitions and negative for a worse-than-chance one', () => {
    expect(adjustedRandIndex([1, 1, 2, 2], ['x', 'x', 'y', 'y'])).toBe(1);
    // [0,0,1,1] vs [0,1,0,1]: index 0, expected 2 * 2 / 6, max 2 -> -0.5.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });
});
