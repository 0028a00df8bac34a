import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import type { ForecastRecord } from '../records';
import { metricsOf, seasonalNaiveScales, validateRows } from './internal/score';
import type { AccuracyDimension, ForecastAccuracyResult, GroupAccuracy, ScoredRow } from './types';

export interface ForecastAccuracyOptions {
  /** Dimensions to report separately (default `['group']`); `[]` gives the overall figures only. */
  readonly by?: AccuracyDimension | readonly AccuracyDimension[];
  /** Keep only rows of this forecast lag (or these lags); rows without a lag are then left out. */
  readonly lag?: number | readonly number[];
  /** Season length m of the seasonal naive forecast that scales MASE and RMSSE (default 1: the naive forecast). */
  readonly seasonalPeriod?: number;
  /** |tracking signal| above this is flagged (default 4, the usual limit; Brown 1959). */
  readonly trackingSignalLimit?: number;
  /** What a negative actual means: `'reject'` (default: reported in `rejected`) or `'keep'` (e.g. net returns). */
  readonly negativeActuals?: 'reject' | 'keep';
  /**
   * In-sample actuals per group (before the forecast periods) to scale MASE/RMSSE, as Hyndman & Koehler
   * define it. Groups without history are scaled by the seasonal naive error over their own actuals in `rows`.
   */
  readonly history?: readonly { readonly group: string; readonly period: string; readonly actual?: number }[];
}

const DIMENSIONS: readonly AccuracyDimension[] = ['group', 'lag', 'step', 'cycle'];

/**
 * Forecast accuracy of forecast-vs-actual rows, overall and per group / lag / step / cycle.
 *
 * Figures and conventions (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., 2021,
 * section 5.8; Hyndman & Koehler 2006, "Another look at measures of forecast accuracy", IJF 22(4), 679-688):
 * - MAE, RMSE; MAPE = `100 mean(|y - f| / |y|)` over rows with y != 0 ONLY: zero actuals are left out of the
 *   MAPE, counted in `zeroActuals`, and kept in every other figure (MAPE is `null` if all actuals are zero);
 * - WAPE = `100 sum|y - f| / sum|y|`;
 * - bias = `mean(f - y)`: POSITIVE means OVER-forecasting; `biasPercent = 100 sum(f - y) / sum|y|`;
 * - tracking signal = `sum(f - y) / MAD` (Brown 1959) of one item's series, flagged beyond ±`trackingSignalLimit`
 *   (default 4); over several items it is `null` and `groupsFlagged` counts the items beyond the limit;
 * - MASE = `mean(|y - f| / q)`, q the in-sample MAE of the seasonal naive forecast `y_{t-m}`; RMSSE =
 *   `sqrt(mean((y - f)^2 / q2))`, q2 its in-sample MSE (M5, Makridakis, Spiliotis & Assimakopoulos 2022).
 *   The overall MASE averages the scaled errors of all rows, each scaled by its own group.
 *
 * Bad rows (missing or non-finite actual/forecast, negative actual, duplicated group+period+lag+step+cycle,
 * missing group or period) are skipped and listed in `rejected`; nothing is NaN.
 *
 * Cost: O(n log n) for n rows (sorting each group's periods).
 * @throws FeedbackMinerError INVALID_ARGUMENT if `rows` is not an array; INVALID_OPTION for an unknown `by`
 *   dimension, a non-integer lag, `seasonalPeriod < 1`, `trackingSignalLimit <= 0` or an unknown policy.
 * @example
 * const rows = [10, 12, 14, 13].map((actual, i) => ({ group: 'A', period: `2026-0${i + 1}`, actual, forecast: [11, 11, 15, 10][i] }));
 * forecastAccuracy(rows).overall
 * // => { n: 4, mae: 1.5, rmse: 1.732..., mape: 12.138..., wape: 12.244..., bias: -0.5, trackingSignal: -1.333..., mase: 0.9, rmsse: 1, ... }
 */
