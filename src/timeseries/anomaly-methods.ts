/**
 * The detectors behind `detectAnomalies`, on prepared arrays (time order, NaN at gaps). Each returns raw flags;
 * `detectAnomalies` turns them into `Anomaly` records. Internal.
 */
import { esdCore } from './esd';
import { MAD_TO_SIGMA, medianSorted, quantileSorted, robustScale } from './robust';
import { criticalValue } from './student-t';
import { fQuantile } from '../internal/special';
import { CompensatedAccumulator } from '../internal/sum';

/** A flagged position with what the method expected there and its band (in the value's units). */
export interface Flag {
  readonly position: number;
  readonly expected: number;
  readonly lower: number;
  readonly upper: number;
  readonly score: number;
  /** For shifts: whether the level (or the volatility) went up or down; otherwise from value vs expected. */
  readonly direction?: 'up' | 'down';
}

function finitePositions(values: Float64Array): number[] {
  const positions: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) positions.push(i);
  return positions;
}

/**
 * Seasonal hybrid ESD (Hochenbaum, Vallis & Kejariwal 2017): generalized ESD (Rosner 1983) with median and MAD
 * on the residual R = X - S - median (piecewise). `baseline[i]` is S + median at i.
 */
export function shesdFlags(
  values: Float64Array,
  baseline: Float64Array,
  maxFraction: number,
  alpha: number,
  minScale = 0,
): { flags: Flag[]; note?: string } {
  const positions = finitePositions(values);
  const m = positions.length;
  if (m < 3) return { flags: [] };
  const residual = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = positions[k] as number;
    residual[k] = (values[i] as number) - (baseline[i] as number);
  }
  const maxOutliers = Math.max(1, Math.floor(maxFraction * m));
  const result = esdCore(residual, maxOutliers, alpha, true, minScale);
  if (result.count === 0) return { flags: [] };
  // The band: the center and scale left once the outliers are removed, with the next step's critical value.
  const next = result.steps[result.count] ?? result.steps[result.steps.length - 1];
  const center = next?.center ?? 0;
  const scale = next?.scale ?? 0;
  const lambda = criticalValue(m, Math.min(result.count + 1, m - 2), alpha);
  const flags: Flag[] = [];
  for (let s = 0; s < result.count; s++) {
    const step = result.steps[s];
    if (step === undefined) continue;
    const i = positions[step.index] as number;
    const expected = (baseline[i] as number) + center;
    flags.push({ position: i, expected, lower: expected - lambda * scale, upper: expected + lambda * scale, score: step.statistic });
  }
  return { flags };
}

/** Robust z-score with scaled MAD on the residual; |z| > threshold (Iglewicz & Hoaglin 1993 use 3.5). */
export function robustZFlags(values: Float64Array, baseline: Float64Array, threshold: number, minScale = 0): { flags: Flag[]; note?: string } {
  const positions = finitePositions(values);
  if (positions.length < 3) return { flags: [] };
  const residual = Float64Array.from(positions, (i) => (values[i] as number) - (baseline[i] as number));
  const sorted = Float64Array.from(residual).sort();
  const center = medianSorted(sorted);
  const scale = Math.max(robustScale(residual, center), minScale);
  if (!(scale > 0)) return { flags: [], note: 'every value equals the baseline (MAD = 0 and mean absolute deviation = 0): no anomaly' };
  const note =
    MAD_TO_SIGMA * medianAbsolute(sorted, center) > 0
      ? undefined
      : 'MAD = 0 (over half the residuals are equal): the scale fell back to 1.2533 x the mean absolute deviation';
  const flags: Flag[] = [];
  positions.forEach((i, k) => {
    const z = ((residual[k] as number) - center) / scale;
    if (Math.abs(z) > threshold) {
      const expected = (baseline[i] as number) + center;
      flags.push({ position: i, expected, lower: expected - threshold * scale, upper: expected + threshold * scale, score: Math.abs(z) });
    }
  });
  return note === undefined ? { flags } : { flags, note };
}

function medianAbsolute(sorted: Float64Array, center: number): number {
  const d = Float64Array.from(sorted, (v) => Math.abs(v - center)).sort();
  return medianSorted(d);
}

/**
 * Tukey's fences (Tukey 1977, "Exploratory Data Analysis"): outside [Q1 - k IQR, Q3 + k IQR], quartiles by
 * Hyndman & Fan type 7. When the IQR is 0 the fences use 1.349 x the robust scale (the normal IQR).
 */
