import { assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { bucketStart, formatIsoDate, toEpochMs, type Frequency } from '../timeseries/dates';
import type { Point } from '../timeseries/types';
import { mergeSums, sumValue } from './compensated';
import { checkRecords } from './counts';
import { checkOffset, mergeRejected, sortedObject } from './rejected';
import type { Aggregate, CompensatedSum } from './types';

/** One bucket: the compensated sum of the values and their count. */
export interface Bucket {
  readonly sum: CompensatedSum;
  readonly count: number;
}

/** Partial summary of {@link seriesBuckets}: per series key, per period start (`YYYY-MM-DD`), a bucket. */
export interface SeriesPartial {
  readonly frequency: Frequency;
  readonly buckets: Readonly<Record<string, Readonly<Record<string, Bucket>>>>;
  readonly rejected: readonly Rejected[];
}

export interface SeriesBucketsOptions<R> {
  /** Bucket width: `'day'`, `'week'` (ISO, Monday start) or `'month'` (default `'week'`). */
  readonly frequency?: Frequency;
  /** The series a record belongs to (product, region, ...); default `r.key`, or `'all'` when absent. */
  readonly key?: (record: R, index: number) => string | null | undefined;
  /** The record's time: epoch ms, a Date or an ISO date string; default `r.date`. */
  readonly t?: (record: R, index: number) => unknown;
  /** The record's value; default `r.value`. */
  readonly value?: (record: R, index: number) => number | null | undefined;
}

const FREQUENCIES: readonly Frequency[] = ['day', 'week', 'month'];

/**
 * Sums and counts per series and period (day, week or month): the mergeable form of `toSeries`, so sales or
 * feedback volumes from many shards (files, days, machines) can be bucketed apart and combined. Merge adds
 * buckets with compensated sums (Neumaier 1974): counts exact, sums to within rounding; associative and
 * commutative; identity no buckets. Keys and periods are sorted, so equal summaries have equal JSON.
 *
 * Cost: partial O(n + b log b) for b buckets; merge O(b log b).
 * @throws FeedbackMinerError INVALID_OPTION for an unknown frequency or a non-function accessor; INVALID_ARGUMENT on misuse of merge
 * @example
 * const s = seriesBuckets<{ key: string; date: string; value: number }>({ frequency: 'week' });
 * seriesPoints(s.partial([{ key: 'a', date: '2026-01-06', value: 2 }, { key: 'a', date: '2026-01-08', value: 3 }])).a
 * // => [{ t: '2026-01-05', value: 5, count: 2 }]
 */
export function seriesBuckets<R>(options?: SeriesBucketsOptions<R>): Aggregate<R, SeriesPartial> {
  const where = 'seriesBuckets';
  assertOptions(where, options);
  const frequency = options?.frequency ?? 'week';
  if (!FREQUENCIES.includes(frequency)) fail('INVALID_OPTION', where, 'options.frequency', "'day', 'week' or 'month'", frequency);
  const keyOf = options?.key ?? ((r: R) => (r as { key?: string } | null)?.key ?? 'all');
  const timeOf = options?.t ?? ((r: R) => (r as { date?: unknown } | null)?.date);
  const valueOf = options?.value ?? ((r: R) => (r as { value?: number } | null)?.value);
  for (const [name, f] of [['key', keyOf], ['t', timeOf], ['value', valueOf]] as const) {
    if (typeof f !== 'function') fail('INVALID_OPTION', where, `options.${name}`, 'a function', f);
  }
  return {
    name: where,
    identity: Object.freeze({ frequency, buckets: Object.freeze({}), rejected: Object.freeze([]) }),
    partial(records, offset) {
      const start = checkOffset(`${where}.partial`, offset);
      checkRecords(`${where}.partial`, records);
      const series = new Map<string, Map<string, { sum: number; compensation: number; count: number }>>();
      const rejected: Rejected[] = [];
      records.forEach((record, i) => {
        const row = start + i;
        const key = keyOf(record, row);
        if (typeof key !== 'string' || key === '') {
          rejected.push({ row, field: 'key', reason: `not a non-empty string (found ${String(key)})` });
          return;
        }
        const ms = toEpochMs(timeOf(record, row));
        if (ms === undefined || !Number.isFinite(ms)) {
          rejected.push({ row, field: 't', reason: 'not a date' });
          return;
        }
        const value = valueOf(record, row);
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          rejected.push({ row, field: 'value', reason: `not a finite number (found ${String(value)})` });
          return;
        }
        const period = formatIsoDate(bucketStart(ms, frequency));
        let buckets = series.get(key);
        if (buckets === undefined) series.set(key, (buckets = new Map()));
        let bucket = buckets.get(period);
        if (bucket === undefined) buckets.set(period, (bucket = { sum: 0, compensation: 0, count: 0 }));
        const s = bucket.sum + value;
        bucket.compensation += Math.abs(bucket.sum) >= Math.abs(value) ? bucket.sum - s + value : value - s + bucket.sum;
        bucket.sum = s;
        bucket.count++;
      });
      const out = new Map<string, Record<string, Bucket>>();
      for (const [key, buckets] of series) {
        const inner = new Map<string, Bucket>();
        for (const [period, b] of buckets) inner.set(period, { sum: { sum: b.sum, compensation: b.compensation }, count: b.count });
        out.set(key, sortedObject(inner));
      }
      return { frequency, buckets: sortedObject(out), rejected };
    },
    merge(a, b) {
      for (const [name, value] of [['a', a], ['b', b]] as const) {
        if (value === null || typeof value !== 'object' || value.frequency !== frequency || typeof value.buckets !== 'object' || !Array.isArray(value.rejected)) {
          fail('INVALID_ARGUMENT', `${where}.merge`, name, `a series partial of frequency '${frequency}'`, value);
        }
      }
      const out = new Map<string, Record<string, Bucket>>();
      for (const key of new Set([...Object.keys(a.buckets), ...Object.keys(b.buckets)])) {
        const left = a.buckets[key] ?? {};
        const right = b.buckets[key] ?? {};
        const inner = new Map<string, Bucket>();
        for (const period of new Set([...Object.keys(left), ...Object.keys(right)])) {
          const x = left[period];
          const y = right[period];
          inner.set(
            period,
            x === undefined ? (y as Bucket) : y === undefined ? x : { sum: mergeSums(x.sum, y.sum), count: x.count + y.count },
          );
        }
        out.set(key, sortedObject(inner));
      }
      return { frequency, buckets: sortedObject(out), rejected: mergeRejected(a.rejected, b.rejected) };
    },
  };
}

/**
 * The series of a partial, per key: one point per bucket in time order (`t` the period start as `YYYY-MM-DD`,
 * `value` the sum, `count` the records), ready for `detectAnomalies`. Empty periods are not filled.
 * Cost: O(b log b).
 * @example seriesPoints({ frequency: 'day', buckets: { a: { '2026-01-01': { sum: { sum: 2, compensation: 0 }, count: 1 } } }, rejected: [] })
 * // => { a: [{ t: '2026-01-01', value: 2, count: 1 }] }
 */
export function seriesPoints(partial: SeriesPartial): Record<string, (Point & { count: number })[]> {
  if (partial === null || typeof partial !== 'object' || typeof partial.buckets !== 'object') {
    fail('INVALID_ARGUMENT', 'seriesPoints', 'partial', 'a series partial', partial);
  }
  const out = new Map<string, (Point & { count: number })[]>();
  for (const [key, buckets] of Object.entries(partial.buckets)) {
    out.set(
      key,
      Object.keys(buckets)
        .sort()
        .map((t) => ({ t, value: sumValue((buckets[t] as Bucket).sum), count: (buckets[t] as Bucket).count })),
    );
  }
  return sortedObject(out);
}