export function forecastAccuracy(rows: readonly ForecastRecord[], options?: ForecastAccuracyOptions): ForecastAccuracyResult {
  const where = 'forecastAccuracy';
  assertArray(where, 'rows', rows);
  assertOptions(where, options);
  const by = normaliseBy(where, options?.by ?? ['group']);
  const lags = normaliseLags(where, options?.lag);
  const seasonalPeriod = options?.seasonalPeriod ?? 1;
  assertNumberOption(where, 'options.seasonalPeriod', seasonalPeriod, { min: 1, integer: true });
  const limit = options?.trackingSignalLimit ?? 4;
  assertNumberOption(where, 'options.trackingSignalLimit', limit, { min: Number.MIN_VALUE });
  const negativeActuals = options?.negativeActuals ?? 'reject';
  if (negativeActuals !== 'reject' && negativeActuals !== 'keep') {
    fail('INVALID_OPTION', where, 'options.negativeActuals', '"reject" or "keep"', negativeActuals);
  }
  if (options?.history !== undefined) assertArray(where, 'options.history', options.history);

  const warnings: string[] = [];
  const { scored, rejected, filtered } = validateRows(rows, { negativeActuals, lags });
  if (filtered > 0) warnings.push(`${filtered} row(s) of other lags left out (options.lag)`);
  if (rejected.length > 0) warnings.push(`${rejected.length} of ${rows.length} row(s) skipped (see rejected)`);
  if (scored.length === 0) warnings.push('no row could be scored: every figure is empty');
  const scales = seasonalNaiveScales(scored, options?.history, seasonalPeriod, warnings);
  const zero = scored.filter((r) => r.actual === 0).length;
  if (zero > 0) warnings.push(`${zero} row(s) with actual = 0 left out of MAPE (kept in WAPE, bias, MASE)`);

  const overall = metricsOf(scored, scales, limit);
  const groups = groupRows(scored, by).map(([key, members]): GroupAccuracy => ({ key, ...metricsOf(members, scales, limit) }));
  return { overall, groups, rejected, warnings };
}

function normaliseBy(where: string, by: unknown): AccuracyDimension[] {
  const list = typeof by === 'string' ? [by] : by;
  if (!Array.isArray(list)) fail('INVALID_OPTION', where, 'options.by', 'a dimension or an array of dimensions', by);
  for (const d of list) {
    if (!(DIMENSIONS as readonly unknown[]).includes(d)) {
      fail('INVALID_OPTION', where, 'options.by', 'made of "group", "lag", "step", "cycle"', d);
    }
  }
  return [...new Set(list as AccuracyDimension[])];
}

function normaliseLags(where: string, lag: unknown): number[] | null {
  if (lag === undefined) return null;
  const list = Array.isArray(lag) ? lag : [lag];
  for (const l of list) assertNumberOption(where, 'options.lag', l, { min: 0, integer: true });
  return list as number[];
}

/** Groups rows by the chosen dimensions, sorted by key. */
function groupRows(scored: readonly ScoredRow[], by: readonly AccuracyDimension[]): [GroupAccuracy['key'], ScoredRow[]][] {
  if (by.length === 0) return [];
  const groups = new Map<string, { values: (string | number | null)[]; key: GroupAccuracy['key']; rows: ScoredRow[] }>();
  for (const r of scored) {
    const values = by.map((d) => r[d]);
    const id = JSON.stringify(values);
    let entry = groups.get(id);
    if (entry === undefined) {
      const key: Record<string, string | number | null> = {};
      by.forEach((d, i) => (key[d] = values[i] ?? null));
      groups.set(id, (entry = { values, key: key as GroupAccuracy['key'], rows: [] }));
    }
    entry.rows.push(r);
  }
  return [...groups.values()].sort((a, b) => compareValues(a.values, b.values)).map((e) => [e.key, e.rows]);
}

function compareValues(a: readonly (string | number | null)[], b: readonly (string | number | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
