import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import type { Frequency } from './dates';
import { normalQuantile, normalUpperTail } from '../internal/special';
import { medianSorted, robustScale } from './robust';

/**
 * Sample autocorrelation r_1..r_maxLag of finite values after removing their least-squares line (Box, Jenkins &
 * Reinsel, "Time Series Analysis", section 2.1.4) and winsorising the rest at 4 robust standard deviations. Non-finite values are treated as the line's value (they add
 * nothing to the sums). Returns `[r_0 = 1, r_1, ..., r_maxLag]`; all zeros after r_0 for a constant series.
 *
 * Cost: O(n maxLag) time, O(n + maxLag) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `values` is not an array; INVALID_OPTION when maxLag is not an
 *   integer >= 1.
 * @example autocorrelation([1, 2, 1, 2, 2, 1, 2, 1], 2) // => [1, -0.625, 0.25]
 */
export function autocorrelation(values: readonly number[], maxLag: number): number[] {
  assertArray('autocorrelation', 'values', values);
  assertNumberOption('autocorrelation', 'maxLag', maxLag, { min: 1, integer: true });
  const y = Float64Array.from(values, (v) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN));
  return Array.from(acfCore(y, Math.min(maxLag, Math.max(1, y.length - 1))));
}

/** Internal ACF on a Float64Array (NaN = missing). */
export function acfCore(y: Float64Array, maxLag: number): Float64Array {
  const n = y.length;
  // Least-squares line over the finite points, to keep a trend from masquerading as autocorrelation.
  let count = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (!Number.isFinite(v)) continue;
    count++;
    sx += i;
    sy += v;
    sxx += i * i;
    sxy += i * v;
  }
  const result = new Float64Array(maxLag + 1);
  result[0] = 1;
  if (count < 3) return result;
  const meanX = sx / count;
  const meanY = sy / count;
  const varX = sxx - count * meanX * meanX;
  const slope = varX > 0 ? (sxy - count * meanX * meanY) / varX : 0;
  const detrended = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    detrended[i] = Number.isFinite(v) ? v - meanY - slope * (i - meanX) : 0;
  }
  // Winsorise at 4 robust standard deviations: a few spikes must not dominate the sums of products.
  const sorted = Float64Array.from(detrended).sort();
  const center = medianSorted(sorted);
  const limit = 4 * robustScale(sorted, center);
  if (limit > 0) {
    for (let i = 0; i < n; i++) {
      const d = detrended[i] as number;
      if (d > center + limit) detrended[i] = center + limit;
      else if (d < center - limit) detrended[i] = center - limit;
    }
  }
  let denominator = 0;
  for (let i = 0; i < n; i++) denominator += (detrended[i] as number) * (detrended[i] as number);
  if (!(denominator > 1e-12 * Math.max(1, meanY * meanY) * count)) return result;
  for (let lag = 1; lag <= maxLag; lag++) {
    let sum = 0;
    for (let i = 0; i + lag < n; i++) sum += (detrended[i] as number) * (detrended[i + lag] as number);
    result[lag] = sum / denominator;
  }
  return result;
}

/**
 * The seasonal periods worth testing for data sampled at a frequency: hourly 24 and 168 (day, week), daily 7 and
 * 365, weekly 52, monthly 12 (the yearly cycle, and the week for finer data). Cost: O(1).
 * @example seasonalCandidates('day') // => [7, 365]
 */
export function seasonalCandidates(freq: Frequency | 'hour'): number[] {
  switch (freq) {
    case 'hour':
      return [24, 168];
    case 'day':
      return [7, 365];
    case 'week':
      return [52];
    case 'month':
      return [12];
    default:
      return fail('INVALID_OPTION', 'seasonalCandidates', 'freq', "'hour', 'day', 'week' or 'month'", freq);
  }
}

/** One period tested by {@link detectSeasonality}. */
export interface PeriodTest {
  readonly period: number;
  /** Autocorrelation at the period's lag. */
  readonly acf: number;
  /** The one-sided critical value z / sqrt(n) that the ACF had to exceed. */
  readonly threshold: number;
  readonly seasonal: boolean;
}

