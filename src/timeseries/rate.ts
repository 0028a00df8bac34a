import { assertArray, assertOptions, describeValue, fail } from '../errors';
import type { Rejected } from '../records';
import { toEpochMs } from './dates';
import { medianSorted, robustScale } from './robust';
import { logBeta, logGamma, normalQuantile, normalUpperTail } from '../internal/special';
import { CompensatedAccumulator } from '../internal/sum';
import type { Anomaly } from './types';

/** A ratio KPI for one period, keeping its parts: conversion = orders / visits. */
export interface RatePoint {
  readonly t: string | number;
  /** Successes (orders, returns, complaints): an integer from 0 to `denominator`. */
  readonly numerator: number;
  /** Trials (visits, orders shipped): an integer >= 1. */
  readonly denominator: number;
}

export interface RateAnomalyOptions {
  /** Per-point two-sided significance (default 0.001). */
  readonly alpha?: number;
  /**
   * `'beta-binomial'` (default): allows the true rate to vary between periods by an overdispersion estimated
   * from the data; `'binomial'`: a fixed rate, only sampling noise.
   */
  readonly model?: 'beta-binomial' | 'binomial';
  readonly direction?: 'both' | 'up' | 'down';
}

export interface RateReport {
  /** Pooled rate of the periods judged normal. */
  readonly rate: number;
  /** Intra-class correlation rho of the beta-binomial (0 for the binomial model). */
  readonly overdispersion: number;
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

export type RateAnomalyResult = Anomaly[] & RateReport;

/** Exact limit: beyond this many trials the tail probabilities use the normal approximation. */
const EXACT_LIMIT = 5_000;

/**
 * Finds periods whose rate (numerator / denominator) is surprising given how many trials it rests on: 2 orders
 * out of 3 visits is not news, 20,000 out of 30,000 is. Each period's count is tested against the pooled rate
 * of the other periods with a two-sided exact tail probability: binomial, or beta-binomial (Skellam 1948;
 * Williams 1975) whose variance n p (1 - p) (1 + (n - 1) rho) lets the true rate drift between periods, rho
 * estimated by the method of moments (Kleinman 1973). Periods whose standardised binomial residual lies beyond
 * 3.5 robust standard deviations are kept out of the baseline rate and of rho, so that the anomalies themselves
 * do not inflate them. Beyond 5,000 trials the tails use the normal approximation.
 *
 * Bad data never throws: a period whose numerator or denominator is not a finite number, a negative or
 * fractional count, a zero denominator or a numerator above the denominator is skipped and listed in `rejected`.
 *
 * Cost: O(sum of min(n_i, 5000)) time for the exact tails plus O(m) for m periods; O(m) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `points` is not an array; INVALID_OPTION for alpha outside
 *   (0, 1), an unknown model or direction.
 * @example
 * const weeks = [30, 31, 29, 30, 12, 30].map((orders, i) => ({ t: i, numerator: orders, denominator: 1000 }))
 * detectRateAnomalies(weeks).map((a) => [a.index, a.direction]) // => [[4, 'down']]
 */
export function detectRateAnomalies(points: readonly RatePoint[], options?: RateAnomalyOptions): RateAnomalyResult {
  const where = 'detectRateAnomalies';
  assertArray(where, 'points', points);
  assertOptions(where, options);
  const alpha = options?.alpha ?? 0.001;
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1)) fail('INVALID_OPTION', where, 'options.alpha', 'a number in (0, 1)', alpha);
  const model = options?.model ?? 'beta-binomial';
  if (model !== 'beta-binomial' && model !== 'binomial') fail('INVALID_OPTION', where, 'options.model', "'beta-binomial' or 'binomial'", model);
  const direction = options?.direction ?? 'both';
  if (direction !== 'both' && direction !== 'up' && direction !== 'down') fail('INVALID_OPTION', where, 'options.direction', "'both', 'up' or 'down'", direction);

  const rejected: Rejected[] = [];
  const warnings: string[] = [];
  const rows: { index: number; t: string | number; x: number; n: number }[] = [];
  points.forEach((point, index) => {
    if (point === null || typeof point !== 'object') {
      rejected.push({ row: index, field: 'point', reason: `expected { t, numerator, denominator }, found ${describeValue(point)}` });
      return;
    }
    const { t, numerator: x, denominator: n } = point;
    if ((typeof t !== 'string' && typeof t !== 'number') || toEpochMs(t) === undefined) {
      rejected.push({ row: index, field: 't', reason: `expected an ISO 8601 date or a finite number, found ${describeValue(t)}` });
    } else if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      rejected.push({ row: index, field: 'denominator', reason: `expected an integer >= 1, found ${describeValue(n)}` });
    } else if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > n) {
      rejected.push({ row: index, field: 'numerator', reason: `expected an integer from 0 to the denominator (${n}), found ${describeValue(x)}` });
    } else rows.push({ index, t, x, n });
  });
  if (rejected.length > 0) warnings.push(`${where}: ${rejected.length} period(s) skipped; see rejected`);
  const finish = (list: Anomaly[], rate: number, rho: number): RateAnomalyResult =>
    Object.assign(list, { rate, overdispersion: rho, rejected, warnings });
  if (rows.length < 3) {
    warnings.push(`${where}: ${rows.length} valid period(s); at least 3 are needed`);
    return finish([], Number.NaN, 0);
  }

  // Periods that stand out even on a robust reading are kept out of the baseline rate and the overdispersion:
  // standardised binomial residuals beyond 3.5 robust standard deviations (1.4826 MAD) of their median.
  const flagged = new Uint8Array(rows.length);
  {
    // Counts are integers: their sums are exact in doubles below 2^53 (9e15 trials), no compensation needed.
    let sx = 0;
    let sn = 0;
    for (const row of rows) {
      sx += row.x;
      sn += row.n;
    }
    const p0 = Math.min(Math.max(sx / sn, 0.5 / (sn + 1)), 1 - 0.5 / (sn + 1));
    const residuals = rows.map((row) => (row.x - row.n * p0) / Math.sqrt(row.n * p0 * (1 - p0)));
    const sorted = Float64Array.from(residuals).sort();
    const center = medianSorted(sorted);
    const scale = robustScale(sorted, center);
    if (scale > 0) residuals.forEach((z, i) => (flagged[i] = Math.abs(z - center) > 3.5 * scale ? 1 : 0));
    if (flagged.reduce((a, b) => a + b, 0) > rows.length - 3) flagged.fill(0);
  }
  const result = pass();

  function pass(): { p: number; expected: number; sd: number; rate: number; rho: number }[] {
    let totalX = 0;
    let totalN = 0;
    for (let i = 0; i < rows.length; i++) {
      if (flagged[i]) continue;
      totalX += (rows[i] as { x: number }).x;
      totalN += (rows[i] as { n: number }).n;
    }
    const pooled = totalX / totalN;
    let rho = 0;
    if (model === 'beta-binomial' && pooled > 0 && pooled < 1) {
      // The excess is a sum of terms of both signs (observed minus binomial variance) whose total is small next to
      // them when the overdispersion is small: summed with Neumaier's compensation, as is n (n - 1), which passes
      // 2^53 (exact integers) for a few periods of 1e8 trials.
      const excess = new CompensatedAccumulator();
      const pairs = new CompensatedAccumulator();
      for (let i = 0; i < rows.length; i++) {
        if (flagged[i]) continue;
        const { x, n } = rows[i] as { x: number; n: number };
        excess.add((x - n * pooled) ** 2 - n * pooled * (1 - pooled));
        pairs.add(n * (n - 1));
      }
      const pairCount = pairs.value();
      rho = pairCount > 0 ? Math.min(0.999, Math.max(0, excess.value() / (pooled * (1 - pooled) * pairCount))) : 0;
    }
    return rows.map((row, i) => {
      // Leave the period itself out of its own baseline.
      const ownX = flagged[i] ? 0 : row.x;
      const ownN = flagged[i] ? 0 : row.n;
      const restN = totalN - ownN;
      let rate = restN > 0 ? (totalX - ownX) / restN : pooled;
      // A rate of exactly 0 or 1 would make any other count impossible: shrink by half an observation.
      rate = Math.min(Math.max(rate, 0.5 / (restN + 1)), 1 - 0.5 / (restN + 1));
      const sd = Math.sqrt(row.n * rate * (1 - rate) * (1 + (row.n - 1) * rho));
      return { p: twoSided(row.x, row.n, rate, rho), expected: rate, sd, rate: pooled, rho };
    });
  }

  const z = normalQuantile(1 - alpha / 2);
  const anomalies: Anomaly[] = [];
  result.forEach((r, i) => {
    if (!(r.p < alpha)) return;
    const row = rows[i] as { index: number; t: string | number; x: number; n: number };
    const value = row.x / row.n;
    const dir = value >= r.expected ? 'up' : 'down';
    if (direction !== 'both' && dir !== direction) return;
    const halfWidth = (z * r.sd) / row.n;
    anomalies.push({
      index: row.index,
      t: row.t,
      value,
      expected: r.expected,
      lower: Math.max(0, r.expected - halfWidth),
      upper: Math.min(1, r.expected + halfWidth),
      score: -Math.log10(Math.max(r.p, 1e-300)),
      direction: dir,
      method: 'rate',
    });
  });
  const last = result[0];
  return finish(anomalies, last?.rate ?? Number.NaN, last?.rho ?? 0);
}

