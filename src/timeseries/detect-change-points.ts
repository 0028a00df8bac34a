import { assertNumberOption, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { cusumChanges } from './cusum';
import { binarySegmentation, type ChangeCost, leastSquaresSplit, pelt, segmentSums, type SegmentSums } from './pelt';
import { computeBaseline, type PeriodOption, resolvePeriods } from './baseline';
import { typicalSpacing } from './events';
import { preparePoints } from './prepare';
import { checkPeriodOption } from './seasonality';
import { bumpColumn, fitSeasonAndLevels, type SeasonalBump, type SeasonDesign, seasonDesign, type SeasonLevelFit, withValues } from './harmonic';
import { medianSorted, robustScale } from './robust';
import type { ChangePoint, Point } from './types';

export interface DetectChangePointsOptions {
  /**
   * Seasonal period(s) removed before segmenting, as in `detectAnomalies`: a number, several, `'auto'` (detected
   * from the spacing of t and the autocorrelation) or `'none'` (default). With a period, `before` and `after`
   * are levels of the deseasonalised series (trend kept). How the season is fitted: `seasonalModel`.
   */
  readonly period?: PeriodOption;
  /**
   * How the seasonal component is fitted when there is a period (PELT only; CUSUM uses the first fit):
   * - `'harmonic'` (default): a few harmonics per period (K chosen by BIC), fitted jointly with the segment
   *   levels, a linear trend when it pays and holiday bumps, by least squares (the season model of BFAST,
   *   Verbesselt et al. 2010); two cycles are enough, sharp holiday peaks and trends are not read as changes.
   * - `'stl'`: STL seasonal fitted around a running median over one cycle, re-fitted given the segments found
   *   (backfitting, up to 3 rounds); with only two or three cycles season and level are partly confounded and
   *   extra changes at cycle boundaries can remain, and a trend reads as a staircase.
   * On 6,000 seeded weekly series of two or three cycles (benchmarks/changepoints-seasonal.ts) the harmonic
   * model has the higher F1 and the lower false-alarm rate on every seasonal shape and noise tested.
   */
  readonly seasonalModel?: SeasonalModel;
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

/** The seasonal models of {@link DetectChangePointsOptions.seasonalModel}. */
export type SeasonalModel = 'harmonic' | 'stl';

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
  /** With periods and the harmonic model: the joint fit of season, trend and segment levels. */
  readonly joint?: JointSeason;
}

/** The harmonic season model's state for {@link detectChangePoints}. Internal. */
export interface JointSeason {
  /** The finite values as given. */
  readonly raw: Float64Array;
  readonly design: SeasonDesign;
  /** The first fit, without segments (BIC with the variance estimated; a trend priced as one change in mean). */
  readonly initial: SeasonLevelFit;
}

export function prepareChangeInput(
  where: string,
  points: unknown,
  period: PeriodOption = 'none',
  seasonalModel: SeasonalModel = 'stl',
): ChangeInput {
  const prepared = preparePoints(where, points);
  const warnings = [...prepared.warnings];
  const m = prepared.finiteCount;
  const finitePositions: number[] = [];
  for (let j = 0; j < prepared.values.length; j++) if (Number.isFinite(prepared.values[j] as number)) finitePositions.push(j);
  // With a seasonal period, segment the deseasonalised series: a yearly peak is not a change of level.
  let values = prepared.values;
  let periods: number[] = [];
  let joint: JointSeason | undefined;
  if (period !== 'none' && m >= 8) {
    periods = resolvePeriods(where, prepared, period, typicalSpacing(prepared.keys), warnings);
    if (periods.length > 0 && seasonalModel === 'harmonic') {
      const raw = Float64Array.from(finitePositions, (j) => prepared.values[j] as number);
      const design = seasonDesign(raw, finitePositions, periods);
      const initial = fitSeasonAndLevels(design, [], { trendPenalty: 3 * Math.log(Math.max(m, 2)) });
      joint = { raw, design, initial };
      values = new Float64Array(prepared.values.length).fill(Number.NaN);
      finitePositions.forEach((j, k) => (values[j] = (raw[k] as number) - (initial.seasonal[k] as number)));
    } else if (periods.length > 0) {
      // A running median over one full cycle follows a step in level sharply (medians keep edges) and averages
      // the cycle out, so the seasonal fitted around it does not absorb the very steps to be found.
      const level = runningMedian(prepared.values, Math.max(...periods));
      const withoutLevel = Float64Array.from(prepared.values, (v, j) => v - (level[j] as number));
      const seasonal = computeBaseline(withoutLevel, periods, withoutLevel.length).seasonal;
      values = Float64Array.from(prepared.values, (v, j) => v - (seasonal[j] as number));
    }
  }
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
    periods.length === 0 || joint !== undefined
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
  return {
    y,
    index,
    times,
    rejected: prepared.rejected,
    warnings,
    sigma,
    periods,
    ...(refit === undefined ? {} : { refit }),
    ...(joint === undefined ? {} : { joint }),
  };
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
 * With a period and the default `seasonalModel: 'harmonic'`, PELT segments the series less a harmonic season
 * (and trend) fitted jointly with the segment levels: the changes T minimise, locally,
 * RSS / sigma^2 + penalty x |T| + 2 ln n x (harmonics) + (2/3) penalty x [trend] + penalty x (holiday bumps),
 * the residual sum of squares from the joint least-squares fit (a trend priced as a change under plain BIC, so
 * that neither a step reads as a trend nor a trend as a staircase; a holiday bump, a recurring peak of at most a
 * quarter period, priced as one change). The search alternates PELT and the joint fit as BFAST does (Verbesselt,
 * Hyndman, Newnham & Culvenor 2010, Remote Sensing of Environment 114), then drops or adds single changes while
 * the joint cost falls, from three starts; residuals beyond 3 sigma are clipped (Huber's pseudo-observations)
 * and the search repeated, so that heavy-tailed noise is not read as changes. The penalty options keep their
 * meaning: the penalty per change is the same.
 *
 * Each change point carries `before` and `after`: the mean of the segment before and after it. Bad data never
 * throws: non-finite values are skipped (reported in `rejected`) and the series closed up; unsorted input is
 * sorted; fewer than 2 x minSegment points, or a constant series, give no change point (with a warning).
 *
 * Cost: PELT O(n) expected time when changes keep arriving as n grows; where it would turn quadratic (a long
 * series with few changes, beyond max(2e6, 20 n) cost evaluations) it hands over to binary segmentation,
 * O(n log n), with a warning. O(n) memory throughout. CUSUM O(n log n) time, O(n) memory. The harmonic season
 * adds O(n h^2) for h = 2 sum K_max <= 52 columns a period, and O(n h + h^3) a joint fit, tens of fits for a
 * few changes (about 15 ms CPU for 156 weekly points); its search stops at a work budget of 2e8 multiply-adds
 * (about a second) with a warning, e.g. on a long random walk with a period.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `points` is not an array or `options` not an object;
 *   INVALID_OPTION for an unknown method, cost or seasonalModel, a negative penalty, or a bad minSegment,
 *   threshold, drift or warmup.
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
  const seasonalModel = options?.seasonalModel ?? 'harmonic';
  if (seasonalModel !== 'harmonic' && seasonalModel !== 'stl') fail('INVALID_OPTION', where, 'options.seasonalModel', "'harmonic' or 'stl'", seasonalModel);
  const input = prepareChangeInput(where, points, options?.period ?? 'none', seasonalModel);
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
    if (input.joint !== undefined) {
      const fitted = robustJointSegmentation(input.joint, settings, sigma * sigma, warnings, where);
      starts = fitted.starts;
      input.y.set(fitted.deseasonalised);
      sums = segmentSums(input.y);
    } else if (input.refit !== undefined) {
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

/**
 * Season and segments fitted together (the harmonic model). The penalised cost of a set of changes T is
 * min over K and trend of RSS / sigma^2 + 2 K ln m + [penalty] + penalty x |T|, the residual sum of squares from
 * the joint least-squares fit of segment levels, harmonic season and trend (a trend is priced as one change, so
 * that one step is not read as a trend nor a trend as a staircase of steps). It is minimised locally:
 * 1. alternate PELT on the series less its fitted season and trend with the joint fit given the changes, as BFAST
 *    alternates its season and break fits (Verbesselt et al. 2010, section 2.2), until the changes repeat (at
 *    most 10 rounds);
 * 2. then, while the cost falls, drop the change whose removal lowers it most (the season re-fitted without it,
 *    so that a change the season explains better goes), or add the change with the largest score-test gain
 *    (the residual's suffix sum squared over the step's norm outside the fitted columns; Rao 1948) when the
 *    exact joint cost confirms it.
 * Returns the final changes and the series less its fitted season (trend and levels kept), whose segment means
 * are the reported levels.
 */
function jointSegmentation(
  design: SeasonDesign,
  initial: SeasonLevelFit,
  extraStarts: readonly number[][],
  settings: { cost: ChangeCost; penalty: number; minSegment: number },
  sigma2: number,
  budget: { work: number; warned: boolean },
  warnings: string[],
  where: string,
): JointResult {
  const n = design.m;
  let bumps: SeasonalBump[] = [];
  // Work in multiply-adds, roughly: the local search is meant for short series with few changes; on a long
  // series with very many (a random walk) it stops at the budget with what it has, and says so.
  const columns = design.columns.length + 2;
  let exhausted = budget.work > JOINT_SEARCH_BUDGET;
  const spend = (amount: number): boolean => {
    budget.work += amount;
    if (budget.work > JOINT_SEARCH_BUDGET && !exhausted) {
      exhausted = true;
      if (!budget.warned) {
        budget.warned = true;
        warnings.push(
          `${where}: the harmonic season search stopped at its work budget (a long series with many changes); changes may be missed or extra`,
        );
      }
    }
    return !exhausted;
  };
  const fitFor = (starts: readonly number[]): SeasonLevelFit => {
    spend(8 * n * (starts.length + bumps.length + 1 + columns) + columns ** 2 * (starts.length + columns));
    return fitSeasonAndLevels(design, starts, { sigma2, trendPenalty: (2 / 3) * settings.penalty, bumps });
  };
  const costOf = (fit: SeasonLevelFit, starts: readonly number[]): number => fit.criterion + settings.penalty * (starts.length + bumps.length);
  const withoutTrend = (fit: SeasonLevelFit): Float64Array =>
    Float64Array.from(design.y, (v, k) => v - (fit.seasonal[k] as number) - (fit.trend[k] as number));
  const search = (first: number[]): { starts: number[]; fit: SeasonLevelFit; cost: number } => {
    let starts = first;
    let fit = fitFor(starts);
    for (let round = 0; round < 10 && !exhausted; round++) {
      const next = segment(segmentSums(withoutTrend(fit)), n, settings, sigma2, warnings, where);
      if (next.length === starts.length && next.every((c, j) => c === starts[j])) break;
      starts = next;
      fit = fitFor(starts);
    }
    let cost = costOf(fit, starts);
    // Each accepted step lowers the cost, so the search ends; the bound only guards against rounding cycles.
    for (let step = 0; step < 4 * n && !exhausted; step++) {
      let bestCost = cost;
      let bestFit: SeasonLevelFit | undefined;
      let bestStarts: number[] | undefined;
      const consider = (candidate: number[]): void => {
        const trial = fitFor(candidate);
        const trialCost = costOf(trial, candidate);
        if (trialCost < bestCost) {
          bestCost = trialCost;
          bestFit = trial;
          bestStarts = candidate;
        }
      };
      for (let j = 0; j < starts.length && !exhausted; j++) consider(starts.filter((_, k) => k !== j));
      if (bestStarts === undefined && spend(2 * n * (starts.length + columns) ** 2)) {
        const candidate = bestAddition(design, fit, starts, bumps, settings.minSegment);
        // No removal helped, so bestCost is still the current cost.
        if (candidate !== undefined && candidate.gain / sigma2 > settings.penalty) consider([...starts, candidate.start].sort((x, y) => x - y));
      }
      if (bestStarts === undefined || bestFit === undefined) break;
      starts = bestStarts;
      fit = bestFit;
      cost = bestCost;
    }
    return { starts, fit, cost };
  };
  // Local minima: start from the series less the first season fit with its trend, less the season fitted
  // without trend (a step the trend absorbed shows again), and from the raw series (every step and seasonal
  // swing, for the search to prune); the lowest cost wins.
  const noTrend = fitSeasonAndLevels(design, [], { trend: false });
  const firsts = [
    segment(segmentSums(withoutTrend(initial)), n, settings, sigma2, warnings, where),
    segment(segmentSums(withoutTrend(noTrend)), n, settings, sigma2, warnings, where),
    segment(segmentSums(design.y), n, settings, sigma2, warnings, where),
    ...extraStarts,
  ];
  let best: { starts: number[]; fit: SeasonLevelFit; cost: number } | undefined;
  const seen = new Set<string>();
  for (const first of firsts) {
    const key = first.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const result = search(first);
    if (best === undefined || result.cost < best.cost) best = result;
  }
  let result = best as JointResult;
  // A sharp holiday peak or dip costs many harmonics, and two changes per cycle can look cheaper. Two changes
  // at most a quarter period apart become a seasonal bump (a holiday regressor recurring every cycle, priced as
  // one change), the changes at the same phase in the other cycles are dropped, and the search runs again; the
  // bump stays when the cost falls.
  const period = Math.max(...design.periods);
  const phase = (k: number): number => (((design.positions[k] as number) % period) + period) % period;
  const near = (a: number, b: number): boolean => Math.min(Math.abs(a - b), period - Math.abs(a - b)) <= 2;
  for (let tries = 0; tries < 8 && !exhausted; tries++) {
    let improved: JointResult | undefined;
    let improvedBumps: SeasonalBump[] = bumps;
    const current = result.starts;
    // The series' ends count as changes here: a holiday in the first or last weeks is cut by the end.
    const edges = [0, ...current, n];
    for (let j = 0; j + 1 < edges.length && !exhausted; j++) {
      const from = edges[j] as number;
      const to = edges[j + 1] as number;
      if (from === 0 && to === n) continue;
      const length = (to === n ? (design.positions[n - 1] as number) + 1 : (design.positions[to] as number)) - (design.positions[from] as number);
      if (length > period / 4) continue;
      const bump: SeasonalBump = { start: phase(from), length, period };
      if (bumps.some((b) => b.start === bump.start && b.length === bump.length)) continue;
      const rest = current.filter((k) => !near(phase(k), bump.start) && !near(phase(k), (bump.start + length) % period));
      const saved = bumps;
      bumps = [...saved, bump];
      const trial = search(rest);
      bumps = saved;
      if (trial.cost < (improved ?? result).cost) {
        improved = trial;
        improvedBumps = [...saved, bump];
      }
    }
    if (improved === undefined) break;
    result = improved;
    bumps = improvedBumps;
  }
  return result;
}

/** Multiply-adds allowed to one joint search (about a second of CPU): see {@link jointSegmentation}. */
const JOINT_SEARCH_BUDGET = 2e8;

interface JointResult {
  readonly starts: number[];
  readonly fit: SeasonLevelFit;
  readonly cost: number;
}

/**
 * {@link jointSegmentation} made resistant to heavy-tailed noise by Huber's pseudo-observations (Huber 1981,
 * "Robust Statistics", section 7.7): residuals beyond c = 3 sigma are pulled back to +-c and the search is run
 * again on the fitted values plus the clipped residuals (twice at most). Since the Gaussian cost on the
 * pseudo-observations assumes their variance, sigma^2 becomes the larger of the first-difference estimate and
 * the mean squared clipped residual (degrees of freedom counted), so that noise heavier than Gaussian does not
 * read as changes. Returns the changes and the series less its fitted season (trend and levels kept).
 */
function robustJointSegmentation(
  joint: JointSeason,
  settings: { cost: ChangeCost; penalty: number; minSegment: number },
  sigma2: number,
  warnings: string[],
  where: string,
): { starts: number[]; deseasonalised: Float64Array } {
  const budget = { work: 0, warned: false };
  let result = jointSegmentation(joint.design, joint.initial, [], settings, sigma2, budget, warnings, where);
  let variance = sigma2;
  const m = joint.raw.length;
  for (let round = 0; round < 2 && budget.work <= JOINT_SEARCH_BUDGET; round++) {
    const limit = 3 * Math.sqrt(variance);
    const residual = result.fit.residual;
    let clipped = 0;
    let squares = 0;
    const pseudo = Float64Array.from(joint.raw, (v, t) => {
      const r = residual[t] as number;
      const bounded = Math.max(-limit, Math.min(limit, r));
      if (bounded !== r) clipped++;
      squares += bounded * bounded;
      return v - r + bounded;
    });
    const parameters = result.starts.length + 1 + 2 * result.fit.harmonics.reduce((a, k) => a + k, 0) + (result.fit.hasTrend ? 1 : 0);
    const nextVariance = Math.max(variance, squares / Math.max(1, m - parameters));
    if (clipped === 0 && nextVariance === variance) break;
    variance = nextVariance;
    const design = withValues(joint.design, pseudo);
    const initial = fitSeasonAndLevels(design, [], { trendPenalty: settings.penalty });
    result = jointSegmentation(design, initial, [result.starts], settings, variance, budget, warnings, where);
  }
  const fit = result.fit;
  return { starts: result.starts, deseasonalised: Float64Array.from(joint.raw, (v, k) => v - (fit.seasonal[k] as number)) };
}

/**
 * The new change (segment start) whose step column most reduces the residual sum of squares of the current
 * joint fit with its harmonics and trend held: gain(tau) = (sum_{t >= tau} r_t)^2 / ||(I - P) h_tau||^2, P the
 * projection on the fitted columns. O(m q^2) for q fitted columns.
 */
function bestAddition(
  design: SeasonDesign,
  fit: SeasonLevelFit,
  starts: readonly number[],
  bumps: readonly SeasonalBump[],
  minSegment: number,
): { start: number; gain: number } | undefined {
  const m = design.m;
  const bounds = [0, ...starts, m];
  const columns: Float64Array[] = [];
  for (let b = 1; b < bounds.length; b++) {
    const column = new Float64Array(m);
    column.fill(1, bounds[b - 1] as number, bounds[b] as number);
    columns.push(column);
  }
  for (const bump of bumps) columns.push(bumpColumn(design, bump));
  if (fit.hasTrend) columns.push(design.trendColumn);
  fit.harmonics.forEach((k, p) => {
    for (let c = 0; c < 2 * k; c++) columns.push(design.columns[(design.offsets[p] as number) + c] as Float64Array);
  });
  const basis = orthonormalBasis(columns, m);
  // Suffix sums of the residual and of each basis vector: h_tau' r and Q' h_tau for every tau in O(m q).
  const suffixResidual = new Float64Array(m + 1);
  for (let t = m - 1; t >= 0; t--) suffixResidual[t] = (suffixResidual[t + 1] as number) + (fit.residual[t] as number);
  const explained = new Float64Array(m + 1);
  for (const q of basis) {
    let suffix = 0;
    for (let t = m - 1; t >= 0; t--) {
      suffix += q[t] as number;
      explained[t] = (explained[t] as number) + suffix * suffix;
    }
  }
  let best: { start: number; gain: number } | undefined;
  let b = 0;
  for (let tau = minSegment; tau <= m - minSegment; tau++) {
    while ((bounds[b + 1] as number) <= tau) b++;
    // Both new segments must keep minSegment points: tau at least minSegment after its segment's start and
    // before its end.
    if (tau - (bounds[b] as number) < minSegment || (bounds[b + 1] as number) - tau < minSegment) continue;
    const norm = m - tau - (explained[tau] as number);
    if (!(norm > 1e-9 * (m - tau))) continue;
    const gain = (suffixResidual[tau] as number) ** 2 / norm;
    if (best === undefined || gain > best.gain) best = { start: tau, gain };
  }
  return best;
}

/** Orthonormal basis of the columns' span (modified Gram-Schmidt, twice), dependent columns skipped. */
function orthonormalBasis(columns: readonly Float64Array[], m: number): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const column of columns) {
    const v = Float64Array.from(column);
    let original = 0;
    for (let t = 0; t < m; t++) original += (v[t] as number) ** 2;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        let dot = 0;
        for (let t = 0; t < m; t++) dot += (q[t] as number) * (v[t] as number);
        for (let t = 0; t < m; t++) v[t] = (v[t] as number) - dot * (q[t] as number);
      }
    }
    let norm = 0;
    for (let t = 0; t < m; t++) norm += (v[t] as number) ** 2;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-10 * Math.sqrt(original))) continue;
    for (let t = 0; t < m; t++) v[t] = (v[t] as number) / norm;
    basis.push(v);
  }
  return basis;
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
