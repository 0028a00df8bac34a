import { assertArray, assertOptions, describeValue, fail } from '../errors';
import type { Rejected } from '../records';
import { bucketStart, formatIsoDate, type Frequency, nextBucket, parseIsoTime, toEpochMs } from './dates';

/** Reads a field from a record: a function, or the name of a property. */
export type Accessor<R> = ((record: R, index: number) => unknown) | (keyof R & string);

/** How records falling in the same period are combined (default `'sum'`). */
export type Aggregation = 'sum' | 'mean' | 'min' | 'max' | 'count' | 'first' | 'last';

/**
 * What a period with no record becomes: `'missing'` (default: a point with value NaN and `missing: true`, never
 * a silent 0), `'zero'` (a sale of 0, for data where no record means no sale), or `'interpolate'` (linear
 * between the neighbouring periods, marked `imputed: true`).
 */
export type GapPolicy = 'missing' | 'zero' | 'interpolate';

/** One period of a series. `t` is the ISO date (`YYYY-MM-DD`) of the period's first day, in UTC. */
export interface SeriesPoint {
  readonly t: string;
  readonly value: number;
  /** Number of input records aggregated into this period (0 for a gap). */
  readonly count: number;
  /** Set on a gap left missing (`value` is NaN). */
  readonly missing?: true;
  /** Set on a gap filled by the gap policy (`'zero'` or `'interpolate'`). */
  readonly imputed?: true;
}