/** Two-sided tail probability 2 min(P(X <= x), P(X >= x)), capped at 1. */
function twoSided(x: number, n: number, p: number, rho: number): number {
  if (n > EXACT_LIMIT) {
    const sd = Math.sqrt(n * p * (1 - p) * (1 + (n - 1) * rho));
    const zScore = (Math.abs(x - n * p) - 0.5) / sd;
    return Math.min(1, 2 * normalUpperTail(Math.max(0, zScore)));
  }
  // Beta-binomial pmf with a = p (1 - rho) / rho, b = (1 - p)(1 - rho) / rho; binomial when rho = 0.
  const logPmf =
    rho > 0
      ? (() => {
          const a = (p * (1 - rho)) / rho;
          const b = ((1 - p) * (1 - rho)) / rho;
          const base = logGamma(n + 1) - logBeta(a, b);
          return (k: number) => base - logGamma(k + 1) - logGamma(n - k + 1) + logBeta(k + a, n - k + b);
        })()
      : (k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  // Up to 5,001 terms each: compensated sums keep the tails to about one rounding.
  const lowerTail = new CompensatedAccumulator();
  for (let k = 0; k <= x; k++) lowerTail.add(Math.exp(logPmf(k)));
  const upperTail = new CompensatedAccumulator();
  for (let k = x; k <= n; k++) upperTail.add(Math.exp(logPmf(k)));
  return Math.min(1, 2 * Math.min(lowerTail.value(), upperTail.value()));
}