export function iqrFlags(values: Float64Array, baseline: Float64Array, k: number, minScale = 0): { flags: Flag[]; note?: string } {
  const positions = finitePositions(values);
  if (positions.length < 3) return { flags: [] };
  const residual = Float64Array.from(positions, (i) => (values[i] as number) - (baseline[i] as number));
  const sorted = Float64Array.from(residual).sort();
  let q1 = quantileSorted(sorted, 0.25);
  let q3 = quantileSorted(sorted, 0.75);
  let iqr = q3 - q1;
  let note: string | undefined;
  // A count's quartiles cannot be closer than its Poisson noise allows (1.349 sigma apart for a normal).
  if (minScale > 0 && iqr < 1.349 * minScale) {
    const center = medianSorted(sorted);
    iqr = 1.349 * minScale;
    q1 = Math.min(q1, center - iqr / 2);
    q3 = Math.max(q3, center + iqr / 2);
    iqr = q3 - q1;
  }
  if (!(iqr > 0)) {
    const center = medianSorted(sorted);
    iqr = 1.349 * robustScale(residual, center);
    if (!(iqr > 0)) return { flags: [], note: 'every value equals the baseline (IQR = 0): no anomaly' };
    q1 = center - iqr / 2;
    q3 = center + iqr / 2;
    note = 'IQR = 0 (over half the residuals are equal): the fences use 1.349 x the robust scale';
  }
  const lowFence = q1 - k * iqr;
  const highFence = q3 + k * iqr;
  const middle = (q1 + q3) / 2;
  const flags: Flag[] = [];
  positions.forEach((i, j) => {
    const r = residual[j] as number;
    if (r < lowFence || r > highFence) {
      const b = baseline[i] as number;
      const distance = r > highFence ? r - q3 : q1 - r;
      flags.push({ position: i, expected: b + middle, lower: b + lowFence, upper: b + highFence, score: distance / iqr });
    }
  });
  return note === undefined ? { flags } : { flags, note };
}

/**
 * EWMA control chart (Roberts 1959) on the deseasonalised series: z_i = lambda x_i + (1 - lambda) z_{i-1},
 * z_0 = mu_0, limits mu_0 +- L sigma sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^{2i})) (Lucas & Saccucci 1990).
 * mu_0 is the median; sigma from the median moving range / 0.9539 (robust to shifts and spikes), falling back to
 * the mean moving range / 1.128 (Montgomery, "Introduction to Statistical Quality Control"). After a signal the
 * chart restarts from mu_0, so a sustained shift signals again rather than on every following point.
 */
export function ewmaFlags(
  values: Float64Array,
  seasonal: Float64Array,
  lambda: number,
  limit: number,
): { flags: Flag[]; note?: string } {
  const positions = finitePositions(values);
  if (positions.length < 3) return { flags: [] };
  const x = Float64Array.from(positions, (i) => (values[i] as number) - (seasonal[i] as number));
  const mu = medianSorted(Float64Array.from(x).sort());
  const ranges = new Float64Array(x.length - 1);
  const rangeSum = new CompensatedAccumulator();
  for (let k = 1; k < x.length; k++) {
    ranges[k - 1] = Math.abs((x[k] as number) - (x[k - 1] as number));
    rangeSum.add(ranges[k - 1] as number);
  }
  ranges.sort();
  let sigma = medianSorted(ranges) / 0.9539;
  if (!(sigma > 0)) sigma = rangeSum.value() / ranges.length / 1.128;
  if (!(sigma > 0)) return { flags: [], note: 'constant series (moving range 0): no anomaly' };
  const flags: Flag[] = [];
  let z = mu;
  let sinceReset = 0;
  const factor = lambda / (2 - lambda);
  for (let k = 0; k < x.length; k++) {
    sinceReset++;
    const width = limit * sigma * Math.sqrt(factor * (1 - (1 - lambda) ** (2 * sinceReset)));
    const previous = z;
    z = lambda * (x[k] as number) + (1 - lambda) * previous;
    if (Math.abs(z - mu) > width) {
      const i = positions[k] as number;
      const s = seasonal[i] as number;
      // Value-space band: the x that would have kept z inside mu +- width.
      const lower = (mu - width - (1 - lambda) * previous) / lambda + s;
      const upper = (mu + width - (1 - lambda) * previous) / lambda + s;
      const stationary = sigma * Math.sqrt(factor);
      flags.push({ position: i, expected: mu + s, lower, upper, score: Math.abs(z - mu) / stationary });
      z = mu;
      sinceReset = 0;
    }
  }
  return { flags };
}