/** A regular series with a trace of every record skipped. */
export interface Series {
  /** Group key (`''` without `by`). */
  readonly key: string;
  readonly points: SeriesPoint[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/** One group's series inside a {@link SeriesSet}. */
export interface GroupSeries {
  readonly key: string;
  /** The dimension values of the group when `by` names fields: `{ product: 'A', region: 'North' }`. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly points: SeriesPoint[];
}

/** Series per group, with every skipped record reported once. */
export interface SeriesSet {
  readonly series: GroupSeries[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

export interface ToSeriesOptions<R> {
  /** The period's date: an ISO 8601 string, a `Date` or epoch milliseconds (default: the field `date`). */
  readonly t?: Accessor<R>;
  /** The measure: must be a finite number; anything else is rejected and reported. */
  readonly value: Accessor<R>;
  readonly freq: Frequency;
  readonly agg?: Aggregation;
  readonly gaps?: GapPolicy;
  /** First and last period to cover (ISO dates); default: the first and last period with data. */
  readonly start?: string;
  readonly end?: string;
}

/** Grouping: a function giving the key, a field name, or several field names (product x region). */
export type GroupBy<R> = ((record: R, index: number) => unknown) | (keyof R & string) | readonly (keyof R & string)[];

const AGGREGATIONS: readonly Aggregation[] = ['sum', 'mean', 'min', 'max', 'count', 'first', 'last'];
const GAP_POLICIES: readonly GapPolicy[] = ['missing', 'zero', 'interpolate'];
const FREQUENCIES: readonly Frequency[] = ['day', 'week', 'month'];
/** Guard against a stray date (year 1900 in daily data) turning one series into millions of empty periods. */
const MAX_PERIODS = 10_000_000;

interface Bucket {
  sum: number;
  /** Neumaier's running compensation of `sum` (a bucket may hold millions of records). */
  compensation: number;
  count: number;
  min: number;
  max: number;
  first: number;
  last: number;
}

/**
 * Builds regular time series from records: reads the date and the measure through accessors, buckets by UTC
 * day, ISO week (starting Monday, ISO 8601) or calendar month, aggregates records that share a period, sorts
 * by time, and applies an explicit gap policy to periods without records. With `by`, one series per group
 * (product, region, product x region), each on its own span unless `start`/`end` fix a common one.
 *
 * Bad data never throws: a record whose date is unreadable or whose value is NaN, Infinity, a string, null or
 * missing is skipped and listed in `rejected` (`{ row, field, reason }`); gaps are reported in `warnings`.
 *
 * Cost: O(n + p) time and O(g + p) memory for n records, g groups and p periods (a hash map per group).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `records` is not an array or `options` not an object;
 *   INVALID_OPTION for an unknown `freq`, `agg` or `gaps`, a missing `value` accessor, a bad `start`/`end`, or
 *   a span of more than 10,000,000 periods.
 * @example
 * toSeries(
 *   [{ date: '2026-01-06', units: 3 }, { date: '2026-01-07', units: 2 }, { date: '2026-01-21', units: 4 }],
 *   { value: 'units', freq: 'week' },
 * ).points
 * // => [{ t: '2026-01-05', value: 5, count: 2 }, { t: '2026-01-12', value: NaN, count: 0, missing: true },
 * //     { t: '2026-01-19', value: 4, count: 1 }]
 */
export function toSeries<R>(records: readonly R[], options: ToSeriesOptions<R> & { readonly by: GroupBy<R> }): SeriesSet;
export function toSeries<R>(records: readonly R[], options: ToSeriesOptions<R> & { readonly by?: undefined }): Series;
export function toSeries<R>(
  records: readonly R[],
  options: ToSeriesOptions<R> & { readonly by?: GroupBy<R> | undefined },
): Series | SeriesSet {
  const where = 'toSeries';
  assertArray(where, 'records', records);
  assertOptions(where, options);
  if (options === undefined) fail('INVALID_ARGUMENT', where, 'options', 'an object with value and freq', options);
  const readT = accessorOf<R>(where, 'options.t', options.t ?? ('date' as keyof R & string));
  const readValue = accessorOf<R>(where, 'options.value', options.value);
  if (!FREQUENCIES.includes(options.freq)) fail('INVALID_OPTION', where, 'options.freq', "'day', 'week' or 'month'", options.freq);
  const agg = options.agg ?? 'sum';
  if (!AGGREGATIONS.includes(agg)) fail('INVALID_OPTION', where, 'options.agg', AGGREGATIONS.map((a) => `'${a}'`).join(', '), agg);
  const gaps = options.gaps ?? 'missing';
  if (!GAP_POLICIES.includes(gaps)) fail('INVALID_OPTION', where, 'options.gaps', "'missing', 'zero' or 'interpolate'", gaps);
  const freq = options.freq;
  const start = boundOption(where, 'options.start', options.start, freq);
  const end = boundOption(where, 'options.end', options.end, freq);
  if (start !== undefined && end !== undefined && end < start) {
    fail('INVALID_OPTION', where, 'options.end', 'a date on or after options.start', options.end);
  }
  const grouping = options.by === undefined ? undefined : groupReader<R>(where, options.by);

  const rejected: Rejected[] = [];
  const groups = new Map<string, { dimensions: Record<string, string>; buckets: Map<number, Bucket> }>();
  for (let row = 0; row < records.length; row++) {
    const record = records[row] as R;
    if (record === null || record === undefined) {
      rejected.push({ row, field: 'record', reason: `expected a record, found ${describeValue(record)}` });
      continue;
    }
    const rawT = readT(record, row);
    const ms = toEpochMs(rawT);
    if (ms === undefined) {
      rejected.push({ row, field: fieldName(options.t, 'date'), reason: `expected an ISO 8601 date, a Date or epoch ms, found ${describeValue(rawT)}` });
      continue;
    }
    const rawValue = readValue(record, row);
    if (typeof rawValue !== 'number' || !Number.isFinite(rawValue)) {
      rejected.push({ row, field: fieldName(options.value, 'value'), reason: `expected a finite number, found ${describeValue(rawValue)}` });
      continue;
    }
    const period = bucketStart(ms, freq);
    if (start !== undefined && period < start) {
      rejected.push({ row, field: fieldName(options.t, 'date'), reason: `before options.start (${options.start})` });
      continue;
    }
    if (end !== undefined && period > end) {
      rejected.push({ row, field: fieldName(options.t, 'date'), reason: `after options.end (${options.end})` });
      continue;
    }
    let key = '';
    let dimensions: Record<string, string> = {};
    if (grouping !== undefined) {
      const group = grouping(record, row);
      if (group === undefined) {
        rejected.push({ row, field: 'by', reason: `missing group key (${describeGroupBy(options.by)})` });
        continue;
      }
      key = group.key;
      dimensions = group.dimensions;
    }
    let entry = groups.get(key);
    if (entry === undefined) {
      entry = { dimensions, buckets: new Map() };
      groups.set(key, entry);
    }
    const bucket = entry.buckets.get(period);
    if (bucket === undefined) {
      entry.buckets.set(period, { sum: rawValue, compensation: 0, count: 1, min: rawValue, max: rawValue, first: rawValue, last: rawValue });
    } else {
      const next = bucket.sum + rawValue;
      bucket.compensation += Math.abs(bucket.sum) >= Math.abs(rawValue) ? bucket.sum - next + rawValue : rawValue - next + bucket.sum;
      bucket.sum = next;
      bucket.count += 1;
      if (rawValue < bucket.min) bucket.min = rawValue;
      if (rawValue > bucket.max) bucket.max = rawValue;
      bucket.last = rawValue;
    }
  }

  const warnings: string[] = [];
  const built: GroupSeries[] = [];
  const keys = Array.from(groups.keys()).sort();
  for (const key of keys) {
    const entry = groups.get(key) as { dimensions: Record<string, string>; buckets: Map<number, Bucket> };
    const points = fillSeries(where, entry.buckets, freq, agg, gaps, start, end, key, warnings);
    built.push({ key, dimensions: entry.dimensions, points });
  }
  if (records.length > 0 && rejected.length > 0) {
    warnings.push(`${where}: ${rejected.length} of ${records.length} record(s) skipped; see rejected`);
  }
  if (grouping !== undefined) return { series: built, rejected, warnings };
  const only = built[0];
  let points = only?.points ?? [];
  if (only === undefined && start !== undefined && end !== undefined) {
    points = fillSeries(where, new Map(), freq, agg, gaps, start, end, '', warnings);
  }
  return { key: '', points, rejected, warnings };
}

function fillSeries(
  where: string,
  buckets: ReadonlyMap<number, Bucket>,
  freq: Frequency,
  agg: Aggregation,
  gaps: GapPolicy,
  start: number | undefined,
  end: number | undefined,
  key: string,
  warnings: string[],
): SeriesPoint[] {
  let first = start ?? Infinity;
  let last = end ?? -Infinity;
  if (start === undefined || end === undefined) {
    for (const period of buckets.keys()) {
      if (start === undefined && period < first) first = period;
      if (end === undefined && period > last) last = period;
    }
  }
  if (!Number.isFinite(first) || !Number.isFinite(last)) return [];
  const widthDays = freq === 'day' ? 1 : freq === 'week' ? 7 : 28;
  if ((last - first) / (widthDays * 86_400_000) > MAX_PERIODS) {
    fail('INVALID_OPTION', where, 'the span of t', `at most ${MAX_PERIODS} periods`, `${formatIsoDate(first)} to ${formatIsoDate(last)}`);
  }
  const points: SeriesPoint[] = [];
  const gapIndices: number[] = [];
  for (let period = first; period <= last; period = nextBucket(period, freq)) {
    const bucket = buckets.get(period);
    const t = formatIsoDate(period);
    if (bucket === undefined) {
      gapIndices.push(points.length);
      if (gaps === 'zero') points.push({ t, value: 0, count: 0, imputed: true });
      else points.push({ t, value: Number.NaN, count: 0, missing: true });
    } else {
      points.push({ t, value: aggregate(bucket, agg), count: bucket.count });
    }
  }
  if (gapIndices.length > 0) {
    const label = key === '' ? '' : ` in group ${JSON.stringify(key)}`;
    if (gaps === 'interpolate') {
      const unfilled = interpolateGaps(points, gapIndices);
      warnings.push(`${where}: ${gapIndices.length - unfilled} empty period(s)${label} interpolated (imputed: true)`);
      if (unfilled > 0) warnings.push(`${where}: ${unfilled} empty period(s)${label} at the ends could not be interpolated and are missing`);
    } else if (gaps === 'zero') {
      warnings.push(`${where}: ${gapIndices.length} empty period(s)${label} set to 0 (imputed: true)`);
    } else {
      warnings.push(`${where}: ${gapIndices.length} empty period(s)${label} left missing (value NaN, missing: true)`);
    }
  }
  return points;
}

// Linear interpolation between the nearest periods with data; a gap before the first or after the last data
// period (possible with start/end) stays missing. Returns how many stayed missing.
function interpolateGaps(points: SeriesPoint[], gapIndices: readonly number[]): number {
  let unfilled = 0;
  let g = 0;
  while (g < gapIndices.length) {
    const from = gapIndices[g] as number;
    let to = from;
    while (g + 1 < gapIndices.length && gapIndices[g + 1] === to + 1) {
      g++;
      to++;
    }
    g++;
    const left = points[from - 1];
    const right = points[to + 1];
    for (let i = from; i <= to; i++) {
      const old = points[i] as SeriesPoint;
      if (left === undefined || right === undefined) {
        unfilled++;
        continue;
      }
      const fraction = (i - from + 1) / (to - from + 2);
      points[i] = { t: old.t, value: left.value + (right.value - left.value) * fraction, count: 0, imputed: true };
    }
  }
  return unfilled;
}

function compensated(bucket: Bucket): number {
  return Number.isFinite(bucket.compensation) ? bucket.sum + bucket.compensation : bucket.sum;
}

function aggregate(bucket: Bucket, agg: Aggregation): number {
  switch (agg) {
    case 'sum':
      return compensated(bucket);
    case 'mean':
      return compensated(bucket) / bucket.count;
    case 'min':
      return bucket.min;
    case 'max':
      return bucket.max;
    case 'count':
      return bucket.count;
    case 'first':
      return bucket.first;
    case 'last':
      return bucket.last;
  }
}

function accessorOf<R>(where: string, parameter: string, accessor: unknown): (record: R, index: number) => unknown {
  if (typeof accessor === 'function') return accessor as (record: R, index: number) => unknown;
  if (typeof accessor === 'string') return (record: R) => (record as Record<string, unknown>)[accessor];
  return fail('INVALID_OPTION', where, parameter, 'a function or a field name', accessor);
}

// The field name reported in `rejected`: the accessor's field, or the option's name for a function accessor.
function fieldName(accessor: unknown, fallback: string): string {
  if (typeof accessor === 'string') return accessor;
  return accessor === undefined ? fallback : fallback === 'date' ? 't' : fallback;
}

function describeGroupBy(by: unknown): string {
  if (typeof by === 'string') return by;
  if (Array.isArray(by)) return by.join(' x ');
  return 'by()';
}

function groupReader<R>(
  where: string,
  by: GroupBy<R>,
): (record: R, index: number) => { key: string; dimensions: Record<string, string> } | undefined {
  if (typeof by === 'function') {
    return (record, index) => {
      const value = by(record, index);
      if (value === undefined || value === null || value === '') return undefined;
      return { key: String(value), dimensions: {} };
    };
  }
  const fields: readonly string[] = typeof by === 'string' ? [by] : Array.isArray(by) ? by : [];
  if (fields.length === 0 || fields.some((f) => typeof f !== 'string')) {
    fail('INVALID_OPTION', where, 'options.by', 'a function, a field name or an array of field names', by);
  }
  return (record) => {
    const dimensions: Record<string, string> = {};
    const parts: string[] = [];
    for (const field of fields) {
      let value = (record as Record<string, unknown>)[field];
      if (value === undefined) value = (record as { dimensions?: Record<string, unknown> }).dimensions?.[field];
      if (value === undefined || value === null || value === '') return undefined;
      dimensions[field] = String(value);
      parts.push(String(value));
    }
    return { key: parts.join(' | '), dimensions };
  };
}

function boundOption(where: string, parameter: string, value: unknown, freq: Frequency): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? parseIsoTime(value) : undefined;
  if (ms === undefined) fail('INVALID_OPTION', where, parameter, 'an ISO 8601 date', value);
  return bucketStart(ms, freq);
}