export interface SeasonalityOptions {
  /** Periods to test; default: scan every lag from 2 to maxLag for the strongest peak. */
  readonly candidates?: readonly number[];
  /** Largest lag scanned when no candidates are given (default min(floor(n / 2), 400)). */
  readonly maxLag?: number;
  /** One-sided normal quantile for the test (default 1.645, a 5% test). */
  readonly z?: number;
}

export interface SeasonalityResult {
  /** Accepted periods, ascending (several when the data hold several cycles, e.g. [7, 365] for daily sales). */
  readonly periods: number[];
  readonly tests: PeriodTest[];
  readonly warnings: string[];
}

/** Values used for period detection: at most the last 100,000, so that detection stays O(n) for huge series. */
const MAX_DETECTION_LENGTH = 100_000;

/**
 * Detects seasonal periods from the autocorrelation function, computed after removing a linear trend and
 * clipping the rest at 4 robust standard deviations (so that one promotion spike cannot hide or fake a cycle).
 * With c = z / sqrt(n), the white-noise standard error of r (Bartlett 1946; Box, Jenkins & Reinsel, section
 * 2.1.6) times z (raised by Bonferroni's correction for the number of lags tested), a lag p is seasonal when r_p > c, r_p is a peak to within c (r_p >= max(r_{p-1}, r_{p+1}) - c),
 * and some earlier lag dips below r_p - c (the trough of a cycle, which smoothly decaying autocorrelation from a
 * trend or a random walk does not have). Without candidates, the lag must also show in the ACF of the first
 * differences (a random walk's spurious cycles do not survive differencing). A candidate needs at least two full cycles of data. Without candidates, the lag with the
 * strongest significant peak in 2..maxLag is returned.
 *
 * Cost: O(n L) time for the largest lag L tested (n capped at the last 100,000 values), O(n) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `values` is not an array; INVALID_OPTION for candidates that
 *   are not integers >= 2, or a bad maxLag or z.
 * @example detectSeasonality(Array.from({ length: 56 }, (_, i) => [5, 1, 1, 1, 1, 9, 8][i % 7]), { candidates: [7] }).periods // => [7]
 */
export function detectSeasonality(values: readonly number[], options?: SeasonalityOptions): SeasonalityResult {
  const where = 'detectSeasonality';
  assertArray(where, 'values', values);
  assertOptions(where, options);
  const z = options?.z ?? 1.645;
  assertNumberOption(where, 'options.z', z, { min: 0 });
  if (options?.candidates !== undefined) {
    assertArray(where, 'options.candidates', options.candidates);
    options.candidates.forEach((c, i) => assertNumberOption(where, `options.candidates[${i}]`, c, { min: 2, integer: true }));
  }
  if (options?.maxLag !== undefined) assertNumberOption(where, 'options.maxLag', options.maxLag, { min: 2, integer: true });
  const all = Float64Array.from(values, (v) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN));
  return seasonalityCore(all, options?.candidates, options?.maxLag, z);
}

