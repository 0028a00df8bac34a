import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import { loessAt, loessSmooth } from './loess';
import { medianSorted } from './robust';

/** Options of {@link stl}. Defaults are the published choices of Cleveland et al. (1990). */
export interface StlOptions {
  /** Number of observations per seasonal cycle, n_p (52 for weekly data with a yearly cycle, 7 for daily). */
  readonly period: number;
  /**
   * Seasonal smoothing window n_s: an odd integer >= 7, or `'periodic'` (default) for a seasonal pattern that
   * repeats identically, each cycle-subseries replaced by its (robustness-weighted) mean.
   */
  readonly seasonalWindow?: number | 'periodic';
  /** Trend window n_t, odd. Default: least odd integer >= 1.5 n_p / (1 - 1.5 / n_s). */
  readonly trendWindow?: number;
  /** Low-pass window n_l, odd. Default: least odd integer >= n_p. */
  readonly lowPassWindow?: number;
  /** Robust fitting with bisquare weights (default true): n_i = 2 inner and n_o = 4 outer iterations. */
  readonly robust?: boolean;
  /** Inner iterations n_i (default 2). */
  readonly inner?: number;
  /** Outer robustness iterations n_o (default 4 when robust; 10 for near-certain convergence, 0 otherwise). */
  readonly outer?: number;
}

/** The decomposition Y = seasonal + trend + remainder. */
export interface StlResult {
  readonly seasonal: number[];
  readonly trend: number[];
  readonly remainder: number[];
  /** Final robustness weights in [0, 1] (all 1 when not robust): a low weight marks an outlying point. */
  readonly weights: number[];
  readonly period: number;
  /** Non-finite inputs that were linearly interpolated before decomposing, and similar notes. */
  readonly warnings: string[];
}

interface StlParameters {
  period: number;
  seasonal: number | 'periodic';
  trend: number;
  lowPass: number;
  inner: number;
  outer: number;
}

function oddAtLeast(x: number): number {
  let k = Math.ceil(x);
  if (k % 2 === 0) k += 1;
  return k;
}

/** The published default parameters for a period (Cleveland et al. 1990, section 3). */
export function stlParameters(period: number, seasonal: number | 'periodic' = 'periodic', robust = true): StlParameters {
  // For 'periodic' the seasonal window is effectively infinite, so n_t tends to 1.5 n_p.
  const ns = seasonal === 'periodic' ? Infinity : seasonal;
  return {
    period,
    seasonal,
    trend: oddAtLeast((1.5 * period) / (1 - 1.5 / ns)),
    lowPass: oddAtLeast(period),
    inner: 2,
    outer: robust ? 4 : 0,
  };
}

/**
 * Internal STL on finite values (length >= 2 periods). Writes seasonal, trend and robustness weights.
 * Cost: O(n (n_s + n_l / jump_l + n_t / jump_t) (n_i (n_o + 1))) time, O(n + n_p) memory.
 */
