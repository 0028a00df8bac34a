import { assertNumberOption, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { cusumChanges } from './cusum';
import { binarySegmentation, type ChangeCost, leastSquaresSplit, pelt, segmentSums, type SegmentSums } from './pelt';
import { computeBaseline, type PeriodOption, resolvePeriods } from './baseline';
import { typicalSpacing } from './events';
import { preparePoints } from './prepare';
import { checkPeriodOption } from './seasonality';
import { medianSorted, robustScale } from './robust';
import type { ChangePoint, Point } from './types';

export interface DetectChangePointsOptions {
  /**
   * Seasonal period(s) removed (STL seasonal component) before segmenting, as in `detectAnomalies`: a number,
   * several, `'auto'` (detected from the spacing of t and the autocorrelation) or `'none'` (default). With a
   * period, `before` and `after` are levels of the deseasonalised series. The seasonal is fitted around a
   * running median over one cycle, then re-fitted given the segments found (backfitting, up to 3 rounds); with
   * only two or three cycles season and level are partly confounded and extra changes at cycle boundaries can
   * remain.
   */
  readonly period?: PeriodOption;
  /** `'pelt'` (default, Killick et al. 2012) or `'cusum'` (Page 1954). */
  readonly method?: 'pelt' | 'cusum';
  /** PELT segment cost: `'mean'` (default) or `'meanvar'` (mean and variance change together). */
  readonly cost?: ChangeCost;
  /**
   * PELT penalty per change, in units of -2 log-likelihood: a number; `'bic'` (Schwarz 1978: p ln n, p the
   * parameters a change adds: 2 for `'mean'`, its location and new mean; 3 for `'meanvar'`); `'mbic'` (default:
   * (p + 1) ln n, the modified BIC of Zhang & Siegmund 2007 in the simplified form used by R's changepoint,
   * 3 ln n for a change in mean); or `'aic'` (2 p).
   */
  readonly penalty?: number | 'bic' | 'mbic' | 'aic';
  /** Fewest points in a segment (default 2; at least 2 for `'meanvar'`). */
  readonly minSegment?: number;
  /** CUSUM decision interval h in sigmas (default 5) and allowance k in sigmas (default 0.5). */
  readonly threshold?: number;
  readonly drift?: number;
  /** CUSUM: points used to set the initial target mu_0 (default min(n, max(8, n / 10))). */
  readonly warmup?: number;
}

/** What {@link detectChangePoints} adds to the array of change points. */
export interface ChangePointReport {
  readonly method: 'pelt' | 'cusum';
  /** PELT: the penalty used (NaN for CUSUM). */
  readonly penalty: number;
  /** Noise standard deviation estimated from first differences (1.4826 MAD / sqrt 2). */
  readonly sigma: number;
  /** Seasonal periods removed before segmenting (empty when none). */
  readonly periods: number[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

export type ChangePointResult = ChangePoint[] & ChangePointReport;

/** Finite values in time order, with their input indices and `t`. Internal. */
export interface ChangeInput {
  readonly y: Float64Array;
  readonly index: Int32Array;
  readonly times: (string | number)[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
  readonly sigma: number;
  readonly periods: number[];
  /** With periods: the deseasonalised finite values re-fitted given segment starts (levels held fixed). */
  readonly refit?: (starts: readonly number[]) => Float64Array;
}

export function prepareChangeInput(where: string, points: unknown, period: PeriodOption = 'none'): ChangeInput {
  const prepared = preparePoints(where, points);
  const warnings = [...prepared.warnings];
  const m = prepared.finiteCount;
  // With a seasonal period, segment the deseasonalised series: a yearly peak is not a change of level.
  let values = prepared.values;
  let periods: number[] = [];
  if (period !== 'none' && m >= 8) {
    periods = resolvePeriods(where, prepared, period, typicalSpacing(prepared.keys), warnings);
    if (periods.length > 0) {
      // A running median over one full cycle follows a step in level sharply (medians keep edges) and averages
      // the cycle out, so the seasonal fitted around it does not absorb the very steps to be found.
      const level = runningMedian(prepared.values, Math.max(...periods));
      const withoutLevel = Float64Array.from(prepared.values, (v, j) => v - (level[j] as number));
      const seasonal = computeBaseline(withoutLevel, periods, withoutLevel.length).seasonal;
      values = Float64Array.from(prepared.values, (v, j) => v - (seasonal[j] as number));
    }
  }
  const finitePositions: number[] = [];
  for (let j = 0; j < prepared.values.length; j++) if (Number.isFinite(prepared.values[j] as number)) finitePositions.push(j);
  const y = new Float64Array(m);
  const index = new Int32Array(m);
  const times: (string | number)[] = new Array(m);
  let k = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j] as number;
    if (!Number.isFinite(v)) continue;
    y[k] = v;
    index[k] = prepared.source[j] as number;
    times[k] = prepared.times[j] as string | number;
    k++;
  }
  if (prepared.rejected.length > 0) {
    warnings.push(`${where}: ${prepared.rejected.length} point(s) skipped (gaps are closed up for segmentation); see rejected`);
  }
  let sigma = 0;
  if (m >= 2) {
    const diffs = new Float64Array(m - 1);
    for (let i = 1; i < m; i++) diffs[i - 1] = (y[i] as number) - (y[i - 1] as number);
    diffs.sort();
    sigma = robustScale(diffs, medianSorted(diffs)) / Math.SQRT2;
  }
  const refit =
    periods.length === 0
      ? undefined
      : (starts: readonly number[]): Float64Array => {
          // Piecewise-constant levels of the current deseasonalised values, removed before the seasonal re-fit.
          const bounds = [0, ...starts, m];
          const levels = new Float64Array(prepared.values.length).fill(Number.NaN);
          for (let b = 1; b < bounds.length; b++) {
            let sum = 0;
            for (let k = bounds[b - 1] as number; k < (bounds[b] as number); k++) sum += y[k] as number;
            const mean = sum / ((bounds[b] as number) - (bounds[b - 1] as number));
            for (let k = bounds[b - 1] as number; k < (bounds[b] as number); k++) levels[finitePositions[k] as number] = mean;
          }
          const withoutLevels = Float64Array.from(prepared.values, (v, j) => v - (levels[j] as number));
          const seasonal = computeBaseline(withoutLevels, periods, withoutLevels.length).seasonal;
          return Float64Array.from(finitePositions, (j) => (prepared.values[j] as number) - (seasonal[j] as number));
        };
  return { y, index, times, rejected: prepared.rejected, warnings, sigma, periods, ...(refit === undefined ? {} : { refit }) };
}

/** Turns segment starts into change points with the mean level before and after. Internal. */
export function toChangePoints(input: ChangeInput, sums: SegmentSums, starts: readonly number[], method: 'pelt' | 'cusum'): ChangePoint[] {
  const bounds = [0, ...starts, input.y.length];
  const mean = (a: number, b: number): number => ((sums.s1[b] as number) - (sums.s1[a] as number)) / (b - a) + sums.shift;
  return starts.map((start, j) => ({
    index: input.index[start] as number,
    t: input.times[start] as string | number,
    before: mean(bounds[j] as number, start),
    after: mean(start, bounds[j + 2] as number),
    method,
  }));
}

/** Work allowed to PELT before it hands over to binary segmentation: 20 cost evaluations a point, 2e6 at least. */
export function peltBudget(n: number): number {
  return Math.max(2e6, 20 * n);
}

/** PELT within its budget, else binary segmentation with a warning. Internal. */
export function segment(
  sums: SegmentSums,
  n: number,
  settings: { cost: ChangeCost; penalty: number; minSegment: number },
  sigma2: number,
  warnings: string[],
  where: string,
): number[] {
  const floor = sigma2 / 1e6;
  const exact = pelt(sums, n, settings.cost, settings.penalty, settings.minSegment, sigma2, floor, peltBudget(n));
  if (exact !== undefined) return exact.changes;
  warnings.push(
    `${where}: PELT would take quadratic time on this long series with few changes; ` +
      'binary segmentation (Scott & Knott 1974, approximate, O(n log n)) was used instead',
  );
  return binarySegmentation(sums, n, settings.cost, settings.penalty, settings.minSegment, sigma2, floor).changes;
}

/** Resolves and checks the PELT settings shared with `penaltySweep`. Internal. */
export function peltSettings(where: string, options: DetectChangePointsOptions | undefined, n: number) {
  const cost = options?.cost ?? 'mean';
  if (cost !== 'mean' && cost !== 'meanvar') fail('INVALID_OPTION', where, 'options.cost', "'mean' or 'meanvar'", cost);
  const minSegment = options?.minSegment ?? 2;
  assertNumberOption(where, 'options.minSegment', minSegment, { min: cost === 'meanvar' ? 2 : 1, integer: true });
  const parameters = cost === 'mean' ? 2 : 3;
  const option = options?.penalty ?? 'mbic';
  let penalty: number;
  if (option === 'bic') penalty = parameters * Math.log(Math.max(n, 2));
  else if (option === 'mbic') penalty = (parameters + 1) * Math.log(Math.max(n, 2));
  else if (option === 'aic') penalty = 2 * parameters;
  else {
    assertNumberOption(where, 'options.penalty', option, { min: 0 });
    penalty = option;
  }
  return { cost, minSegment, penalty };
}

/**
 * Finds where the level (or the level and variance) of a series changed.
 *
 * - `'pelt'` (default): PELT (Killick, Fearnhead & Eckley 2012) minimising the Gaussian cost plus a penalty per
 *   change; the default penalty is BIC-style: the modified BIC (Zhang & Siegmund 2007), 3 ln n for the `'mean'`
 *   cost, whose noise variance is estimated from first differences (robust to the changes themselves); plain
 *   BIC (Schwarz 1978, 2 ln n) and AIC are options.
 * - `'cusum'`: two-sided tabular CUSUM (Page 1954) with k = 0.5 sigma and h = 5 sigma, restarting after each
 *   signal; changes whose segment means differ by less than k are then merged away (false alarms) and each is
 *   dated by the least-squares split between its neighbours.
 *
 * Each change point carries `before` and `after`: the mean of the segment before and after it. Bad data never
 * throws: non-finite values are skipped (reported in `rejected`) and the series closed up; unsorted input is
 * sorted; fewer than 2 x minSegment points, or a constant series, give no change point (with a warning).
 *
 * Cost: PELT O(n) expected time when changes keep arriving as n grows; where it would turn quadratic (a long
 * series with few changes, beyond max(2e6, 20 n) cost evaluations) it hands over to binary segmentation,
 * O(n log n), with a warning. O(n) memory throughout. CUSUM O(n log n) time, O(n) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `points` is not an array or `options` not an object;
 *   INVALID_OPTION for an unknown method or cost, a negative penalty, or a bad minSegment, threshold, drift or
 *   warmup.
 * @example
 * const points = [10, 11, 9, 10, 11, 10, 20, 21, 19, 20, 21, 20].map((value, t) => ({ t, value }))
 * detectChangePoints(points).map((c) => [c.index, c.before, c.after]) // => [[6, 10.166666666666668, 20.166666666666668]]
 */
export function detectChangePoints(points: readonly Point[], options?: DetectChangePointsOptions): ChangePointResult {
  const where = 'detectChangePoints';
  assertOptions(where, options);
  const method = options?.method ?? 'pelt';
  if (method !== 'pelt' && method !== 'cusum') fail('INVALID_OPTION', where, 'options.method', "'pelt' or 'cusum'", method);
  const threshold = options?.threshold ?? 5;
  assertNumberOption(where, 'options.threshold', threshold, { min: 0 });
  const drift = options?.drift ?? 0.5;
  assertNumberOption(where, 'options.drift', drift, { min: 0 });
  if (options?.warmup !== undefined) assertNumberOption(where, 'options.warmup', options.warmup, { min: 1, integer: true });
  checkPeriodOption(where, options?.period);
  const input = prepareChangeInput(where, points, options?.period ?? 'none');
  const n = input.y.length;
  const settings = peltSettings(where, options, n);
  const warnings = input.warnings;
  const finish = (list: ChangePoint[], penalty: number): ChangePointResult =>
    Object.assign(list, { method, penalty, sigma: input.sigma, periods: input.periods, rejected: input.rejected, warnings });
  const penaltyUsed = method === 'pelt' ? settings.penalty : Number.NaN;
  if (n < 2 * settings.minSegment || n < 3) {
    warnings.push(`${where}: ${n} finite point(s); at least ${Math.max(3, 2 * settings.minSegment)} are needed for a change point`);
    return finish([], penaltyUsed);
  }
  let sums = segmentSums(input.y);
  let sigma = input.sigma;
  if (!(sigma > 0)) {
    // More than half the steps are zero: fall back to the mean absolute step; a constant series has no change.
    let total = 0;
    for (let i = 1; i < n; i++) total += Math.abs((input.y[i] as number) - (input.y[i - 1] as number));
    sigma = (Math.sqrt(Math.PI / 2) * total) / (n - 1) / Math.SQRT2;
    if (!(sigma > 0)) {
      warnings.push(`${where}: constant series: no change point`);
      return finish([], penaltyUsed);
    }
    warnings.push(`${where}: MAD of the differences is 0; the noise scale fell back to the mean absolute difference`);
  }
  let starts: number[];
  if (method === 'pelt') {
    starts = segment(sums, n, settings, sigma * sigma, warnings, where);
    // First differences see only point-to-point noise; when the series wanders more than that between the
    // segments found (autocorrelated noise, weekly ups and downs), its residual scale is the honest sigma and the
    // segmentation is redone with it, so that a wander is not read as a string of steps.
    const residualSigma = segmentResidualSigma(input.y, starts);
    if (residualSigma > sigma) {
      sigma = residualSigma;
      starts = segment(sums, n, settings, sigma * sigma, warnings, where);
    }
    if (input.refit !== undefined) {
      // Backfitting: a step in level leaks into the seasonal fit of the weeks around it, so re-fit the seasonal
      // component on the series minus its piecewise-constant levels and segment again (twice).
      for (let round = 0; round < 3; round++) {
        const refitted = input.refit(starts);
        sums = segmentSums(refitted);
        input.y.set(refitted);
        const next = segment(sums, n, settings, sigma * sigma, warnings, where);
        const same = next.length === starts.length && next.every((c, j) => c === starts[j]);
        starts = next;
        if (same) break;
      }
    }
  } else {
    const warmup = options?.warmup ?? Math.min(n, Math.max(8, Math.floor(n / 10)));
    const signalled = mergeSmallSteps(sums, cusumChanges(input.y, warmup, drift * sigma, threshold * sigma), n, drift * sigma);
    // Date each change by least squares between its neighbours (CUSUM's last-zero estimate lags under noise).
    starts = signalled.map((_, j) => leastSquaresSplit(sums, j === 0 ? 0 : (signalled[j - 1] as number), j + 1 < signalled.length ? (signalled[j + 1] as number) : n));
  }
  return finish(toChangePoints(input, sums, starts, method), penaltyUsed);
}

// CUSUM signals now and then on noise alone (its in-control run length is finite): drop, smallest first, the
// changes whose segment means differ by less than the allowance k, half the shift the chart is designed for.
function mergeSmallSteps(sums: SegmentSums, starts: number[], n: number, k: number): number[] {
  const kept = [...starts];
  const mean = (a: number, b: number): number => ((sums.s1[b] as number) - (sums.s1[a] as number)) / (b - a);
  for (;;) {
    let smallest = -1;
    let smallestStep = Infinity;
    for (let j = 0; j < kept.length; j++) {
      const a = j === 0 ? 0 : (kept[j - 1] as number);
      const b = j + 1 < kept.length ? (kept[j + 1] as number) : n;
      const step = Math.abs(mean(kept[j] as number, b) - mean(a, kept[j] as number));
      if (step < smallestStep) {
        smallestStep = step;
        smallest = j;
      }
    }
    if (smallest < 0 || smallestStep >= k) return kept;
    kept.splice(smallest, 1);
  }
}

// Centred running median over `window` points (shrinking at the ends), NaN skipped. O(n w log w).
function runningMedian(values: Float64Array, window: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const half = window >> 1;
  const scratch: number[] = [];
  for (let i = 0; i < n; i++) {
    scratch.length = 0;
    for (let k = Math.max(0, i - half); k < Math.min(n, i - half + window); k++) {
      const v = values[k] as number;
      if (Number.isFinite(v)) scratch.push(v);
    }
    scratch.sort((a, b) => a - b);
    const m = scratch.length;
    out[i] = m === 0 ? Number.NaN : m % 2 ? (scratch[m >> 1] as number) : ((scratch[(m >> 1) - 1] as number) + (scratch[m >> 1] as number)) / 2;
  }
  return out;
}

// 1.4826 MAD of the residuals from the segment means.
function segmentResidualSigma(y: Float64Array, starts: readonly number[]): number {
  const bounds = [0, ...starts, y.length];
  const residuals = new Float64Array(y.length);
  for (let b = 1; b < bounds.length; b++) {
    const from = bounds[b - 1] as number;
    const to = bounds[b] as number;
    let sum = 0;
    for (let k = from; k < to; k++) sum += y[k] as number;
    const mean = sum / (to - from);
    for (let k = from; k < to; k++) residuals[k] = (y[k] as number) - mean;
  }
  residuals.sort();
  return robustScale(residuals, medianSorted(residuals));
}