/** Internal {@link detectSeasonality} on prepared values. */
export function seasonalityCore(
  all: Float64Array,
  candidates: readonly number[] | undefined,
  maxLagOption: number | undefined,
  z: number,
): SeasonalityResult {
  const warnings: string[] = [];
  const y = all.length > MAX_DETECTION_LENGTH ? all.subarray(all.length - MAX_DETECTION_LENGTH) : all;
  if (all.length > MAX_DETECTION_LENGTH) {
    warnings.push(`detectSeasonality: periods estimated from the last ${MAX_DETECTION_LENGTH} values`);
  }
  const n = y.length;
  const usable = candidates === undefined ? [] : [...new Set(candidates)].sort((a, b) => a - b).filter((p) => n >= 2 * p);
  if (candidates !== undefined && usable.length < candidates.length) {
    const short = candidates.filter((p) => n < 2 * p);
    warnings.push(`detectSeasonality: period(s) ${short.join(', ')} not tested: fewer than two full cycles (${n} values)`);
  }
  const maxLag = candidates === undefined ? Math.min(Math.floor(n / 2), maxLagOption ?? 400) : Math.max(0, ...usable) + 1;
  if (maxLag < 2 || n < 6) return { periods: [], tests: [], warnings };
  const r = acfCore(y, Math.min(maxLag, n - 1));
  // Standard error of r_p under white noise, 1 / sqrt(n) (Bartlett 1946 with r_k = 0 for k >= 1). Bartlett's
  // full formula sqrt((1 + 2 sum_{k<p} r_k^2) / n) is built for moving averages: on a strong cycle it grows with
  // the cycle itself and would reject the very seasonality it should confirm. The local-peak condition is what
  // keeps smoothly decaying autocorrelation (trends, random walks) from passing. Testing several lags at once
  // raises z by Bonferroni's correction, so that scanning 400 lags of noise does not find a cycle by chance.
  const tested = candidates === undefined ? Math.max(1, r.length - 3) : Math.max(1, usable.length);
  const alpha = normalUpperTail(z);
  const threshold = normalUpperQuantile(alpha / tested) / Math.sqrt(n);
  // A cycle shows as a peak of r at p with a trough before it; smoothly decaying autocorrelation (a trend, a
  // random walk) has no trough, and a broad peak may be off by a lag through noise, hence the tolerance.
  const trough = new Float64Array(r.length);
  trough[0] = Infinity;
  for (let k = 1; k < r.length; k++) trough[k] = Math.min(trough[k - 1] as number, r[k] as number);
  const test = (p: number): PeriodTest => {
    const value = r[p] as number;
    const previous = r[p - 1] as number;
    const next = p + 1 < r.length ? (r[p + 1] as number) : -Infinity;
    const peak = value >= Math.max(previous, next) - threshold;
    const hasTrough = (trough[p - 1] as number) < value - threshold;
    return { period: p, acf: value, threshold, seasonal: value > threshold && peak && hasTrough };
  };
  if (candidates !== undefined) {
    const tests = usable.map(test);
    return { periods: tests.filter((t) => t.seasonal).map((t) => t.period), tests, warnings };
  }
  // Scanning every lag of a non-stationary series (a random walk) finds spurious cycles in the ACF of its
  // levels; a real cycle survives differencing, so a scanned lag must also be positive and significant in the
  // ACF of the first differences.
  const differences = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) differences[i - 1] = (y[i] as number) - (y[i - 1] as number);
  const rd = acfCore(differences, Math.min(r.length - 1, Math.max(1, n - 2)));
  let best: PeriodTest | undefined;
  for (let p = 2; p < r.length - 1; p++) {
    const t = test(p);
    const strictPeak = (r[p] as number) >= (r[p - 1] as number) && (r[p] as number) >= (r[p + 1] as number);
    const survivesDifferencing = p < rd.length && (rd[p] as number) > threshold;
    if (t.seasonal && strictPeak && survivesDifferencing && (best === undefined || t.acf > best.acf)) best = t;
  }
  return { periods: best === undefined ? [] : [best.period], tests: best === undefined ? [] : [best], warnings };
}

// Upper-tail normal quantile from the shared Acklam (2003) inversion in `src/internal/special`.
function normalUpperQuantile(q: number): number {
  if (q >= 0.5) return 0;
  return -normalQuantile(q);
}

/** Checks a `period` option: an integer >= 2, an array of them, `'auto'` or `'none'`. */
export function checkPeriodOption(where: string, period: unknown): void {
  if (period === undefined || period === 'auto' || period === 'none') return;
  if (Array.isArray(period)) {
    period.forEach((p, i) => assertNumberOption(where, `options.period[${i}]`, p, { min: 2, integer: true }));
    return;
  }
  if (typeof period !== 'number') fail('INVALID_OPTION', where, 'options.period', "an integer >= 2, an array of them, 'auto' or 'none'", period);
  assertNumberOption(where, 'options.period', period, { min: 2, integer: true });
}
