import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import { MAD_TO_SIGMA } from './robust';
import { criticalValue } from './student-t';

/** Options of {@link generalizedEsd}. */
export interface EsdOptions {
  /** Upper bound r on the number of outliers (default: floor(0.1 n), at least 1). */
  readonly maxOutliers?: number;
  /** Significance level (default 0.05). */
  readonly alpha?: number;
  /**
   * Robust statistics (median and 1.4826 MAD in place of mean and standard deviation), as in the hybrid ESD of
   * Hochenbaum, Vallis & Kejariwal (2017). Default false (Rosner's original test).
   */
  readonly robust?: boolean;
}

/** One step of the generalized ESD test. */
export interface EsdStep {
  /** Index (into the values passed) of the point removed at this step. */
  readonly index: number;
  /** Test statistic R_i = max |x - center| / scale over the points remaining. */
  readonly statistic: number;
  /** Critical value lambda_i. */
  readonly critical: number;
  readonly center: number;
  readonly scale: number;
}

/** Result of the generalized ESD test: the outliers are the first `count` steps. */
export interface EsdResult {
  readonly outliers: number[];
  readonly count: number;
  readonly steps: EsdStep[];
}

/**
 * Internal generalized ESD on finite values. O(n log n + r log n) time, O(n) memory: the point farthest from the
 * center is always the smallest or the largest remaining, so the remaining points are a contiguous run of the
 * sorted values; the median is read in O(1) and the MAD as the median of two sorted deviation runs in O(log n).
 */
export function esdCore(values: ArrayLike<number>, maxOutliers: number, alpha: number, robust: boolean, minScale = 0): EsdResult {
  const n = values.length;
  // Indices by value, ties by index (a stable sort of the positions), and the values in that order.
  const order = sortedOrder(values);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = values[order[i] as number] as number;
  // Prefix sums around a shift (the median) for the mean, the variance and the mean absolute deviation.
  const shift = n > 0 ? (sorted[n >> 1] as number) : 0;
  const prefix = new Float64Array(n + 1);
  const prefixSquares = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const d = (sorted[i] as number) - shift;
    prefix[i + 1] = (prefix[i] as number) + d;
    prefixSquares[i + 1] = (prefixSquares[i] as number) + d * d;
  }
  const steps: EsdStep[] = [];
  let lo = 0;
  let hi = n - 1;
  let count = 0;
  const limit = Math.min(maxOutliers, n - 2);
  for (let step = 1; step <= limit; step++) {
    const m = hi - lo + 1;
    let center: number;
    let scale: number;
    if (robust) {
      center = medianOfRange(sorted, lo, hi);
      scale = MAD_TO_SIGMA * madOfRange(sorted, lo, hi, center);
      if (!(scale > 0)) {
        // More than half the remaining values are equal: the mean absolute deviation (times sqrt(pi/2)) keeps
        // the test meaningful; it is 0 only when every remaining value is equal.
        const split = upperBound(sorted, lo, hi, center);
        const below = center * (split - lo) - ((prefix[split] as number) - (prefix[lo] as number) + shift * (split - lo));
        const above = (prefix[hi + 1] as number) - (prefix[split] as number) + shift * (hi + 1 - split) - center * (hi + 1 - split);
        scale = Math.sqrt(Math.PI / 2) * ((below + above) / m);
      }
    } else {
      const sum = (prefix[hi + 1] as number) - (prefix[lo] as number);
      const sumSquares = (prefixSquares[hi + 1] as number) - (prefixSquares[lo] as number);
      const meanShifted = sum / m;
      center = meanShifted + shift;
      scale = Math.sqrt(Math.max(0, (sumSquares - m * meanShifted * meanShifted) / (m - 1)));
    }
    if (minScale > 0 && scale < minScale) scale = minScale;
    if (!(scale > 0)) break;
    const low = sorted[lo] as number;
    const high = sorted[hi] as number;
    const takeHigh = high - center >= center - low;
    const deviation = takeHigh ? high - center : center - low;
    const index = order[takeHigh ? hi : lo] as number;
    if (takeHigh) hi--;
    else lo++;
    const statistic = deviation / scale;
    const critical = criticalValue(n, step, alpha);
    steps.push({ index, statistic, critical, center, scale });
    if (statistic > critical) count = step;
  }
  const outliers = steps.slice(0, count).map((s) => s.index);
  return { outliers, count, steps };
}

function medianOfRange(sorted: Float64Array, lo: number, hi: number): number {
  const m = hi - lo + 1;
  const mid = lo + (m >> 1);
  return m % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

// First position in [lo, hi + 1) whose value is > x.
function upperBound(sorted: Float64Array, lo: number, hi: number, x: number): number {
  let a = lo;
  let b = hi + 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((sorted[mid] as number) <= x) a = mid + 1;
    else b = mid;
  }
  return a;
}

/**
 * Positions 0..n-1 ordered by value, ties by position: a bottom-up merge sort (stable, O(n log n)) on an index
 * array, comparing the values directly (a comparator callback into a typed-array sort cost more than the rest of
 * the test on a 156-point series). For finite values `a < b` orders exactly as `a - b < 0` did.
 */