export function stlCore(
  y: Float64Array,
  parameters: StlParameters,
  initialTrend?: Float64Array,
): { seasonal: Float64Array; trend: Float64Array; weights: Float64Array } {
  const n = y.length;
  const np = parameters.period;
  const seasonal = new Float64Array(n);
  // STL starts from T = 0; a caller refitting nearly the same series may start from the previous trend.
  const trend = initialTrend === undefined ? new Float64Array(n) : Float64Array.from(initialTrend);
  const weights = new Float64Array(n).fill(1);
  // Working arrays are views of one scratch buffer kept between calls (a panel of thousands of series would
  // otherwise allocate and collect eight arrays per fit). Every element is written before it is read in each
  // call, so nothing carries over from one series to the next.
  const extended = n + 2 * np;
  const buffer = scratch(5 * n + 3 * extended);
  const detrended = buffer.subarray(0, n);
  const lowPass = buffer.subarray(n, 2 * n);
  const deseasonalised = buffer.subarray(2 * n, 3 * n);
  const residual = buffer.subarray(3 * n, 4 * n);
  const sorted = buffer.subarray(4 * n, 5 * n);
  const cycle = buffer.subarray(5 * n, 5 * n + extended);
  const work1 = buffer.subarray(5 * n + extended, 5 * n + 2 * extended);
  const work2 = buffer.subarray(5 * n + 2 * extended, 5 * n + 3 * extended);
  const jumpLow = Math.ceil(parameters.lowPass / 10);
  const jumpTrend = Math.ceil(parameters.trend / 10);
  const seasonalWindow = parameters.seasonal;
  const jumpSeasonal = seasonalWindow === 'periodic' ? 1 : Math.ceil(seasonalWindow / 10);
  let useWeights = false;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(y[i] as number));

  for (let outerIteration = 0; outerIteration <= parameters.outer; outerIteration++) {
    for (let innerIteration = 0; innerIteration < parameters.inner; innerIteration++) {
      // Step 1: detrending.
      for (let i = 0; i < n; i++) detrended[i] = (y[i] as number) - (trend[i] as number);
      // Step 2: cycle-subseries smoothing, extended one cycle before and after (length n + 2 n_p).
      for (let k = 0; k < np; k++) {
        const count = Math.floor((n - 1 - k) / np) + 1;
        if (seasonalWindow === 'periodic') {
          let sw = 0;
          let sy = 0;
          for (let j = 0; j < count; j++) {
            const w = useWeights ? (weights[k + j * np] as number) : 1;
            sw += w;
            sy += w * (detrended[k + j * np] as number);
          }
          let mean = sy / sw;
          if (!(sw > 0)) {
            // Every point of the subseries was down-weighted to 0: its median is the robust stand-in.
            const members = new Float64Array(count);
            for (let j = 0; j < count; j++) members[j] = detrended[k + j * np] as number;
            members.sort();
            mean = medianSorted(members);
          }
          for (let j = -1; j <= count; j++) {
            const position = k + (j + 1) * np;
            if (position < n + 2 * np) cycle[position] = mean;
          }
        } else {
          const robustness = useWeights ? weights : undefined;
          loessSmooth(detrended, k, np, count, seasonalWindow, 1, jumpSeasonal, robustness, work1, 0);
          for (let j = 0; j < count; j++) cycle[k + (j + 1) * np] = work1[j] as number;
          const before = loessAt(detrended, k, np, count, seasonalWindow, 1, -1, robustness);
          const after = loessAt(detrended, k, np, count, seasonalWindow, 1, count, robustness);
          cycle[k] = Number.isNaN(before) ? (work1[0] as number) : before;
          const afterPosition = k + (count + 1) * np;
          if (afterPosition < n + 2 * np) cycle[afterPosition] = Number.isNaN(after) ? (work1[count - 1] as number) : after;
        }
      }
      // Step 3: low-pass filter of the cycle-subseries: moving averages n_p, n_p, 3, then loess n_l.
      const m1 = movingAverage(cycle, n + 2 * np, np, work1);
      const m2 = movingAverage(work1, m1, np, work2);
      movingAverage(work2, m2, 3, work1);
      loessSmooth(work1, 0, 1, n, parameters.lowPass, 1, jumpLow, undefined, lowPass, 0);
      // Step 4: detrending of the smoothed cycle-subseries.
      for (let i = 0; i < n; i++) seasonal[i] = (cycle[i + np] as number) - (lowPass[i] as number);
      // Step 5: deseasonalising; step 6: trend smoothing.
      for (let i = 0; i < n; i++) deseasonalised[i] = (y[i] as number) - (seasonal[i] as number);
      loessSmooth(deseasonalised, 0, 1, n, parameters.trend, 1, jumpTrend, useWeights ? weights : undefined, trend, 0);
    }
    if (outerIteration === parameters.outer) break;
    // Robustness weights: bisquare of |R| / (6 median |R|).
    for (let i = 0; i < n; i++) residual[i] = Math.abs((y[i] as number) - (seasonal[i] as number) - (trend[i] as number));
    sorted.set(residual);
    sorted.sort();
    // Floor h at a tiny fraction of the data's scale: rounding noise on an exact fit is not an outlier signal.
    const h = Math.max(6 * medianSorted(sorted), 1e-10 * scale);
    // Bisquare, with Cleveland's Fortran thresholds: weight 1 within 0.001 h, 0 beyond 0.999 h.
    for (let i = 0; i < n; i++) {
      // A perfect fit for most points (h = 0) keeps exact points and gives every other point weight 0.
      const u = h > 0 ? (residual[i] as number) / h : residual[i] === 0 ? 0 : Infinity;
      weights[i] = u <= 0.001 ? 1 : u > 0.999 ? 0 : (1 - u * u) * (1 - u * u);
    }
    useWeights = true;
  }
  return { seasonal, trend, weights };
}

let scratchBuffer: Float64Array = new Float64Array(0);

function scratch(size: number): Float64Array {
  if (scratchBuffer.length < size) scratchBuffer = new Float64Array(Math.max(size, 2 * scratchBuffer.length));
  return scratchBuffer;
}

function movingAverage(input: ArrayLike<number>, len: number, window: number, out: Float64Array): number {
  const outLength = len - window + 1;
  let sum = 0;
  for (let i = 0; i < window; i++) sum += input[i] as number;
  out[0] = sum / window;
  for (let i = 1; i < outLength; i++) {
    sum += (input[i + window - 1] as number) - (input[i - 1] as number);
    out[i] = sum / window;
  }
  return outLength;
}

