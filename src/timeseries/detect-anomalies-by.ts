import { assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { type DetectAnomaliesOptions, detectAnomalies } from './detect-anomalies';
import { type Accessor, type Aggregation, type GapPolicy, type GroupBy, toSeries } from './to-series';
import type { Anomaly } from './types';
import type { Frequency } from './dates';

export interface DetectAnomaliesByOptions<R> extends DetectAnomaliesOptions {
  /** The series key: a function, a field name, or several field names (product x region). */
  readonly by: GroupBy<R>;
  /** The period's date (default: the field `date`). */
  readonly t?: Accessor<R>;
  readonly value: Accessor<R>;
  readonly freq: Frequency;
  readonly agg?: Aggregation;
  /** Gap policy for `toSeries` (default `'missing'`: gaps are never flagged and never read as zero sales). */
  readonly gaps?: GapPolicy;
  /** A common span for every series (ISO dates). */
  readonly start?: string;
  readonly end?: string;
}

/** One series' anomalies. */
export interface GroupAnomalies {
  readonly key: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Number of periods in the series. */
  readonly length: number;
  readonly periods: number[];
  readonly anomalies: Anomaly[];
  readonly warnings: string[];
}

export interface AnomaliesByResult {
  /** Every group, in key order (groups without anomalies included, with an empty list). */
  readonly groups: GroupAnomalies[];
  /** Records skipped while building the series (unreadable date or value, missing group key). */
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Runs {@link detectAnomalies} over many series at once: builds one regular series per group with `toSeries`
 * (bucketing, aggregation, gap policy) and detects anomalies in each with the same options, so that a product x
 * region panel of thousands of series is one call. Anomaly `index` values refer to each group's series points;
 * `t` is the period's ISO date.
 *
 * Bad data never throws: skipped records are reported once in `rejected`; each group's degraded methods and
 * gaps in its `warnings`.
 *
 * Cost: O(n) to build the series plus the detector's cost per series (O(m log m) for S-H-ESD on m periods);
 * memory O(n + g m) for g groups.
 * @throws FeedbackMinerError as `toSeries` and `detectAnomalies` for bad options.
 * @example
 * const rows = []
 * for (let w = 0; w < 30; w++) {
 *   const date = new Date(Date.UTC(2026, 0, 5) + w * 7 * 86_400_000).toISOString().slice(0, 10)
 *   rows.push({ date, product: 'A', units: 10 + (w % 3) }, { date, product: 'B', units: w === 20 ? 90 : 20 + (w % 2) })
 * }
 * detectAnomaliesBy(rows, { by: 'product', value: 'units', freq: 'week', period: 'none' })
 *   .groups.map((g) => [g.key, g.anomalies.map((a) => a.index)]) // => [['A', []], ['B', [20]]]
 */
export function detectAnomaliesBy<R>(records: readonly R[], options: DetectAnomaliesByOptions<R>): AnomaliesByResult {
  const where = 'detectAnomaliesBy';
  assertOptions(where, options);
  if (options === undefined || options.by === undefined) fail('INVALID_OPTION', where, 'options.by', 'a function, a field name or an array of field names', undefined);
  const { by, t, value, freq, agg, gaps, start, end, ...detectorOptions } = options;
  const set = toSeries(records, {
    by,
    value,
    freq,
    ...(t === undefined ? {} : { t }),
    ...(agg === undefined ? {} : { agg }),
    ...(gaps === undefined ? {} : { gaps }),
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
  });
  // Validate the detector options once, up front, so that a bad option throws even with no records.
  detectAnomalies([], detectorOptions);
  const groups = set.series.map((series) => {
    const points = series.points.map((p) => ({ t: p.t, value: p.value }));
    const found = detectAnomalies(points, detectorOptions);
    const warnings = found.warnings.filter((w) => !w.includes('kept as gaps'));
    const gapCount = found.rejected.length;
    if (gapCount > 0) warnings.push(`${where}: ${gapCount} empty period(s) in ${JSON.stringify(series.key)} treated as gaps`);
    return {
      key: series.key,
      dimensions: series.dimensions,
      length: series.points.length,
      periods: found.periods,
      anomalies: [...found],
      warnings,
    };
  });
  return { groups, rejected: set.rejected, warnings: set.warnings };
}
