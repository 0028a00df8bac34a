import { assertArray, assertOptions, fail } from '../errors';
import type { Rejected, SalesMeasure, SalesRecord } from '../records';
import { type Frequency, FREQUENCIES, formatDay, parseDay, periodStart } from './internal/dates';
import { checkChoice } from './internal/ratings';
import { dimensionOf, readSalesRow, segmentKey } from './internal/records';
import { benjaminiHochberg } from './internal/stats';
import { type LagCorrelation, laggedCorrelation, type LaggedCorrelationOptions } from './laggedCorrelation';
import { trend, type TrendMetric } from './trend';
import type { InsightRecord, Segment } from './types';

export interface LinkOptions extends LaggedCorrelationOptions {
  readonly freq: Frequency;
  /** Segment dimensions shared by feedback and sales (e.g. `['region']`); default none (one overall link). */
  readonly by?: readonly string[];
  /** Feedback signal (default `'negativeShare'`); `{ theme }` for a theme's share of feedback. */
  readonly signal?: 'negativeShare' | 'volume' | 'sentiment' | 'nps' | { readonly theme: string };
  /** Sales KPI (default `'units'`). */
  readonly kpi?: SalesMeasure;
  /** Keep only the feedback records this returns true for (see `trend`). */
  readonly filter?: (record: InsightRecord) => boolean;
}

export interface FeedbackSalesLink {
  readonly segment: Segment;
  /** Periods aligned (first day of each). */
  readonly periods: string[];
  readonly best: LagCorrelation | null;
  readonly bestPValue: number | null;
  /** Benjamini-Hochberg adjusted over the segments. */
  readonly qValue: number | null;
  readonly significant: boolean;
  readonly lags: LagCorrelation[];
  readonly warnings: string[];
}

