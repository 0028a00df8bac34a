import { assertArray, assertNumberOption, fail } from '../errors';
import type { Rejected } from '../records';
import { type Frequency, FREQUENCIES, formatDay, parseDay, periodRange, periodStart } from './internal/dates';
import { checkChoice } from './internal/ratings';
import { dimensionOf, isNegative, segmentKey, themesOf } from './internal/records';
import { benjaminiHochberg, fisherExactGreater, incompleteBeta, median } from './internal/stats';
import type { InsightRecord, Segment } from './types';

export interface EmergingThemesOptions {
  readonly freq: Frequency;
  /** `'volume'` (default): mentions per period; `'negativeShare'`: share of a theme's mentions that are negative. */
  readonly metric?: 'volume' | 'negativeShare';
  readonly by?: readonly string[];
  /** Most recent periods compared against the history (default 1). */
  readonly recent?: number;
  /** Periods of history before them (default 12); at least 4 are needed. */
  readonly history?: number;
  /** Fewest recent mentions for a theme to be assessed (default 5). */
  readonly minCount?: number;
  /** False discovery rate (default 0.05). */
  readonly alpha?: number;
  /** Modified z-score a rise must also exceed (default 3.5, Iglewicz & Hoaglin's outlier cut-off). */
  readonly zThreshold?: number;
}

export interface EmergingTheme {
  readonly segment: Segment;
  readonly theme: string;
  readonly metric: 'volume' | 'negativeShare';
  /** Recent value: mentions per period (volume) or % negative (negativeShare). */
  readonly recent: number;
  /** The same over the history. */
  readonly baseline: number;
  /** recent - baseline. */
  readonly change: number;
  /** recent / baseline; `null` when the baseline is 0. */
  readonly ratio: number | null;
  /** Mentions in the recent periods and in the history. */
  readonly recentCount: number;
  readonly historyCount: number;
  /** Modified z-score of the recent value against the per-period history (Iglewicz & Hoaglin 1993); null if flat. */
  readonly robustZ: number | null;
  /** One-sided p-value of the rise (conditional binomial test of two Poisson rates, or Fisher exact). */
  readonly pValue: number;
  /** Benjamini-Hochberg adjusted over every theme and segment assessed. */
  readonly qValue: number;
  /** qValue < alpha and robustZ above the threshold (or no variation at all in the history). */
  readonly emerging: boolean;
}