/** Linearly interpolates non-finite entries (constant extension at the ends). Returns how many were filled. */
export function fillGaps(values: Float64Array): number {
  const n = values.length;
  let filled = 0;
  let lastGood = -1;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(values[i] as number)) {
      if (lastGood < i - 1) {
        const right = values[i] as number;
        const left = lastGood >= 0 ? (values[lastGood] as number) : right;
        for (let j = lastGood + 1; j < i; j++) {
          values[j] = lastGood >= 0 ? left + ((right - left) * (j - lastGood)) / (i - lastGood) : right;
          filled++;
        }
      }
      lastGood = i;
    }
  }
  if (lastGood >= 0 && lastGood < n - 1) {
    for (let j = lastGood + 1; j < n; j++) {
      values[j] = values[lastGood] as number;
      filled++;
    }
  }
  return filled;
}

/**
 * Seasonal-trend decomposition by loess, STL (Cleveland, Cleveland, McRae & Terpenning 1990, "STL: A
 * Seasonal-Trend Decomposition Procedure Based on Loess", Journal of Official Statistics 6(1)), with its
 * published parameter choices: n_l = least odd >= n_p, n_t = least odd >= 1.5 n_p / (1 - 1.5 / n_s),
 * local-linear loess, n_jump = ceil(q / 10), n_i = 2, and in robust mode n_o = 4 (10 for near-certain convergence) with bisquare weights
 * B(|R| / (6 median |R|)).
 *
 * Non-finite values (gaps) are linearly interpolated first and reported in `warnings`.
 *
 * Cost: O(n (n_s + 20) (n_o + 1)) time with the n_jump speed-up, O(n + n_p) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `values` is not an array; INVALID_OPTION for an impossible
 *   option; INSUFFICIENT_DATA when the series holds fewer than two full periods or no finite value.
 * @example
 * const values = Array.from({ length: 28 }, (_, i) => (i % 7 === 5 ? 10 : 0) + i)
 * stl(values, { period: 7 }).trend.map(Math.round).slice(0, 3) // => [1, 2, 3] (seasonal has mean 0 per cycle)
 */
export function stl(values: readonly number[], options: StlOptions): StlResult {
  const where = 'stl';
  assertArray(where, 'values', values);
  assertOptions(where, options);
  if (options === undefined) fail('INVALID_OPTION', where, 'options.period', 'an integer >= 2', undefined);
  assertNumberOption(where, 'options.period', options.period, { min: 2, integer: true });
  const seasonalWindow = options.seasonalWindow ?? 'periodic';
  if (seasonalWindow !== 'periodic') {
    assertNumberOption(where, 'options.seasonalWindow', seasonalWindow, { min: 3, integer: true });
    if (seasonalWindow % 2 === 0) fail('INVALID_OPTION', where, 'options.seasonalWindow', "an odd integer >= 3 or 'periodic'", seasonalWindow);
  }
  const robust = options.robust ?? true;
  const parameters = stlParameters(options.period, seasonalWindow, robust);
  if (options.trendWindow !== undefined) {
    assertNumberOption(where, 'options.trendWindow', options.trendWindow, { min: 3, integer: true });
    parameters.trend = oddAtLeast(options.trendWindow);
  }
  if (options.lowPassWindow !== undefined) {
    assertNumberOption(where, 'options.lowPassWindow', options.lowPassWindow, { min: 3, integer: true });
    parameters.lowPass = oddAtLeast(options.lowPassWindow);
  }
  if (options.inner !== undefined) {
    assertNumberOption(where, 'options.inner', options.inner, { min: 1, max: 100, integer: true });
    parameters.inner = options.inner;
  }
  if (options.outer !== undefined) {
    assertNumberOption(where, 'options.outer', options.outer, { min: 0, max: 100, integer: true });
    parameters.outer = options.outer;
  }
  const n = values.length;
  if (n < 2 * options.period) {
    fail('INSUFFICIENT_DATA', where, 'values', `at least 2 periods (${2 * options.period} values)`, values);
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    y[i] = typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
  }
  const warnings: string[] = [];
  const finite = y.reduce((count, v) => (Number.isFinite(v) ? count + 1 : count), 0);
  if (finite === 0) fail('INSUFFICIENT_DATA', where, 'values', 'at least one finite number', values);
  const filled = fillGaps(y);
  if (filled > 0) warnings.push(`stl: ${filled} non-finite value(s) were linearly interpolated before decomposing`);
  const { seasonal, trend, weights } = stlCore(y, parameters);
  const remainder = new Array<number>(n);
  for (let i = 0; i < n; i++) remainder[i] = (y[i] as number) - (seasonal[i] as number) - (trend[i] as number);
  return {
    seasonal: Array.from(seasonal),
    trend: Array.from(trend),
    remainder,
    weights: Array.from(weights),
    period: options.period,
    warnings,
  };
}
