import { assertNumberOption, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import {
  ewmaFlags,
  type Flag,
  iqrFlags,
  levelShiftFlags,
  robustZFlags,
  shesdFlags,
  volatilityShiftFlags,
} from './anomaly-methods';
import { cleanedBaseline, type PeriodOption, resolvePeriods } from './baseline';
import { type CalendarEvent, eventAt, toEventIntervals, typicalSpacing } from './events';
import { preparePoints } from './prepare';
import { checkPeriodOption } from './seasonality';
import type { Anomaly, AnomalyMethod, Point } from './types';

/** The batch methods of {@link detectAnomalies} (the streaming detector and the rate test have their own functions). */
export type BatchAnomalyMethod = Exclude<AnomalyMethod, 'streaming' | 'rate'>;

export interface DetectAnomaliesOptions {
  /** Default `'shesd'` (seasonal hybrid ESD; without a period it is the hybrid ESD on the median). */
  readonly method?: BatchAnomalyMethod;
  /**
   * Seasonal period(s) in points: a number, several (`[7, 365]`, removed in sequence), `'none'`, or `'auto'`
   * (default): detected by autocorrelation among the periods natural to the spacing of `t`.
   */
  readonly period?: PeriodOption;
  /** Significance: S-H-ESD (default 0.05) and volatility-shift (default 0.001). */
  readonly alpha?: number;
  /** S-H-ESD: the most anomalies to report, as a fraction of the points (default 0.1, at most 0.49). */
  readonly maxAnomalies?: number;
  /**
   * Threshold: robust-z |z| (default 3.5, Iglewicz & Hoaglin 1993), IQR fence multiplier k (default 1.5),
   * EWMA limit L in sigmas (default 3), level-shift statistic (default 5).
   */
  readonly threshold?: number;
  /** EWMA weight lambda in (0, 1] (default 0.2, Lucas & Saccucci 1990). */
  readonly lambda?: number;
  /**
   * Window in points: for S-H-ESD, robust-z and IQR the piecewise-median window (default two periods, or the
   * whole series without a period); for level-shift and volatility-shift the comparison window (defaults
   * clamp(n / 6, 3, 12) and clamp(n / 6, 5, 20)).
   */
  readonly window?: number;
  /**
   * The level the residual is taken against, for S-H-ESD, robust-z and IQR: `'stl'` (default when a period is
   * used: the robust STL trend, which follows growth and decline) or `'median'` (the piecewise median of
   * Hochenbaum et al., the only choice without a period).
   */
  readonly level?: 'stl' | 'median';
  /**
   * Whether the values are counts (units sold, orders): default `'auto'`, true when every finite value is a
   * non-negative integer. For counts, the scale of S-H-ESD, robust-z and IQR is never taken below the Poisson
   * standard deviation sqrt(max(1, typical level)): 3 units in a week that usually sells 0 or 1 is noise, not
   * news, even when the MAD of such a series is 0 or 1.
   */
  readonly counts?: boolean | 'auto';
  /** Report only upward or downward anomalies (default `'both'`). */
  readonly direction?: 'both' | 'up' | 'down';
  /** Known events: anomalies on them carry `event` (the event's name) so they are not read as surprises. */
  readonly events?: readonly CalendarEvent[];
}

/** What {@link detectAnomalies} adds to the anomaly array. */
export interface AnomalyReport {
  readonly method: BatchAnomalyMethod;
  /** Seasonal periods used (empty when none). */
  readonly periods: number[];
  /** Points skipped or kept as gaps (`field: 'value'`), with the reason. */
  readonly rejected: Rejected[];
  /** Degraded methods, sorted input, duplicate timestamps, MAD = 0 fall-backs and the like. */
  readonly warnings: string[];
}

/** The anomalies in time order, with the report as properties of the array (lost by `JSON.stringify`). */
export type AnomalyResult = Anomaly[] & AnomalyReport;

const METHODS: readonly BatchAnomalyMethod[] = ['shesd', 'robust-z', 'iqr', 'ewma', 'level-shift', 'volatility-shift'];

/**
 * Finds the points of a series that broke from its pattern. Methods:
 * - `'shesd'` (default): seasonal hybrid ESD, Hochenbaum, Vallis & Kejariwal (2017), "Automatic Anomaly
 *   Detection in the Cloud Via Statistical Learning": STL seasonal component (Cleveland et al. 1990, periodic,
 *   n_i = 4, no robustness iterations: the ESD's median and MAD are the robust step; with only a few cycles the
 *   bisquare weights would fit two of three points per week of the year and shrink the residual scale, which
 *   measured 6.7 instead of 0.4 false alarms per 156-week series on a seeded panel; instead, points beyond 3.5
 *   robust sigmas are replaced by their fit and the decomposition is fitted once more), residual against the STL
 *   trend (`level: 'stl'`, following growth) or the piecewise median of the paper (`level: 'median'`, and
 *   always without a period), then Rosner's (1983) generalized ESD with median and MAD.
 * - `'robust-z'`: |x - expected - median| / (1.4826 MAD) > 3.5 on the same residual; MAD = 0 falls back to the
 *   mean absolute deviation, and a flat series reports nothing.
 * - `'iqr'`: Tukey's fences Q1 - 1.5 IQR, Q3 + 1.5 IQR on the residual.
 * - `'ewma'`: EWMA control chart (Roberts 1959; limits per Lucas & Saccucci 1990) on the deseasonalised series.
 * - `'level-shift'` and `'volatility-shift'`: adjacent-window tests on medians and on variances.
 *
 * Bad data never throws: points with an unreadable `t` are skipped, points whose value is NaN, Infinity or not
 * a number stay as gaps (never flagged), all listed in `rejected`; unsorted input is sorted (indices still
 * refer to the input), duplicates are reported, a series too short for its period loses the seasonal step with
 * a warning, fewer than 3 finite points give no anomaly, and a constant series gives none.
 *
 * Cost: O(n log n) time and O(n) memory for S-H-ESD, robust-z, IQR and EWMA (plus O(n p) for a detected
 * period p); O(n w log w) for the window tests. Nothing is quadratic in n.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `points` is not an array or `options` not an object;
 *   INVALID_OPTION for an unknown method, a bad period, alpha, threshold, lambda, window, direction or event.
 * @example
 * const points = [5, 6, 5, 7, 6, 5, 40, 6, 5, 6].map((value, i) => ({ t: i, value }))
 * detectAnomalies(points, { period: 'none' }).map((a) => [a.index, a.direction]) // => [[6, 'up']]
 */
export function detectAnomalies(points: readonly Point[], options?: DetectAnomaliesOptions): AnomalyResult {
  const where = 'detectAnomalies';
  assertOptions(where, options);
  const method = options?.method ?? 'shesd';
  if (!METHODS.includes(method)) fail('INVALID_OPTION', where, 'options.method', METHODS.map((m) => `'${m}'`).join(', '), method);
  checkPeriodOption(where, options?.period);
  const alpha = options?.alpha ?? (method === 'volatility-shift' ? 0.001 : 0.05);
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1)) fail('INVALID_OPTION', where, 'options.alpha', 'a number in (0, 1)', alpha);
  const maxAnomalies = options?.maxAnomalies ?? 0.1;
  if (!(typeof maxAnomalies === 'number' && maxAnomalies > 0 && maxAnomalies <= 0.49)) {
    fail('INVALID_OPTION', where, 'options.maxAnomalies', 'a fraction in (0, 0.49]', maxAnomalies);
  }
  const defaultThreshold = method === 'iqr' ? 1.5 : method === 'ewma' ? 3 : method === 'level-shift' ? 5 : 3.5;
  const threshold = options?.threshold ?? defaultThreshold;
  assertNumberOption(where, 'options.threshold', threshold, { min: 0 });
  const lambda = options?.lambda ?? 0.2;
  if (!(typeof lambda === 'number' && lambda > 0 && lambda <= 1)) fail('INVALID_OPTION', where, 'options.lambda', 'a number in (0, 1]', lambda);
  if (options?.window !== undefined) {
    assertNumberOption(where, 'options.window', options.window, { min: method === 'volatility-shift' ? 4 : 2, integer: true });
  }
  const direction = options?.direction ?? 'both';
  if (direction !== 'both' && direction !== 'up' && direction !== 'down') {
    fail('INVALID_OPTION', where, 'options.direction', "'both', 'up' or 'down'", direction);
  }
  const events = toEventIntervals(where, options?.events);

  const prepared = preparePoints(where, points);
  const warnings = [...prepared.warnings];
  const n = prepared.values.length;
  const spacing = typicalSpacing(prepared.keys);
  const finish = (anomalies: Anomaly[], periods: number[]): AnomalyResult =>
    Object.assign(anomalies, { method, periods, rejected: prepared.rejected, warnings });
  if (prepared.rejected.length > 0) {
    warnings.push(`${where}: ${prepared.rejected.length} point(s) skipped or kept as gaps; see rejected`);
  }
  if (prepared.finiteCount < 3) {
    warnings.push(`${where}: ${prepared.finiteCount} finite point(s); at least 3 are needed to judge any point`);
    return finish([], []);
  }
  const periods = resolvePeriods(where, prepared, options?.period, spacing, warnings);
  const seasonalMethod = method === 'shesd' || method === 'robust-z' || method === 'iqr';
  const pieceWindow = options?.window ?? (periods.length > 0 ? 2 * Math.max(...periods) : n);
  const levelOption = options?.level ?? 'stl';
  if (levelOption !== 'stl' && levelOption !== 'median') fail('INVALID_OPTION', where, 'options.level', "'stl' or 'median'", levelOption);
  const baseline = cleanedBaseline(prepared.values, periods, seasonalMethod ? pieceWindow : n, levelOption === 'stl' ? 'trend' : 'median');
  const expectedAt = new Float64Array(n);
  for (let i = 0; i < n; i++) expectedAt[i] = (baseline.seasonal[i] as number) + (baseline.level[i] as number);

  const countsOption = options?.counts ?? 'auto';
  if (countsOption !== 'auto' && typeof countsOption !== 'boolean') fail('INVALID_OPTION', where, 'options.counts', "a boolean or 'auto'", countsOption);
  let minScale = 0;
  if (countsOption === true || (countsOption === 'auto' && isCountSeries(prepared.values))) {
    const levels = Float64Array.from(expectedAt.filter((v) => Number.isFinite(v))).sort();
    minScale = Math.sqrt(Math.max(1, levels.length > 0 ? (levels[levels.length >> 1] as number) : 1));
  }

  let outcome: { flags: Flag[]; note?: string };
  switch (method) {
    case 'shesd':
      outcome = shesdFlags(prepared.values, expectedAt, maxAnomalies, alpha, minScale);
      break;
    case 'robust-z':
      outcome = robustZFlags(prepared.values, expectedAt, threshold, minScale);
      break;
    case 'iqr':
      outcome = iqrFlags(prepared.values, expectedAt, threshold, minScale);
      break;
    case 'ewma':
      outcome = ewmaFlags(prepared.values, baseline.seasonal, lambda, threshold);
      break;
    case 'level-shift':
      outcome = levelShiftFlags(prepared.values, baseline.seasonal, options?.window ?? clamp(Math.floor(n / 6), 3, 12), threshold);
      break;
    case 'volatility-shift':
      outcome = volatilityShiftFlags(prepared.values, baseline.seasonal, options?.window ?? clamp(Math.floor(n / 6), 5, 20), alpha);
      break;
    default:
      return assertNever(method);
  }
  if (outcome.note !== undefined) warnings.push(`${where}: ${outcome.note}`);

  const anomalies: Anomaly[] = [];
  for (const flag of outcome.flags.sort((a, b) => a.position - b.position)) {
    const value = prepared.values[flag.position] as number;
    const dir = flag.direction ?? (value >= flag.expected ? 'up' : 'down');
    if (direction !== 'both' && dir !== direction) continue;
    const event = events.length > 0 ? eventAt(events, prepared.keys[flag.position] as number, spacing) : undefined;
    const anomaly: Anomaly = {
      index: prepared.source[flag.position] as number,
      t: prepared.times[flag.position] as string | number,
      value,
      expected: flag.expected,
      lower: flag.lower,
      upper: flag.upper,
      score: flag.score,
      direction: dir,
      method,
      ...(event === undefined ? {} : { event }),
    };
    anomalies.push(anomaly);
  }
  return finish(anomalies, periods);
}

function isCountSeries(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v) && (v < 0 || !Number.isInteger(v))) return false;
  }
  return true;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function assertNever(x: never): never {
  return fail('INVALID_OPTION', 'detectAnomalies', 'options.method', 'a known method', x);
}