export interface EmergingThemesResult {
  /** Every theme assessed, emerging ones first, then by p-value. */
  readonly themes: EmergingTheme[];
  readonly periods: { readonly recentFrom: string; readonly historyFrom: string; readonly to: string } | null;
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Themes whose volume, or negative share, rose in the latest period(s) beyond their own history, per segment,
 * with the size of the rise and its significance.
 *
 * Two tests must agree, so that neither a long history of tiny counts nor a noisy theme raises false alarms:
 * - significance: for volume, the conditional test of two Poisson rates (Przyborowski & Wilenski 1940): given
 *   the total mentions, recent mentions are Binomial(total, r / (r + h)) under no change; for negative share,
 *   a one-sided Fisher (1922) exact test of recent vs history negatives. P-values are adjusted over all themes and
 *   segments by Benjamini & Hochberg (1995);
 * - size against the theme's own variability: the modified z-score `0.6745 (x - median) / MAD` of the recent value
 *   against the per-period history (Iglewicz & Hoaglin 1993, "How to Detect and Handle Outliers"), with the mean
 *   absolute deviation (`1.253314 MeanAD`) when the MAD is 0, as they advise.
 *
 * Cost: O(n + s · t · p) for n records, s segments, t themes and p periods.
 * @throws FeedbackMinerError INVALID_ARGUMENT if `records` is not an array; INVALID_OPTION for an unknown freq or
 *   metric, non-integer `recent`/`history`, `history < 4`, `alpha` outside (0, 0.5].
 * @example
 * // 'stock' mentioned 1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1 times in twelve weeks, then 9 times this week:
 * emergingThemes(feedback, { freq: 'week' }).themes[0]
 * // => { theme: 'stock', recent: 9, baseline: 0.917, ratio: 9.82, pValue: 7.2e-6, robustZ: 15.3, emerging: true, ... }
 */
export function emergingThemes(records: readonly InsightRecord[], options: EmergingThemesOptions): EmergingThemesResult {
  const where = 'emergingThemes';
  assertArray(where, 'records', records);
  if (options === null || typeof options !== 'object') fail('INVALID_ARGUMENT', where, 'options', 'an object with freq', options);
  if (options.freq === undefined) fail('INVALID_OPTION', where, 'options.freq', `one of ${FREQUENCIES.map((f) => `"${f}"`).join(', ')}`, undefined);
  const freq = checkChoice(where, 'options.freq', options.freq, FREQUENCIES, 'week');
  const metric = checkChoice(where, 'options.metric', options.metric, ['volume', 'negativeShare'] as const, 'volume');
  const by = options.by ?? [];
  if (!Array.isArray(by) || by.some((d) => typeof d !== 'string')) fail('INVALID_OPTION', where, 'options.by', 'an array of dimension names', by);
  const recent = options.recent ?? 1;
  const historyLength = options.history ?? 12;
  const minCount = options.minCount ?? 5;
  const alpha = options.alpha ?? 0.05;
  const zThreshold = options.zThreshold ?? 3.5;
  assertNumberOption(where, 'options.recent', recent, { min: 1, integer: true });
  assertNumberOption(where, 'options.history', historyLength, { min: 4, integer: true });
  assertNumberOption(where, 'options.minCount', minCount, { min: 1, integer: true });
  assertNumberOption(where, 'options.alpha', alpha, { min: 1e-6, max: 0.5 });
  assertNumberOption(where, 'options.zThreshold', zThreshold, { min: 0 });

  const rejected: Rejected[] = [];
  const dated: { record: InsightRecord; period: number }[] = [];
  records.forEach((record, row) => {
    if (record === null || typeof record !== 'object') return void rejected.push({ row, field: 'record', reason: 'not an object' });
    const day = parseDay(record.date);
    if (day === null) return void rejected.push({ row, field: 'date', reason: `not an ISO 8601 date: ${String(record.date)}` });
    dated.push({ record, period: periodStart(day, freq) });
  });
  return themesFromCounts(tallyEmergingThemes(dated, by), { freq, metric, recent, historyLength, minCount, alpha, zThreshold }, rejected);
}

/**
 * What `emergingThemes` needs of the records, as counts: per segment, theme and period, mentions and negative
 * mentions, and the first and last period of any dated record. Plain JSON; `mergeEmergingCounts` adds two exactly.
 */
export interface EmergingCounts {
  /** First and last period start (day numbers) of any dated record; null when none. */
  readonly first: number | null;
  readonly last: number | null;
  readonly segments: {
    readonly [key: string]: {
      readonly segment: Segment;
      /** theme -> period start (as a string key) -> [mentions, negative mentions]. */
      readonly themes: { readonly [theme: string]: { readonly [period: string]: readonly [number, number] } };
    };
  };
}

/** Counts of dated records already mapped to their period (`periodStart(day, freq)`). Cost: O(n). */
export function tallyEmergingThemes(dated: readonly { record: InsightRecord; period: number }[], by: readonly string[]): EmergingCounts {
  let first: number | null = null;
  let last: number | null = null;
  const segments: Record<string, { segment: Segment; themes: Record<string, Record<string, [number, number]>> }> = {};
  for (const { record, period } of dated) {
    if (first === null || period < first) first = period;
    if (last === null || period > last) last = period;
    const themes = themesOf(record);
    if (themes.length === 0) continue;
    const segment: Record<string, string> = {};
    for (const d of by) segment[d] = dimensionOf(record, d) ?? '(missing)';
    const key = segmentKey(segment);
    const entry = (segments[key] ??= { segment, themes: {} });
    const negative = isNegative(record.sentiment) === true ? 1 : 0;
    for (const theme of themes) {
      const cells = (entry.themes[theme] ??= {});
      const cell = (cells[String(period)] ??= [0, 0]);
      cell[0]++;
      cell[1] += negative;
    }
  }
  return { first, last, segments };
}

/** Adds two `EmergingCounts`: exact, associative, commutative. */
export function mergeEmergingCounts(a: EmergingCounts, b: EmergingCounts): EmergingCounts {
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number): number | null =>
    x === null ? y : y === null ? x : f(x, y);
  const segments: Record<string, { segment: Segment; themes: Record<string, Record<string, [number, number]>> }> = {};
  for (const source of [a, b]) {
    for (const [key, entry] of Object.entries(source.segments)) {
      const target = (segments[key] ??= { segment: entry.segment, themes: {} });
      for (const [theme, cells] of Object.entries(entry.themes)) {
        const into = (target.themes[theme] ??= {});
        for (const [period, [n, neg]] of Object.entries(cells)) {
          const cell = into[period];
          into[period] = cell === undefined ? [n, neg] : [cell[0] + n, cell[1] + neg];
        }
      }
    }
  }
  return { first: pick(a.first, b.first, Math.min), last: pick(a.last, b.last, Math.max), segments };
}

/**
 * `emergingThemes` from counts (`tallyEmergingThemes`, merged over shards with `mergeEmergingCounts`); the
 * record-based function calls it. Options as `emergingThemes`'.
 * @throws FeedbackMinerError as `emergingThemes` for bad options.
 */
export function emergingThemesFromCounts(counts: EmergingCounts, options: EmergingThemesOptions): EmergingThemesResult {
  const where = 'emergingThemes';
  if (options === null || typeof options !== 'object') fail('INVALID_ARGUMENT', where, 'options', 'an object with freq', options);
  const freq = checkChoice(where, 'options.freq', options.freq, FREQUENCIES, 'week');
  const metric = checkChoice(where, 'options.metric', options.metric, ['volume', 'negativeShare'] as const, 'volume');
  const recent = options.recent ?? 1;
  const historyLength = options.history ?? 12;
  const minCount = options.minCount ?? 5;
  const alpha = options.alpha ?? 0.05;
  const zThreshold = options.zThreshold ?? 3.5;
  return themesFromCounts(counts, { freq, metric, recent, historyLength, minCount, alpha, zThreshold }, []);
}

