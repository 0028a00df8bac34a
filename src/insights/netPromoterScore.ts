import type { Rejected } from '../records';
import { checkChoice, checkCommon, validRatings } from './internal/ratings';
import { normalQuantile } from './internal/stats';
import type { Interval } from './types';

export interface NetPromoterOptions {
  /** Confidence level of the interval (default 0.95). */
  readonly level?: number;
  /** Interval method (default `'adjusted-wald'`, the best performer in Rocks 2016). */
  readonly method?: 'adjusted-wald' | 'wald';
}

export interface NetPromoterResult {
  /** NPS on the usual -100..100 scale (% promoters - % detractors); `null` when there are no valid ratings. */
  readonly score: number | null;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** Valid ratings counted. */
  readonly n: number;
  /** The interval, on the same -100..100 scale, clipped to it; `null` when n = 0. */
  readonly interval: Interval | null;
  /** Ratings skipped: missing, not a number, outside 0-10, not whole. */
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Net Promoter Score (Reichheld 2003) of 0-10 likelihood-to-recommend ratings: promoters rate 9-10, detractors
 * 0-6, passives 7-8; NPS = 100 (promoters - detractors) / n.
 *
 * The interval treats NPS as the difference of two proportions of one multinomial sample, whose variance is
 * `(p + d - (p - d)^2) / n` (p, d: shares of promoters and detractors). `'wald'` uses it as is;
 * `'adjusted-wald'` (default) first adds 3/4 to the promoter and detractor counts and 3 to n, as recommended by
 * Rocks, B. (2016) "Interval estimation for the 'Net Promoter Score'", The American Statistician 70(4), 365-372
 * (and by Sauro & Lewis, MeasuringU, "Confidence intervals for Net Promoter Scores", 2021); its centre is the
 * adjusted score, so it is not symmetric around `score`. Both are clipped to [-100, 100].
 *
 * Cost: O(n).
 * @throws FeedbackMinerError INVALID_ARGUMENT if `ratings` is not an array; INVALID_OPTION for a `level` outside
 *   0.5-0.9999 or an unknown `method`.
 * @example netPromoterScore([10, 10, 9, 8, 6]).score // => 40 (interval -29.78 to 79.78, adjusted Wald)
 * @example netPromoterScore([10, 10, 9, 8, 6], { method: 'wald' }).interval
 * // => { lower: -30.12..., upper: 100, level: 0.95, method: 'wald' }
 */
export function netPromoterScore(ratings: readonly unknown[], options?: NetPromoterOptions): NetPromoterResult {
  const where = 'netPromoterScore';
  const level = checkCommon(where, ratings, options);
  const method = checkChoice(where, 'options.method', options?.method, ['adjusted-wald', 'wald'] as const, 'adjusted-wald');
  const { values, rejected } = validRatings(ratings, 0, 10, true);
  let promoters = 0;
  let detractors = 0;
  for (const v of values) {
    if (v >= 9) promoters++;
    else if (v <= 6) detractors++;
  }
  const n = values.length;
  const passives = n - promoters - detractors;
  const warnings: string[] = [];
  if (rejected.length > 0) warnings.push(`${rejected.length} of ${ratings.length} ratings skipped (see rejected)`);
  if (n === 0) {
    warnings.push('no valid 0-10 ratings: NPS is undefined');
    return { score: null, promoters, passives, detractors, n, interval: null, rejected, warnings };
  }
  const add = method === 'adjusted-wald' ? 0.75 : 0;
  const nAdj = n + 4 * add;
  const p = (promoters + add) / nAdj;
  const d = (detractors + add) / nAdj;
  const centre = p - d;
  const z = normalQuantile(0.5 + level / 2);
  const half = z * Math.sqrt(Math.max(0, p + d - centre * centre) / nAdj);
  const interval: Interval = {
    lower: Math.max(-100, 100 * (centre - half)),
    upper: Math.min(100, 100 * (centre + half)),
    level,
    method,
  };
  if (n < 30) warnings.push(`only ${n} ratings: the interval is wide and approximate`);
  return { score: (100 * (promoters - detractors)) / n, promoters, passives, detractors, n, interval, rejected, warnings };
}