function sortedOrder(values: ArrayLike<number>): Int32Array {
  const n = values.length;
  let from = new Int32Array(n);
  let to = new Int32Array(n);
  // Runs of 8 by insertion sort, then merges of doubling width.
  const run = 8;
  for (let start = 0; start < n; start += run) {
    const end = Math.min(n, start + run);
    for (let i = start; i < end; i++) {
      const v = values[i] as number;
      let j = i - 1;
      while (j >= start && (values[from[j] as number] as number) > v) {
        from[j + 1] = from[j] as number;
        j--;
      }
      from[j + 1] = i;
    }
  }
  for (let width = run; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const middle = Math.min(n, start + width);
      const end = Math.min(n, start + 2 * width);
      let a = start;
      let b = middle;
      let k = start;
      while (a < middle && b < end) {
        const ia = from[a] as number;
        const ib = from[b] as number;
        // Take from the right only when strictly smaller: ties keep their order (by position).
        if ((values[ib] as number) < (values[ia] as number)) {
          to[k++] = ib;
          b++;
        } else {
          to[k++] = ia;
          a++;
        }
      }
      while (a < middle) to[k++] = from[a++] as number;
      while (b < end) to[k++] = from[b++] as number;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

// The k-th smallest (0-based) deviation |x - center| over sorted[lo..hi]: the deviations form two ascending runs,
// center - sorted[split-1], center - sorted[split-2], ... (left) and sorted[split] - center, ... (right); select in
// O(log n) by a binary search on how many come from the left run.
function kthDeviation(sorted: Float64Array, lo: number, hi: number, center: number, split: number, k: number): number {
  const leftLength = split - lo;
  const rightLength = hi + 1 - split;
  let a = Math.max(0, k + 1 - rightLength);
  let b = Math.min(k + 1, leftLength);
  while (a <= b) {
    const fromLeft = (a + b) >> 1;
    const fromRight = k + 1 - fromLeft;
    const leftLast = fromLeft > 0 ? center - (sorted[split - fromLeft] as number) : -Infinity;
    const rightLast = fromRight > 0 ? (sorted[split + fromRight - 1] as number) - center : -Infinity;
    const leftNext = fromLeft < leftLength ? center - (sorted[split - 1 - fromLeft] as number) : Infinity;
    const rightNext = fromRight < rightLength ? (sorted[split + fromRight] as number) - center : Infinity;
    if (leftLast > rightNext) b = fromLeft - 1;
    else if (rightLast > leftNext) a = fromLeft + 1;
    else return Math.max(leftLast, rightLast);
  }
  return Number.NaN;
}

function madOfRange(sorted: Float64Array, lo: number, hi: number, center: number): number {
  const m = hi - lo + 1;
  const split = upperBound(sorted, lo, hi, center);
  // Values equal to the center belong to the right run with deviation 0 only if split points past them; values
  // <= center are on the left (deviation >= 0), values > center on the right.
  if (m % 2 === 1) return kthDeviation(sorted, lo, hi, center, split, m >> 1);
  return (kthDeviation(sorted, lo, hi, center, split, (m >> 1) - 1) + kthDeviation(sorted, lo, hi, center, split, m >> 1)) / 2;
}

/**
 * The generalized extreme Studentized deviate (ESD) test for up to r outliers (Rosner 1983, "Percentage Points
 * for a Generalized ESD Many-Outlier Procedure", Technometrics 25(2)): remove the most extreme point r times,
 * compare each R_i with lambda_i, and declare the i largest with R_i > lambda_i outliers. With `robust: true`,
 * median and 1.4826 MAD replace mean and standard deviation, the hybrid ESD of Hochenbaum, Vallis & Kejariwal
 * (2017). When the MAD is 0 the scale falls back to 1.2533 times the mean absolute deviation; a constant series
 * has no outliers.
 *
 * Non-finite values are skipped (their indices never appear in the result).
 *
 * Cost: O(n log n + r log n) time and O(n) memory (each step reads the median and MAD of the remaining points
 * from the sorted values in O(log n)), plus r Student-t quantiles.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `values` is not an array; INVALID_OPTION for alpha outside
 *   (0, 1) or maxOutliers not an integer >= 1.
 * @example
 * // Rosner's 54 values (NIST/SEMATECH e-Handbook 1.3.5.17.3), r = 10: three outliers, 6.01, 5.42, 5.34
 * generalizedEsd(rosner, { maxOutliers: 10 }).count // => 3
 */
export function generalizedEsd(values: readonly number[], options?: EsdOptions): EsdResult {
  const where = 'generalizedEsd';
  assertArray(where, 'values', values);
  assertOptions(where, options);
  const alpha = options?.alpha ?? 0.05;
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1)) fail('INVALID_OPTION', where, 'options.alpha', 'a number in (0, 1)', alpha);
  const finiteIndex: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) finiteIndex.push(i);
  }
  const n = finiteIndex.length;
  const maxOutliers = options?.maxOutliers ?? Math.max(1, Math.floor(0.1 * n));
  assertNumberOption(where, 'options.maxOutliers', maxOutliers, { min: 1, integer: true });
  if (options?.robust !== undefined && typeof options.robust !== 'boolean') {
    fail('INVALID_OPTION', where, 'options.robust', 'a boolean', options.robust);
  }
  if (n < 3) return { outliers: [], count: 0, steps: [] };
  const finite = new Float64Array(n);
  for (let i = 0; i < n; i++) finite[i] = values[finiteIndex[i] as number] as number;
  const result = esdCore(finite, maxOutliers, alpha, options?.robust ?? false);
  const map = (i: number): number => finiteIndex[i] as number;
  return {
    outliers: result.outliers.map(map),
    count: result.count,
    steps: result.steps.map((s) => ({ ...s, index: map(s.index) })),
  };
}
