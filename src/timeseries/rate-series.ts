import { assertArray, assertOptions, describeValue, fail } from '../errors';
import type { Rejected } from '../records';
import type { Frequency } from './dates';
import type { RatePoint } from './rate';
import { type Accessor, type GapPolicy, toSeries } from './to-series';

export interface RateSeriesOptions<R> {
  /** The period's date (default: the field `date`). */
  readonly t?: Accessor<R>;
  /** Successes per record, e.g. `'orders'`. */
  readonly numerator: Accessor<R>;
  /** Trials per record, e.g. `'visits'`. */
  readonly denominator: Accessor<R>;
  readonly freq: Frequency;
}

/** A period of a ratio KPI with both parts kept, and the ratio itself. */
export interface RateSeriesPoint extends RatePoint {
  readonly t: string;
  /** numerator / denominator. */
  readonly value: number;
}

export interface RateSeries {
  readonly points: RateSeriesPoint[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Builds a ratio KPI per period (conversion = orders / visits, return rate = returns / orders) that keeps the
 * numerator and the denominator, summed per period, so that {@link detectRateAnomalies} can weigh a rate by how
 * many trials it rests on. Records are bucketed as in `toSeries` (UTC day, ISO week, month).
 *
 * Bad data never throws: records with an unreadable date or part are rejected and reported (a record missing
 * either part is left out of both sums); a period with no trials (denominator 0 or no record) has no point and
 * is reported in `warnings`.
 *
 * Cost: O(n + p) time and O(p) memory for n records and p periods.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `records` is not an array; INVALID_OPTION for a bad accessor
 *   or frequency (as `toSeries`).
 * @example
 * toRateSeries([{ date: '2026-01-05', orders: 3, visits: 100 }, { date: '2026-01-06', orders: 1, visits: 50 }],
 *   { numerator: 'orders', denominator: 'visits', freq: 'week' }).points
 * // => [{ t: '2026-01-05', numerator: 4, denominator: 150, value: 0.02666666666666667 }]
 */
export function toRateSeries<R>(records: readonly R[], options: RateSeriesOptions<R>): RateSeries {
  const where = 'toRateSeries';
  assertArray(where, 'records', records);
  assertOptions(where, options);
  if (options === undefined) fail('INVALID_ARGUMENT', where, 'options', 'an object with numerator, denominator and freq', options);
  const read = (accessor: Accessor<R>, record: R, index: number): unknown =>
    typeof accessor === 'function' ? accessor(record, index) : (record as Record<string, unknown>)[accessor];
  if (typeof options.numerator !== 'function' && typeof options.numerator !== 'string') {
    fail('INVALID_OPTION', where, 'options.numerator', 'a function or a field name', options.numerator);
  }
  if (typeof options.denominator !== 'function' && typeof options.denominator !== 'string') {
    fail('INVALID_OPTION', where, 'options.denominator', 'a function or a field name', options.denominator);
  }
  const gaps: GapPolicy = 'missing';
  // A record counts only with both parts, so that both sums cover the same records.
  const rejected: Rejected[] = [];
  const keptRows: number[] = [];
  records.forEach((record, row) => {
    const x = record === null || record === undefined ? undefined : read(options.numerator, record, row);
    const n = record === null || record === undefined ? undefined : read(options.denominator, record, row);
    const name = (accessor: Accessor<R>, fallback: string): string => (typeof accessor === 'string' ? accessor : fallback);
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      rejected.push({ row, field: name(options.numerator, 'numerator'), reason: `expected a finite number >= 0, found ${describeValue(x)}` });
    } else if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      rejected.push({ row, field: name(options.denominator, 'denominator'), reason: `expected a finite number >= 0, found ${describeValue(n)}` });
    } else keptRows.push(row);
  });
  const kept = keptRows.map((row) => records[row] as R);
  const at = (index: number): number => keptRows[index] as number;
  const base = {
    freq: options.freq,
    gaps,
    ...(options.t === undefined ? {} : { t: (_: R, index: number) => read(options.t as Accessor<R>, records[at(index)] as R, at(index)) }),
  };
  const numerators = toSeries(kept, { ...base, value: (record: R, index: number) => read(options.numerator, record, at(index)) });
  const denominators = toSeries(kept, { ...base, value: (record: R, index: number) => read(options.denominator, record, at(index)) });
  for (const r of denominators.rejected) rejected.push({ ...r, row: at(r.row) });
  rejected.sort((a, b) => a.row - b.row);
  const warnings: string[] = [];
  const numeratorAt = new Map(numerators.points.map((p) => [p.t, p.value]));
  const points: RateSeriesPoint[] = [];
  let empty = 0;
  for (const period of denominators.points) {
    const x = numeratorAt.get(period.t);
    const n = period.value;
    if (!(n > 0) || x === undefined || !Number.isFinite(x)) {
      empty++;
      continue;
    }
    points.push({ t: period.t, numerator: x, denominator: n, value: x / n });
  }
  if (rejected.length > 0) warnings.push(`${where}: ${rejected.length} record(s) skipped; see rejected`);
  if (empty > 0) warnings.push(`${where}: ${empty} period(s) without trials have no point`);
  return { points, rejected, warnings };
}