export interface LinkResult {
  readonly links: FeedbackSalesLink[];
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Per segment, the lagged cross-correlation between a feedback signal (negative share, volume, mean
 * sentiment, NPS or a theme's share, from `trend`) and a sales KPI, with the lag at which they move together and
 * its significance from `laggedCorrelation` (Box-Jenkins prewhitening by default). Segments' p-values are
 * adjusted by Benjamini & Hochberg (1995), since scanning many segments finds some correlation by chance.
 *
 * Lag k > 0 means feedback leads sales by k periods. Sales rows with an unreadable date or non-finite KPI are
 * in `rejected` (with feedback rows rejected by `trend`, prefixed `feedback.`); periods missing on either side
 * are interpolated by `laggedCorrelation` and counted in the link's warnings.
 *
 * Cost: O(n + s · p · maxLag) for n rows, s segments and p periods (times the permutations for that method).
 * @throws FeedbackMinerError INVALID_ARGUMENT if feedback or sales is not an array; INVALID_OPTION for a bad freq,
 *   signal, kpi, or any option `laggedCorrelation` rejects.
 * @example
 * // 40 weeks, 12 records a week per region; in North 'out of stock' jumps from 8% to 50% of feedback in weeks
 * // 15-21 and units fall 30% in weeks 17-23 (see test/insights/linkFeedbackToSales.test.ts).
 * const links = linkFeedbackToSales(feedback, sales, { freq: 'week', by: ['region'], signal: { theme: 'out of stock' }, maxLag: 6, leadOnly: true, direction: 'negative' }).links
 * links.map(l => [l.segment.region, l.best?.lag, l.significant]) // => [['North', 2, true], ['South', ..., false]]
 */
export function linkFeedbackToSales(
  feedback: readonly InsightRecord[],
  sales: readonly SalesRecord[],
  options: LinkOptions,
): LinkResult {
  const where = 'linkFeedbackToSales';
  assertArray(where, 'feedback', feedback);
  assertArray(where, 'sales', sales);
  if (options === null || typeof options !== 'object') fail('INVALID_ARGUMENT', where, 'options', 'an object with freq', options);
  assertOptions(where, options);
  if (options.freq === undefined) fail('INVALID_OPTION', where, 'options.freq', `one of ${FREQUENCIES.map((f) => `"${f}"`).join(', ')}`, undefined);
  const freq = checkChoice(where, 'options.freq', options.freq, FREQUENCIES, 'week');
  const kpi = checkChoice(where, 'options.kpi', options.kpi, ['revenue', 'units', 'newCustomers', 'visits', 'orders'] as const, 'units');
  const by = options.by ?? [];
  const signal = options.signal ?? 'negativeShare';
  let metric: TrendMetric;
  let theme: string | undefined;
  if (typeof signal === 'object' && signal !== null && typeof signal.theme === 'string') {
    metric = 'themeShare';
    theme = signal.theme;
  } else if (signal === 'negativeShare' || signal === 'volume' || signal === 'sentiment' || signal === 'nps') metric = signal;
  else fail('INVALID_OPTION', where, 'options.signal', '"negativeShare", "volume", "sentiment", "nps" or { theme }', signal);

  const base = options.filter === undefined ? { freq, metric, by } : { freq, metric, by, filter: options.filter };
  const feedbackTrend = trend(feedback, theme === undefined ? base : { ...base, theme });
  const rejected: Rejected[] = feedbackTrend.rejected.map((r) => ({ ...r, field: `feedback.${r.field}` }));
  const warnings = [...feedbackTrend.warnings];
  const salesBySegment = new Map<string, { segment: Segment; sums: Map<number, number> }>();
  sales.forEach((row, i) => {
    const read = readSalesRow(row, i, kpi, rejected);
    if (read === null) return;
    const { day, value } = read;
    const segment: Record<string, string> = {};
    for (const d of by) segment[d] = dimensionOf(row as unknown as InsightRecord, d) ?? '(missing)';
    const key = segmentKey(segment);
    let entry = salesBySegment.get(key);
    if (entry === undefined) salesBySegment.set(key, (entry = { segment, sums: new Map() }));
    const p = periodStart(day, freq);
    entry.sums.set(p, (entry.sums.get(p) ?? 0) + value);
  });

  const drafts: Omit<FeedbackSalesLink, 'qValue' | 'significant'>[] = [];
  const { freq: _f, by: _b, signal: _s, kpi: _k, filter: _filter, ...correlationOptions } = options;
  for (const series of feedbackTrend.series) {
    const key = segmentKey(series.segment);
    const salesEntry = salesBySegment.get(key);
    if (salesEntry === undefined) {
      warnings.push(`no ${kpi} for ${key || 'all'}: no link`);
      continue;
    }
    const salesPeriods = [...salesEntry.sums.keys()];
    const first = Math.min(...salesPeriods);
    const last = Math.max(...salesPeriods);
    const points = series.points.filter((p) => {
      const d = parseDay(p.period) as number;
      return d >= first && d <= last;
    });
    const x = points.map((p) => p.value);
    const y = points.map((p) => salesEntry.sums.get(parseDay(p.period) as number) ?? null);
    const result = laggedCorrelation(x, y, correlationOptions);
    drafts.push({
      segment: series.segment,
      periods: points.map((p) => p.period),
      best: result.best,
      bestPValue: result.bestPValue,
      lags: result.lags,
      warnings: result.warnings,
    });
  }
  for (const [key] of salesBySegment) {
    if (!feedbackTrend.series.some((s) => segmentKey(s.segment) === key)) warnings.push(`no feedback for ${key || 'all'}: no link`);
  }
  const indexes = drafts.map((d, i) => [d.bestPValue, i] as const).filter((e): e is readonly [number, number] => e[0] !== null);
  const q = benjaminiHochberg(indexes.map((e) => e[0]));
  const qOf = new Map(indexes.map((e, i) => [e[1], q[i] as number]));
  const alpha = options.alpha ?? 0.05;
  const links = drafts.map((d, i) => {
    const qValue = qOf.get(i) ?? null;
    return { ...d, qValue, significant: qValue !== null && qValue < alpha };
  });
  return { links, rejected, warnings };
}