function windowMedian(x: Float64Array, from: number, to: number, scratch: number[]): number {
  scratch.length = 0;
  for (let k = from; k < to; k++) {
    const v = x[k] as number;
    if (Number.isFinite(v)) scratch.push(v);
  }
  if (scratch.length === 0) return Number.NaN;
  scratch.sort((a, b) => a - b);
  const m = scratch.length;
  return m % 2 === 1 ? (scratch[m >> 1] as number) : ((scratch[(m >> 1) - 1] as number) + (scratch[m >> 1] as number)) / 2;
}

/** Noise sigma from first differences: 1.4826 MAD(diff) / sqrt(2), robust to level shifts. */
function differenceSigma(x: Float64Array): number {
  const diffs: number[] = [];
  for (let k = 1; k < x.length; k++) {
    const d = (x[k] as number) - (x[k - 1] as number);
    if (Number.isFinite(d)) diffs.push(d);
  }
  if (diffs.length === 0) return 0;
  const sorted = Float64Array.from(diffs).sort();
  return robustScale(sorted, medianSorted(sorted)) / Math.SQRT2;
}

// Keeps positions whose score is the largest within +- w (ties: the earliest), among those passing.
function localMaxima(scores: Float64Array, passing: (k: number) => boolean, w: number): number[] {
  const kept: number[] = [];
  for (let k = 0; k < scores.length; k++) {
    if (!passing(k)) continue;
    const s = scores[k] as number;
    let best = true;
    for (let j = Math.max(0, k - w); j <= Math.min(scores.length - 1, k + w) && best; j++) {
      if (j === k) continue;
      const o = scores[j] as number;
      if (o > s || (o === s && j < k)) best = false;
    }
    if (best) kept.push(k);
  }
  return kept;
}

/**
 * Level shift: the difference of the medians of the `w` points after and before each position, over its
 * standard error 1.2533 sigma sqrt(2 / w) (the asymptotic variance of a normal median, pi sigma^2 / (2 w)),
 * sigma from first differences; a shift is found at the local maximum of |statistic| above the threshold and
 * dated at the least-squares split of the 2w points around it.
 * A two-window test in the sense of Basseville & Nikiforov (1993, "Detection of Abrupt Changes", ch. 2).
 */
export function levelShiftFlags(
  values: Float64Array,
  seasonal: Float64Array,
  w: number,
  threshold: number,
): { flags: Flag[]; note?: string } {
  const n = values.length;
  const x = Float64Array.from(values, (v, i) => v - (seasonal[i] as number));
  if (n < 2 * w) return { flags: [], note: `level-shift needs at least 2 x window = ${2 * w} points` };
  const sigma = differenceSigma(x);
  if (!(sigma > 0)) return { flags: [], note: 'constant series: no level shift' };
  const se = Math.sqrt(Math.PI / 2) * sigma * Math.sqrt(2 / w);
  const scores = new Float64Array(n);
  const before = new Float64Array(n).fill(Number.NaN);
  const after = new Float64Array(n).fill(Number.NaN);
  const scratch: number[] = [];
  for (let i = w; i <= n - w; i++) {
    const b = windowMedian(x, i - w, i, scratch);
    const a = windowMedian(x, i, i + w, scratch);
    before[i] = b;
    after[i] = a;
    scores[i] = Number.isFinite(a - b) && Number.isFinite(x[i] as number) ? Math.abs(a - b) / se : 0;
  }
  const flags = localMaxima(scores, (k) => (scores[k] as number) > threshold, w).map((peak) => {
    // Medians are flat near the change: date it by the least-squares split of the 2w points around the peak.
    const i = bestSplit(x, Math.max(0, peak - w), Math.min(n, peak + w), peak);
    const s = seasonal[i] as number;
    const expected = (before[peak] as number) + s;
    const direction: 'up' | 'down' = (after[peak] as number) > (before[peak] as number) ? 'up' : 'down';
    return { position: i, expected, lower: expected - threshold * se, upper: expected + threshold * se, score: scores[peak] as number, direction };
  });
  return { flags };
}

