import { assertNumberOption } from '../errors';
import type { Rejected } from '../records';
import { checkCommon, validRatings } from './internal/ratings';
import { mean, sampleVariance, studentTQuantile } from './internal/stats';
import type { Interval } from './types';

export interface EffortOptions {
  /** Lowest and highest scale step (default 1 and 7, the CES 2.0 "the company made it easy" agreement scale). */
  readonly min?: number;
  readonly max?: number;
  /** Ratings at or above this count as low effort (default `max - 2`: 5-7 on a 7-point scale). */
  readonly easyFrom?: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
}

export interface EffortResult {
  /** Mean rating (higher = easier on the CES 2.0 scale); `null` when n = 0. */
  readonly score: number | null;
  /** Student t interval of the mean; `null` below two ratings. */
  readonly interval: Interval | null;
  /** % of ratings at or above `easyFrom`. */
  readonly easyShare: number | null;
  readonly n: number;
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Customer effort score (Dixon, Freeman & Toman 2010, "Stop trying to delight your customers", Harvard Business
 * Review; CES 2.0 with a 1-7 agreement scale): the mean rating, with the Student (1908) t interval
 * `mean ± t(n-1) s / sqrt(n)`, the usual interval for the mean of a rating scale (Sauro & Lewis 2016,
 * "Quantifying the User Experience", ch. 3), and the share of low-effort ratings.
 *
 * Cost: O(n).
 * @throws FeedbackMinerError INVALID_ARGUMENT if `ratings` is not an array; INVALID_OPTION for a bad level or scale.
 * @example customerEffortScore([7, 6, 5, 3]).score // => 5.25
 * @example customerEffortScore([7, 6, 5, 3]).interval // => { lower: 2.53..., upper: 7.96..., level: 0.95, method: 'student-t' }
 */
export function customerEffortScore(ratings: readonly unknown[], options?: EffortOptions): EffortResult {
  const where = 'customerEffortScore';
  const level = checkCommon(where, ratings, options);
  const min = options?.min ?? 1;
  const max = options?.max ?? 7;
  assertNumberOption(where, 'options.min', min, { integer: true });
  assertNumberOption(where, 'options.max', max, { integer: true, min: min + 1 });
  const easyFrom = options?.easyFrom ?? Math.max(min, max - 2);
  assertNumberOption(where, 'options.easyFrom', easyFrom, { min, max });
  const { values, rejected } = validRatings(ratings, min, max, true);
  const n = values.length;
  const warnings: string[] = [];
  if (rejected.length > 0) warnings.push(`${rejected.length} of ${ratings.length} ratings skipped (see rejected)`);
  if (n === 0) {
    warnings.push(`no valid ${min}-${max} ratings: CES is undefined`);
    return { score: null, interval: null, easyShare: null, n, rejected, warnings };
  }
  const score = mean(values);
  const easyShare = (100 * values.filter((v) => v >= easyFrom).length) / n;
  if (n < 2) {
    warnings.push('one rating: no interval');
    return { score, interval: null, easyShare, n, rejected, warnings };
  }
  const half = studentTQuantile(0.5 + level / 2, n - 1) * Math.sqrt(sampleVariance(values) / n);
  const interval: Interval = { lower: score - half, upper: score + half, level, method: 'student-t' };
  return { score, interval, easyShare, n, rejected, warnings };
}
