/**
 * Order statistics used by the detectors: median, quantiles (Hyndman & Fan 1996 type 7, R's default), the
 * median absolute deviation, and the normal-consistency constant 1.4826 = 1 / Phi^-1(3/4) (Rousseeuw & Croux 1993).
 * Internal helpers: they take numeric arrays that hold finite numbers only.
 */

/** 1 / Phi^{-1}(0.75): scales the MAD to estimate a normal standard deviation. */
export const MAD_TO_SIGMA = 1.482602218505602;

/** Ascending sorted copy (Float64Array sort is numeric). Cost: O(n log n). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const copy = Float64Array.from(values as ArrayLike<number>);
  copy.sort();
  return copy;
}

/** Quantile of an ascending sorted array, Hyndman & Fan (1996) definition 7. Cost: O(1). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Median of an ascending sorted array. Cost: O(1). */
export function medianSorted(sorted: ArrayLike<number>): number {
  return quantileSorted(sorted, 0.5);
}

/** Median of any finite numbers. Cost: O(n log n). */
export function median(values: ArrayLike<number>): number {
  return medianSorted(sortedCopy(values));
}

/** Median absolute deviation from `center` (unscaled). Cost: O(n log n). */
export function medianAbsoluteDeviation(values: ArrayLike<number>, center: number): number {
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs((values[i] as number) - center);
  deviations.sort();
  return medianSorted(deviations);
}

/** Mean absolute deviation from `center`. Cost: O(n). */
export function meanAbsoluteDeviation(values: ArrayLike<number>, center: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.abs((values[i] as number) - center);
  return values.length === 0 ? Number.NaN : sum / values.length;
}

/**
 * A robust scale (normal-consistent sigma): 1.4826 MAD; when the MAD is 0 (more than half the values equal, as
 * in intermittent sales with many zeros) it falls back to 1.2533 times the mean absolute deviation
 * (sqrt(pi / 2), the normal-consistency factor of the mean absolute deviation), and returns 0 only for a constant
 * series. Cost: O(n log n).
 */
export function robustScale(values: ArrayLike<number>, center: number): number {
  const mad = medianAbsoluteDeviation(values, center);
  if (mad > 0) return MAD_TO_SIGMA * mad;
  return Math.sqrt(Math.PI / 2) * meanAbsoluteDeviation(values, center);
}