// The split s in (from, to) minimising the within-segment sum of squares of x[from..to) (finite values only), that
// is maximising the between-segment sum of squares S_L^2 / n_L + S_R^2 / n_R - S^2 / n. The sums are of values
// centred on the window's mean and Neumaier-compensated: the textbook sum(x^2) - (sum x)^2 / n cancels on a series
// with a large level (Chan, Golub & LeVeque 1983, "Algorithms for computing the sample variance: analysis and
// recommendations", The American Statistician 37(3)), and dated a shift of 10 at a level of 1e9 anywhere.
function bestSplit(x: Float64Array, from: number, to: number, fallback: number): number {
  const raw = new CompensatedAccumulator();
  let count = 0;
  for (let k = from; k < to; k++) {
    const v = x[k] as number;
    if (!Number.isFinite(v)) continue;
    raw.add(v);
    count++;
  }
  if (count === 0) return fallback;
  const centre = raw.value() / count;
  const centred = new CompensatedAccumulator();
  for (let k = from; k < to; k++) {
    const v = x[k] as number;
    if (Number.isFinite(v)) centred.add(v - centre);
  }
  const total = centred.value();
  let best = fallback;
  let bestBetween = -Infinity;
  const left = new CompensatedAccumulator();
  let leftCount = 0;
  for (let s = from + 1; s < to; s++) {
    const v = x[s - 1] as number;
    if (Number.isFinite(v)) {
      left.add(v - centre);
      leftCount++;
    }
    const rightCount = count - leftCount;
    if (leftCount === 0 || rightCount === 0 || !Number.isFinite(x[s] as number)) continue;
    const leftSum = left.value();
    const rightSum = total - leftSum;
    const between = (leftSum * leftSum) / leftCount + (rightSum * rightSum) / rightCount;
    if (between > bestBetween) {
      bestBetween = between;
      best = s;
    }
  }
  return best;
}

/**
 * Volatility shift: the ratio of the variances of first differences in the `w` points after and before each
 * position, flagged when it falls outside the two-sided F(w - 2, w - 2) interval at `alpha` (an F test on
 * adjacent windows), at local maxima of |ln ratio|.
 */
export function volatilityShiftFlags(
  values: Float64Array,
  seasonal: Float64Array,
  w: number,
  alpha: number,
): { flags: Flag[]; note?: string } {
  const n = values.length;
  const x = Float64Array.from(values, (v, i) => v - (seasonal[i] as number));
  if (n < 2 * w || w < 4) return { flags: [], note: `volatility-shift needs at least 2 x window = ${2 * w} points and window >= 4` };
  const df = w - 2;
  const upperF = fQuantile(1 - alpha / 2, df, df);
  const lowerF = 1 / upperF;
  // The variance of the first differences in a window from sums of the differences shifted by the window's first
  // one, K: (sum((d - K)^2) - (sum(d - K))^2 / count) / (count - 1), the "shifted data" algorithm of Chan, Golub &
  // LeVeque (1983, "Algorithms for computing the sample variance: analysis and recommendations", The American
  // Statistician 37(3)). K is within a few standard deviations of the mean, so the subtraction loses little, where
  // the unshifted sum(d^2) - (sum d)^2 / count cancels when the differences share a large mean (a steep trend) and
  // could come out negative. One pass, as before.
  const variance = (from: number, to: number): number => {
    let count = 0;
    let shift = Number.NaN;
    let sum = 0;
    let sumSquares = 0;
    for (let k = from + 1; k < to; k++) {
      const d = (x[k] as number) - (x[k - 1] as number);
      if (!Number.isFinite(d)) continue;
      if (count === 0) shift = d;
      count++;
      const shifted = d - shift;
      sum += shifted;
      sumSquares += shifted * shifted;
    }
    return count > 1 ? (sumSquares - (sum * sum) / count) / (count - 1) : Number.NaN;
  };
  const scores = new Float64Array(n);
  const scratch: number[] = [];
  const ratios = new Float64Array(n).fill(Number.NaN);
  const beforeSd = new Float64Array(n);
  let floor = 0;
  for (let i = 1; i < n; i++) floor = Math.max(floor, Math.abs((x[i] as number) - (x[i - 1] as number)) || 0);
  floor = Math.max(1e-12 * floor * floor, Number.MIN_VALUE);
  for (let i = w; i <= n - w; i++) {
    const vb = variance(i - w, i);
    const va = variance(i, i + w);
    if (!Number.isFinite(vb) || !Number.isFinite(va) || (vb <= floor && va <= floor)) continue;
    const ratio = Math.max(va, floor) / Math.max(vb, floor);
    ratios[i] = ratio;
    beforeSd[i] = Math.sqrt(vb / 2);
    scores[i] = Math.abs(Math.log(ratio));
  }
  const flags = localMaxima(
    scores,
    (k) => {
      const r = ratios[k] as number;
      return Number.isFinite(r) && (r > upperF || r < lowerF) && Number.isFinite(x[k] as number);
    },
    w,
  ).map((i) => {
    const expected = windowMedian(x, i - w, i, scratch) + (seasonal[i] as number);
    const band = 3 * (beforeSd[i] as number);
    const direction: 'up' | 'down' = (ratios[i] as number) > 1 ? 'up' : 'down';
    return { position: i, expected, lower: expected - band, upper: expected + band, score: scores[i] as number, direction };
  });
  return { flags };
}