function themesFromCounts(
  counts: EmergingCounts,
  o: { freq: Frequency; metric: 'volume' | 'negativeShare'; recent: number; historyLength: number; minCount: number; alpha: number; zThreshold: number },
  rejected: Rejected[],
): EmergingThemesResult {
  const { freq, metric, recent, historyLength, minCount, alpha, zThreshold } = o;
  const warnings: string[] = [];
  if (rejected.length > 0) warnings.push(`${rejected.length} record(s) skipped (see rejected)`);
  if (counts.first === null || counts.last === null) {
    warnings.push('no dated records');
    return { themes: [], periods: null, rejected, warnings };
  }
  const last = counts.last;
  const all = periodRange(counts.first, last, freq);
  if (all.length < recent + 4) {
    warnings.push(`only ${all.length} period(s) of data: at least ${recent + 4} needed (${recent} recent + 4 of history)`);
    return { themes: [], periods: null, rejected, warnings };
  }
  const recentPeriods = all.slice(-recent);
  const historyPeriods = all.slice(Math.max(0, all.length - recent - historyLength), all.length - recent);
  if (historyPeriods.length < historyLength) warnings.push(`only ${historyPeriods.length} period(s) of history (asked for ${historyLength})`);
  const h = historyPeriods.length;
  const draft: Omit<EmergingTheme, 'qValue' | 'emerging'>[] = [];
  for (const key of Object.keys(counts.segments).sort()) {
    const { segment, themes } = counts.segments[key]!;
    for (const theme of Object.keys(themes).sort()) {
      const cells = themes[theme]!;
      const at = (p: number): readonly [number, number] => cells[String(p)] ?? [0, 0];
      const hist = historyPeriods.map((p) => at(p)[0]);
      const histNegs = historyPeriods.map((p) => at(p)[1]);
      let rec = 0;
      let recNeg = 0;
      for (const p of recentPeriods) {
        rec += at(p)[0];
        recNeg += at(p)[1];
      }
      if (rec < minCount) continue;
      const historyCount = hist.reduce((s, x) => s + x, 0);
      if (metric === 'volume') {
        const recentValue = rec / recent;
        const baseline = historyCount / h;
        // Pr(X >= rec), X ~ Binomial(rec + hist, recent / (recent + h)) = I_p(rec, hist + 1).
        const pValue = incompleteBeta(recent / (recent + h), rec, historyCount + 1);
        draft.push({
          segment, theme, metric, recent: recentValue, baseline, change: recentValue - baseline,
          ratio: baseline > 0 ? recentValue / baseline : null, recentCount: rec, historyCount,
          robustZ: modifiedZ(recentValue, hist), pValue,
        });
      } else {
        const histNeg = histNegs.reduce((s, x) => s + x, 0);
        if (historyCount === 0) continue;
        const recentValue = (100 * recNeg) / rec;
        const baseline = (100 * histNeg) / historyCount;
        const shares = hist.map((n, i) => (n > 0 ? (100 * (histNegs[i] as number)) / n : null)).filter((x): x is number => x !== null);
        draft.push({
          segment, theme, metric, recent: recentValue, baseline, change: recentValue - baseline,
          ratio: baseline > 0 ? recentValue / baseline : null, recentCount: rec, historyCount,
          robustZ: modifiedZ(recentValue, shares),
          pValue: fisherExactGreater(recNeg, rec - recNeg, histNeg, historyCount - histNeg),
        });
      }
    }
  }
  const q = benjaminiHochberg(draft.map((d) => d.pValue));
  const themes: EmergingTheme[] = draft.map((d, i) => {
    const qValue = q[i] as number;
    const bigEnough = d.robustZ === null ? d.change > 0 : d.robustZ > zThreshold;
    return { ...d, qValue, emerging: d.change > 0 && qValue < alpha && bigEnough };
  });
  themes.sort((a, b) => Number(b.emerging) - Number(a.emerging) || a.pValue - b.pValue || (a.theme < b.theme ? -1 : 1));
  const periods = {
    recentFrom: formatDay(recentPeriods[0] as number),
    historyFrom: formatDay((historyPeriods[0] ?? recentPeriods[0]) as number),
    to: formatDay(last),
  };
  return { themes, periods, rejected, warnings };
}

/** Modified z-score of x against a history; MeanAD fallback when MAD = 0; null when the history does not vary. */
function modifiedZ(x: number, history: readonly number[]): number | null {
  if (history.length === 0) return null;
  const med = median(history);
  const mad = median(history.map((v) => Math.abs(v - med)));
  if (mad > 0) return (0.6745 * (x - med)) / mad;
  const meanAd = history.reduce((s, v) => s + Math.abs(v - med), 0) / history.length;
  if (meanAd > 0) return (x - med) / (1.253314 * meanAd);
  return null;
}
