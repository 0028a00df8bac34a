import { assertNumberOption } from '../errors';
import type { Rejected } from '../records';
import { checkCommon, validRatings } from './internal/ratings';
import { wilsonInterval } from './internal/intervals';
import type { Interval } from './types';

export interface SatisfactionOptions {
  /** Lowest and highest scale step (default 1 and 5). */
  readonly min?: number;
  readonly max?: number;
  /** Ratings at or above this count as satisfied (default 4: "4 or 5 on a 5-point scale"). */
  readonly satisfiedFrom?: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
}

export interface SatisfactionResult {
  /** CSAT: % of valid ratings that are satisfied (0-100); `null` when n = 0. */
  readonly score: number | null;
  readonly satisfied: number;
  readonly n: number;
  /** Wilson score interval on the 0-100 scale; `null` when n = 0. */
  readonly interval: Interval | null;
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Customer satisfaction score (CSAT): the share of ratings at or above `satisfiedFrom` on a `min`-`max` scale,
 * in percent, with the Wilson (1927) score interval for a binomial proportion (E. B. Wilson, "Probable
 * inference, the law of succession, and statistical inference", JASA 22, 209-212), which keeps its coverage
 * near the nominal level for small n and shares near 0 or 1 (Brown, Cai & DasGupta 2001).
 *
 * Cost: O(n).
 * @throws FeedbackMinerError INVALID_ARGUMENT if `ratings` is not an array; INVALID_OPTION for a bad level, a
 *   `min` not below `max`, or `satisfiedFrom` outside the scale.
 * @example customerSatisfaction([5, 4, 4, 3, 1]).score // => 60
 * @example customerSatisfaction([5, 4, 4, 3, 1]).interval // => { lower: 23.07..., upper: 88.23..., level: 0.95, method: 'wilson' }
 */
export function customerSatisfaction(ratings: readonly unknown[], options?: SatisfactionOptions): SatisfactionResult {
  const where = 'customerSatisfaction';
  const level = checkCommon(where, ratings, options);
  const min = options?.min ?? 1;
  const max = options?.max ?? 5;
  assertNumberOption(where, 'options.min', min, { integer: true });
  assertNumberOption(where, 'options.max', max, { integer: true, min: min + 1 });
  const satisfiedFrom = options?.satisfiedFrom ?? Math.max(min, max - 1);
  assertNumberOption(where, 'options.satisfiedFrom', satisfiedFrom, { min, max });
  const { values, rejected } = validRatings(ratings, min, max, true);
  const n = values.length;
  const satisfied = values.filter((v) => v >= satisfiedFrom).length;
  const warnings: string[] = [];
  if (rejected.length > 0) warnings.push(`${rejected.length} of ${ratings.length} ratings skipped (see rejected)`);
  if (n === 0) {
    warnings.push(`no valid ${min}-${max} ratings: CSAT is undefined`);
    return { score: null, satisfied, n, interval: null, rejected, warnings };
  }
  return { score: (100 * satisfied) / n, satisfied, n, interval: wilsonInterval(satisfied, n, level), rejected, warnings };
}
