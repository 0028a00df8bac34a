import { assertArray, assertOptions, fail } from '../errors';
import type { ForecastRecord, Rejected } from '../records';
import { metricsOf, seasonalNaiveScales, validateRows } from './internal/score';
import type { ScoredRow } from './types';

export interface ForecastValueAddedOptions {
  /** The steps in process order (default: 'naive', 'statistical', 'consensus', 'final' as present, then any others by name). */
  readonly steps?: readonly string[];
  /** Figure the stair-step compares (default `'wape'`). */
  readonly metric?: 'wape' | 'mae' | 'mape';
}

export interface StepValue {
  readonly step: string;
  /** Rows scored at this step (the complete cases only). */
  readonly n: number;
  /** The chosen figure for this step (WAPE/MAPE in %, MAE in units); null when undefined (e.g. all actuals 0). */
  readonly value: number | null;
  /** Value added over the step before: `value(before) - value(this)`; positive = this step improved the forecast. */
  readonly valueAdded: number | null;
  /** The same against the first step (usually the naive forecast). */
  readonly valueAddedOverFirst: number | null;
  /** Items (groups) where this step's MAE beats, loses to, or ties the step before. */
  readonly itemsBetter: number;
  readonly itemsWorse: number;
  readonly itemsTied: number;
  /** itemsBetter / items compared; null for the first step. */
  readonly shareBetter: number | null;
}

export interface ForecastValueAddedResult {
  readonly metric: 'wape' | 'mae' | 'mape';
  readonly steps: StepValue[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

const DEFAULT_ORDER = ['naive', 'statistical', 'consensus', 'final'];

/**
 * Forecast value added (Gilliland 2010, "The Business Forecasting Deal", Wiley; Gilliland 2013, "FVA: a
 * reality check on forecasting practices", Foresight 29): the stair-step of a forecasting process
 * (naive -> statistical -> consensus, or any steps given), each step's accuracy beside the one before, and the
 * share of items where a step beat the step before it.
 *
 * Steps are compared on the same (group, period, lag, cycle) keys only: keys that lack a step are left out and
 * counted in `warnings`, so that no step looks better for having been scored on easier periods. Rows without a
 * step, and rows `forecastAccuracy` would reject (missing actuals, duplicates, ...), are listed in `rejected`.
 *
 * Cost: O(n log n) for n rows.
 * @throws FeedbackMinerError INVALID_ARGUMENT if `rows` is not an array; INVALID_OPTION for an unknown metric or
 *   a `steps` list that is not strings.
 * @example
 * // Actuals A = 10, 10 and B = 20, 20; naive 12, 8, 25, 15; statistical 11, 9, 22, 18; consensus 10, 10, 24, 16.
 * forecastValueAdded(rows).steps.map(s => [s.step, s.value, s.valueAdded, s.shareBetter])
 * // => [['naive', 23.33, null, null], ['statistical', 10, 13.33, 1], ['consensus', 13.33, -3.33, 0.5]]
 */
export function forecastValueAdded(rows: readonly ForecastRecord[], options?: ForecastValueAddedOptions): ForecastValueAddedResult {
  const where = 'forecastValueAdded';
  assertArray(where, 'rows', rows);
  assertOptions(where, options);
  const metric = options?.metric ?? 'wape';
  if (metric !== 'wape' && metric !== 'mae' && metric !== 'mape') fail('INVALID_OPTION', where, 'options.metric', '"wape", "mae" or "mape"', metric);
  if (options?.steps !== undefined && (!Array.isArray(options.steps) || options.steps.some((s) => typeof s !== 'string'))) {
    fail('INVALID_OPTION', where, 'options.steps', 'an array of step names', options.steps);
  }
  const warnings: string[] = [];
  const { scored, rejected } = validateRows(rows, { negativeActuals: 'reject', lags: null });
  const withStep: ScoredRow[] = [];
  for (const r of scored) {
    if (r.step === null) rejected.push({ row: r.row, field: 'step', reason: 'missing step' });
    else withStep.push(r);
  }
  rejected.sort((a, b) => a.row - b.row);
  const present = [...new Set(withStep.map((r) => r.step as string))];
  const order = options?.steps
    ? [...options.steps]
    : [...DEFAULT_ORDER.filter((s) => present.includes(s)), ...present.filter((s) => !DEFAULT_ORDER.includes(s)).sort()];
  const unknown = present.filter((s) => !order.includes(s));
  if (unknown.length > 0) warnings.push(`rows of steps not in options.steps left out: ${unknown.join(', ')}`);
  if (order.length < 2) {
    warnings.push('fewer than two steps: nothing to compare');
  }
  // Complete cases: keys that have every step.
  const byKey = new Map<string, Map<string, ScoredRow>>();
  for (const r of withStep) {
    if (!order.includes(r.step as string)) continue;
    const key = JSON.stringify([r.group, r.period, r.lag, r.cycle]);
    let m = byKey.get(key);
    if (m === undefined) byKey.set(key, (m = new Map()));
    m.set(r.step as string, r);
  }
  const complete = [...byKey.values()].filter((m) => order.every((s) => m.has(s)));
  const incomplete = byKey.size - complete.length;
  if (incomplete > 0) warnings.push(`${incomplete} group-period key(s) lack some step and were left out of the comparison`);
  if (rejected.length > 0) warnings.push(`${rejected.length} row(s) skipped (see rejected)`);
  const scales = seasonalNaiveScales([], undefined, 1, []);
  const perStep = order.map((step) => complete.map((m) => m.get(step) as ScoredRow));
  const figure = (list: readonly ScoredRow[]): number | null => {
    const m = metricsOf(list, scales, 4);
    if (list.length === 0) return null;
    return metric === 'wape' ? m.wape : metric === 'mape' ? m.mape : m.mae;
  };
  const values = perStep.map(figure);
  const steps: StepValue[] = order.map((step, i) => {
    const value = values[i] ?? null;
    const previous = i > 0 ? (values[i - 1] ?? null) : null;
    const firstValue = values[0] ?? null;
    let itemsBetter = 0;
    let itemsWorse = 0;
    let itemsTied = 0;
    if (i > 0) {
      const maeByGroup = (list: readonly ScoredRow[]): Map<string, number> => {
        const sums = new Map<string, [number, number]>();
        for (const r of list) {
          const s = sums.get(r.group) ?? [0, 0];
          s[0] += Math.abs(r.forecast - r.actual);
          s[1]++;
          sums.set(r.group, s);
        }
        return new Map([...sums].map(([g, [sum, n]]) => [g, sum / n]));
      };
      const now = maeByGroup(perStep[i] as ScoredRow[]);
      const before = maeByGroup(perStep[i - 1] as ScoredRow[]);
      for (const [group, mae] of now) {
        const b = before.get(group) as number;
        if (Math.abs(mae - b) <= 1e-12 * Math.max(1, Math.abs(b))) itemsTied++;
        else if (mae < b) itemsBetter++;
        else itemsWorse++;
      }
    }
    const compared = itemsBetter + itemsWorse + itemsTied;
    return {
      step,
      n: (perStep[i] as ScoredRow[]).length,
      value,
      valueAdded: i > 0 && value !== null && previous !== null ? previous - value : null,
      valueAddedOverFirst: i > 0 && value !== null && firstValue !== null ? firstValue - value : null,
      itemsBetter,
      itemsWorse,
      itemsTied,
      shareBetter: i > 0 && compared > 0 ? itemsBetter / compared : null,
    };
  });
  return { metric, steps, rejected, warnings };
}
