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
  const warnings: string[] = [];
  const dated: { record: InsightRecord; period: number }[] = [];
  let last = -Infinity;
  records.forEach((record, row) => {
    if (record === null || typeof record !== 'object') return void rejected.push({ row, field: 'record', reason: 'not an object' });
    const day = parseDay(record.date);
    if (day === null) return void rejected.push({ row, field: 'date', reason: `not an ISO 8601 date: ${String(record.date)}` });
    const period = periodStart(day, freq);
    last = Math.max(last, period);
    dated.push({ record, period });
  });
  if (rejected.length > 0) warnings.push(`${rejected.length} record(s) skipped (see rejected)`);
  if (dated.length === 0) {
    warnings.push('no dated records');
    return { themes: [], periods: null, rejected, warnings };
  }
  const firstData = Math.min(...dated.map((d) => d.period));
  const all = periodRange(firstData, last, freq);
  if (all.length < recent + 4) {
    warnings.push(`only ${all.length} period(s) of data: at least ${recent + 4} needed (${recent} recent + 4 of history)`);
    return { themes: [], periods: null, rejected, warnings };
  }
  const recentPeriods = all.slice(-recent);
  const historyPeriods = all.slice(Math.max(0, all.length - recent - historyLength), all.length - recent);
  if (historyPeriods.length < historyLength) warnings.push(`only ${historyPeriods.length} period(s) of history (asked for ${historyLength})`);
  const index = new Map<number, number>();
  historyPeriods.forEach((p, i) => index.set(p, i));
  const recentSet = new Set(recentPeriods);

  // counts[segment][theme] = per-history-period mentions and negatives, plus recent totals.
  interface Cell { hist: number[]; histNeg: number[]; rec: number; recNeg: number }
  const segments = new Map<string, { segment: Segment; themes: Map<string, Cell> }>();
  for (const { record, period } of dated) {
    const inHistory = index.get(period);
    const inRecent = recentSet.has(period);
    if (inHistory === undefined && !inRecent) continue;
    const segment: Record<string, string> = {};
    for (const d of by) segment[d] = dimensionOf(record, d) ?? '(missing)';
    const key = segmentKey(segment);
    let entry = segments.get(key);
    if (entry === undefined) segments.set(key, (entry = { segment, themes: new Map() }));
    const negative = isNegative(record.sentiment);
    for (const theme of themesOf(record)) {
      let cell = entry.themes.get(theme);
      if (cell === undefined) {
        entry.themes.set(theme, (cell = { hist: new Array<number>(historyPeriods.length).fill(0), histNeg: new Array<number>(historyPeriods.length).fill(0), rec: 0, recNeg: 0 }));
      }
      if (inRecent) {
        cell.rec++;
        if (negative === true) cell.recNeg++;
      } else if (inHistory !== undefined) {
        cell.hist[inHistory] = (cell.hist[inHistory] as number) + 1;
        if (negative === true) cell.histNeg[inHistory] = (cell.histNeg[inHistory] as number) + 1;
      }
    }
  }

  const h = historyPeriods.length;
  const draft: Omit<EmergingTheme, 'qValue' | 'emerging'>[] = [];
  for (const { segment, themes } of [...segments.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1])) {
    for (const [theme, cell] of [...themes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (cell.rec < minCount) continue;
      const historyCount = cell.hist.reduce((s, x) => s + x, 0);
      if (metric === 'volume') {
        const recentValue = cell.rec / recent;
        const baseline = historyCount / h;
        // Pr(X >= rec), X ~ Binomial(rec + hist, recent / (recent + h)) = I_p(rec, hist + 1).
        const pValue = incompleteBeta(recent / (recent + h), cell.rec, historyCount + 1);
        draft.push({
          segment, theme, metric, recent: recentValue, baseline, change: recentValue - baseline,
          ratio: baseline > 0 ? recentValue / baseline : null, recentCount: cell.rec, historyCount,
          robustZ: modifiedZ(recentValue, cell.hist), pValue,
        });
      } else {
        const histNeg = cell.histNeg.reduce((s, x) => s + x, 0);
        if (historyCount === 0) continue;
        const recentValue = (100 * cell.recNeg) / cell.rec;
        const baseline = (100 * histNeg) / historyCount;
        const shares = cell.hist.map((n, i) => (n > 0 ? (100 * (cell.histNeg[i] as number)) / n : null)).filter((x): x is number => x !== null);
        draft.push({
          segment, theme, metric, recent: recentValue, baseline, change: recentValue - baseline,
          ratio: baseline > 0 ? recentValue / baseline : null, recentCount: cell.rec, historyCount,
          robustZ: modifiedZ(recentValue, shares),
          pValue: fisherExactGreater(cell.recNeg, cell.rec - cell.recNeg, histNeg, historyCount - histNeg),
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
