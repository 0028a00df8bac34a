import { assertArray, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { customerSatisfaction } from './customerSatisfaction';
import { type Frequency, FREQUENCIES, formatDay, parseDay, periodRange, periodStart } from './internal/dates';
import { checkChoice } from './internal/ratings';
import { dimensionOf, isNegative, segmentKey, sentimentScore, themesOf } from './internal/records';
import { mean, sampleVariance, studentTQuantile } from './internal/stats';
import { netPromoterScore } from './netPromoterScore';
import { wilsonInterval } from './internal/intervals';
import type { InsightRecord, Segment } from './types';

export type TrendMetric = 'volume' | 'sentiment' | 'negativeShare' | 'nps' | 'csat' | 'themeVolume' | 'themeShare';

export interface TrendOptions {
  /** Period length. */
  readonly freq: Frequency;
  readonly metric: TrendMetric;
  /** Dimensions to split by: product, region, channel, source, authorRole, segment or any key of `dimensions`. */
  readonly by?: readonly string[];
  /** For theme metrics: one theme; without it, one series per theme. */
  readonly theme?: string;
  /** Confidence level of the per-period intervals (default 0.95). */
  readonly level?: number;
  /**
   * Keep only the records this returns true for. NPS and CSAT need ratings of one scale: with surveys (0-10)
   * and reviews (1-5) mixed, pass e.g. `filter: r => r.source === 'survey'`.
   */
  readonly filter?: (record: InsightRecord) => boolean;
}

export interface TrendPoint {
  /** First day of the period, `YYYY-MM-DD` (weeks start on Monday). */
  readonly period: string;
  /** The metric; `null` when the period has no data for it (never NaN). Shares and NPS in %, sentiment in [-1, 1]. */
  readonly value: number | null;
  /** Records behind the value. */
  readonly n: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface TrendSeries {
  readonly segment: Segment;
  /** Set for theme metrics. */
  readonly theme?: string;
  readonly points: TrendPoint[];
}

export interface TrendResult {
  readonly metric: TrendMetric;
  readonly freq: Frequency;
  readonly series: TrendSeries[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

const METRICS: readonly TrendMetric[] = ['volume', 'sentiment', 'negativeShare', 'nps', 'csat', 'themeVolume', 'themeShare'];

/**
 * A feedback metric over time, per segment: volume, mean sentiment, negative share, NPS, CSAT, and theme volume or
 * share (of all feedback in the segment and period). Every series covers the same periods, from the first to
 * the last period with data, so segments line up; a period without data has `value: null` (volume 0).
 *
 * Intervals per period: Student t for mean sentiment, Wilson (1927) for shares and CSAT, adjusted Wald
 * (Rocks 2016) for NPS, none for counts.
 *
 * Records with an unreadable date, or without the field the metric needs (a sentiment, a rating), are skipped
 * and listed in `rejected`; a record missing a `by` dimension goes to the segment value `"(missing)"`. Ratings are
 * read on the 0-10 scale for NPS and 1-5 for CSAT: use `filter` to keep one channel's ratings.
 *
 * Cost: O(n + s · p · t) for n records, s segments, p periods and t themes.
 * @throws FeedbackMinerError INVALID_ARGUMENT if `records` is not an array; INVALID_OPTION for an unknown freq or
 *   metric, a `by` that is not an array of strings, a `theme` with a non-theme metric.
 * @example
 * const feedback = [
 *   { id: '1', date: '2026-03-02', text: 'out of stock again', region: 'North', sentiment: -0.6 },
 *   { id: '2', date: '2026-03-04', text: 'great service', region: 'North', sentiment: 0.7 },
 *   { id: '3', date: '2026-03-10', text: 'late delivery', region: 'North', sentiment: -0.4 },
 * ];
 * trend(feedback, { freq: 'week', metric: 'negativeShare', by: ['region'] }).series[0].points
 * // => [{ period: '2026-03-02', value: 50, n: 2, lower: 9.45, upper: 90.55 },
 * //     { period: '2026-03-09', value: 100, n: 1, lower: 20.65, upper: 100 }]
 */
export function trend(records: readonly InsightRecord[], options: TrendOptions): TrendResult {
  const where = 'trend';
  assertArray(where, 'records', records);
  if (options === undefined) fail('INVALID_ARGUMENT', where, 'options', 'an object with freq and metric', options);
  assertOptions(where, options);
  const freq = checkChoice(where, 'options.freq', options.freq, FREQUENCIES, 'week');
  if (options.freq === undefined) fail('INVALID_OPTION', where, 'options.freq', `one of ${FREQUENCIES.map((f) => `"${f}"`).join(', ')}`, undefined);
  const metric = checkChoice(where, 'options.metric', options.metric, METRICS, 'volume');
  if (options.metric === undefined) fail('INVALID_OPTION', where, 'options.metric', `one of ${METRICS.map((f) => `"${f}"`).join(', ')}`, undefined);
  const by = options.by ?? [];
  if (!Array.isArray(by) || by.some((d) => typeof d !== 'string')) fail('INVALID_OPTION', where, 'options.by', 'an array of dimension names', by);
  const isThemeMetric = metric === 'themeVolume' || metric === 'themeShare';
  if (options.theme !== undefined && (!isThemeMetric || typeof options.theme !== 'string')) {
    fail('INVALID_OPTION', where, 'options.theme', 'a string, with metric "themeVolume" or "themeShare"', options.theme);
  }
  const level = options.level ?? 0.95;
  const keep = options.filter;
  if (keep !== undefined && typeof keep !== 'function') fail('INVALID_OPTION', where, 'options.filter', 'a function', keep);

  const rejected: Rejected[] = [];
  const warnings: string[] = [];
  let missingDimension = 0;
  const cells = new Map<string, { segment: Segment; byPeriod: Map<number, InsightRecord[]> }>();
  let first = Infinity;
  let last = -Infinity;
  records.forEach((record, row) => {
    if (record === null || typeof record !== 'object') return void rejected.push({ row, field: 'record', reason: 'not an object' });
    if (keep !== undefined && !keep(record)) return;
    const day = parseDay(record.date);
    if (day === null) return void rejected.push({ row, field: 'date', reason: `not an ISO 8601 date: ${String(record.date)}` });
    if (metric === 'sentiment' || metric === 'negativeShare') {
      if (sentimentScore(record.sentiment) === undefined && isNegative(record.sentiment) === undefined) {
        return void rejected.push({ row, field: 'sentiment', reason: 'no sentiment score' });
      }
    }
    if (metric === 'nps' || metric === 'csat') {
      if (typeof record.rating !== 'number' || !Number.isFinite(record.rating)) return void rejected.push({ row, field: 'rating', reason: 'no rating' });
    }
    const segment: Record<string, string> = {};
    for (const d of by) {
      const value = dimensionOf(record, d);
      if (value === undefined) missingDimension++;
      segment[d] = value ?? '(missing)';
    }
    const key = segmentKey(segment);
    let cell = cells.get(key);
    if (cell === undefined) cells.set(key, (cell = { segment, byPeriod: new Map() }));
    const period = periodStart(day, freq);
    first = Math.min(first, period);
    last = Math.max(last, period);
    let list = cell.byPeriod.get(period);
    if (list === undefined) cell.byPeriod.set(period, (list = []));
    list.push(record);
  });
  if (missingDimension > 0) warnings.push(`${missingDimension} record(s) lack a 'by' dimension: grouped under "(missing)"`);
  if (rejected.length > 0) warnings.push(`${rejected.length} record(s) skipped (see rejected)`);
  if (cells.size === 0) {
    warnings.push('no usable records: no series');
    return { metric, freq, series: [], rejected, warnings };
  }
  const periods = periodRange(first, last, freq);
  const series: TrendSeries[] = [];
  const sortedCells = [...cells.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
  for (const cell of sortedCells) {
    const lists = periods.map((p) => cell.byPeriod.get(p) ?? []);
    if (isThemeMetric) {
      const themes = new Set<string>();
      if (options.theme !== undefined) themes.add(options.theme);
      else for (const list of lists) for (const r of list) for (const t of themesOf(r)) themes.add(t);
      for (const theme of [...themes].sort()) {
        const points = periods.map((p, i) => {
          const list = lists[i] as InsightRecord[];
          const hits = list.filter((r) => themesOf(r).includes(theme)).length;
          if (metric === 'themeVolume') return { period: formatDay(p), value: hits, n: list.length, lower: null, upper: null };
          if (list.length === 0) return { period: formatDay(p), value: null, n: 0, lower: null, upper: null };
          const ci = wilsonInterval(hits, list.length, level);
          return { period: formatDay(p), value: (100 * hits) / list.length, n: list.length, lower: ci.lower, upper: ci.upper };
        });
        series.push({ segment: cell.segment, theme, points });
      }
      continue;
    }
    const points = periods.map((p, i) => pointOf(formatDay(p), lists[i] as InsightRecord[], metric, level));
    series.push({ segment: cell.segment, points });
  }
  return { metric, freq, series, rejected, warnings };
}

function pointOf(period: string, list: readonly InsightRecord[], metric: TrendMetric, level: number): TrendPoint {
  const none = { period, value: null, n: list.length, lower: null, upper: null };
  switch (metric) {
    case 'volume':
      return { period, value: list.length, n: list.length, lower: null, upper: null };
    case 'sentiment': {
      const scores = list.map((r) => sentimentScore(r.sentiment)).filter((s): s is number => s !== undefined);
      if (scores.length === 0) return { ...none, n: 0 };
      const m = mean(scores);
      if (scores.length < 2) return { period, value: m, n: 1, lower: null, upper: null };
      const half = studentTQuantile(0.5 + level / 2, scores.length - 1) * Math.sqrt(sampleVariance(scores) / scores.length);
      return { period, value: m, n: scores.length, lower: Math.max(-1, m - half), upper: Math.min(1, m + half) };
    }
    case 'negativeShare': {
      const flags = list.map((r) => isNegative(r.sentiment)).filter((f): f is boolean => f !== undefined);
      if (flags.length === 0) return { ...none, n: 0 };
      const hits = flags.filter(Boolean).length;
      const ci = wilsonInterval(hits, flags.length, level);
      return { period, value: (100 * hits) / flags.length, n: flags.length, lower: ci.lower, upper: ci.upper };
    }
    case 'nps': {
      const r = netPromoterScore(list.map((x) => x.rating), { level });
      return { period, value: r.score, n: r.n, lower: r.interval?.lower ?? null, upper: r.interval?.upper ?? null };
    }
    case 'csat': {
      const r = customerSatisfaction(list.map((x) => x.rating), { level });
      return { period, value: r.score, n: r.n, lower: r.interval?.lower ?? null, upper: r.interval?.upper ?? null };
    }
    case 'themeVolume':
    case 'themeShare':
      return none;
  }
}
