import { assertArray, assertNumberOption, assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { formatDay, parseDay } from './internal/dates';
import { checkChoice } from './internal/ratings';
import { aspectsOf, describeSegment, inSegment, isNegative, sentimentScore, themesOf } from './internal/records';
import { benjaminiHochberg, fisherExactGreater, normalQuantile } from './internal/stats';
import type { InsightRecord, Segment } from './types';

/** What `explainAnomaly` needs of an anomaly or change point: when, and optionally where and how big. */
export interface AnomalyLike {
  /** ISO 8601 date of the anomalous period (or epoch milliseconds). */
  readonly t: string | number;
  readonly value?: number;
  readonly expected?: number;
  /** A change point's levels, used when `value` / `expected` are absent. */
  readonly before?: number;
  readonly after?: number;
  readonly direction?: 'up' | 'down';
  /** The segment the anomaly is in, e.g. `{ region: 'North', product: 'X' }` (also settable in options). */
  readonly segment?: Segment;
}

export interface ExplainAnomalyOptions {
  /** Segment whose feedback is examined (default `anomaly.segment`, else all feedback). */
  readonly segment?: Segment;
  /**
   * Days in the window before the anomaly, or several lengths to scan (default `[7, 14, 21, 28]`: the lead of a
   * cause over its effect is not known in advance). With several, each driver is measured over the window where
   * it stands out most, and its p-value and lower bound are Bonferroni-corrected for the number of windows.
   */
  readonly window?: number | readonly number[];
  /** Days in the baseline period before the longest window (default 84). */
  readonly baseline?: number;
  /** Days between the end of the window and the anomaly (default 0). */
  readonly gap?: number;
  /** What to look at: themes, and aspects mentioned negatively (default both). */
  readonly facets?: readonly ('theme' | 'aspect')[];
  /** Fewest window mentions for a driver to be ranked (default 3). */
  readonly minCount?: number;
  /** Drivers returned (default 5). */
  readonly top?: number;
  /** Quotes per driver (default 3). */
  readonly quotes?: number;
  /** Ranking: Newcombe lower confidence bound of the rise (default), the rise itself, or the p-value. */
  readonly rankBy?: 'lowerBound' | 'rise' | 'pValue';
  /** Level of the lower bound and false discovery rate for `significant` (default 0.05). */
  readonly alpha?: number;
  /** Name of the KPI for the summary (default `'sales'`). */
  readonly kpi?: string;
}

export interface Quote {
  readonly id: string;
  readonly date: string;
  readonly text: string;
}

/** A theme or aspect whose share of feedback rose before the anomaly. */
export interface Driver {
  readonly facet: 'theme' | 'aspect';
  readonly name: string;
  /** Length in days of the window this driver was measured over. */
  readonly windowDays: number;
  /** Feedback records in that window. */
  readonly windowN: number;
  readonly windowCount: number;
  /** Share of window feedback mentioning it (0-1). */
  readonly windowShare: number;
  readonly baselineCount: number;
  /** Share of baseline feedback mentioning it; `null` when the baseline has no feedback. */
  readonly baselineShare: number | null;
  /** windowShare - baselineShare (0-1). */
  readonly rise: number | null;
  /** Lower confidence bound (1 - alpha, one-sided) of the rise, Newcombe (1998) hybrid score method. */
  readonly riseLowerBound: number | null;
  /** Ratio of shares with 0.5 added to each count (Haldane 1956), so a theme absent before has a finite lift. */
  readonly lift: number | null;
  /** One-sided Fisher exact p-value that the window share exceeds the baseline share. */
  readonly pValue: number | null;
  /** Benjamini-Hochberg adjusted p-value over all candidates examined. */
  readonly qValue: number | null;
  readonly significant: boolean;
  readonly quotes: Quote[];
}

export interface AnomalyExplanation {
  readonly segment: Segment;
  /** The anomaly's date, `YYYY-MM-DD`. */
  readonly date: string;
  /** The longest window scanned. */
  readonly window: { readonly from: string; readonly to: string; readonly n: number };
  readonly baseline: { readonly from: string; readonly to: string; readonly n: number };
  /** Ranked drivers, best first; only those whose share rose and that meet `minCount`. */
  readonly drivers: Driver[];
  /** Share of negative feedback in the window and the baseline (null without sentiment or feedback). */
  readonly negativeShare: { readonly window: number | null; readonly baseline: number | null };
  /** True when at least one driver is significant after the false-discovery-rate correction. */
  readonly supported: boolean;
  /** One or two plain sentences. */
  readonly summary: string;
  readonly rejected: Rejected[];
  readonly warnings: string[];
}

/**
 * Explains a sales anomaly (or change point) in a segment by the feedback before it: the themes and aspects
 * whose share of the segment's feedback in the `window` days before the anomaly rose most against the
 * `baseline` days before that, with counts, lift, significance and representative quotes. Several window
 * lengths are scanned by default (a scan statistic in the sense of Kulldorff 1997, corrected by Bonferroni).
 *
 * Method: for each theme (and each aspect mentioned negatively) the 2x2 table window/baseline x
 * mentions/other feedback is tested with a one-sided Fisher (1922) exact test; p-values are adjusted for the
 * number of candidates with Benjamini & Hochberg (1995); drivers are ranked by the lower confidence bound of the
 * rise in share, Newcombe (1998) "Interval estimation for the difference between independent proportions"
 * (method 10, from Wilson score intervals), which favours rises that are both large and well supported over a
 * large rise on a handful of records. Quotes: window records with the driver, most negative first.
 *
 * A segment with no feedback, or a window or baseline with none, gives no drivers and says so in `warnings`
 * and `summary`; records whose date cannot be read are listed in `rejected`.
 *
 * Cost: O(n + c log c) for n records and c candidate themes/aspects (Fisher tests are O(window count)).
 * @throws FeedbackMinerError INVALID_ARGUMENT if `anomaly` has no readable date or `feedback` is not an array;
 *   INVALID_OPTION for non-integer or negative windows, an unknown facet or `rankBy`, `alpha` outside (0, 0.5].
 * @example
 * // North feedback: 20 records in the 21 days before 2026-04-06, 6 of them 'out of stock';
 * // 50 in the 84 days before that, 2 of them 'out of stock'.
 * explainAnomaly({ t: '2026-04-06', value: 68, expected: 100, segment: { region: 'North' } }, feedback, { window: 21 }).summary
 * // => "sales in region North fell 32% on 2026-04-06; in the 21 days before, theme 'out of stock' rose from 4% to 30% of feedback (6 of 20 vs 2 of 50, p = 0.0055)"
 */
export function explainAnomaly(
  anomaly: AnomalyLike,
  feedback: readonly InsightRecord[],
  options?: ExplainAnomalyOptions,
): AnomalyExplanation {
  const where = 'explainAnomaly';
  const spec = resolveExplainSpec(where, anomaly, options, () => assertArray(where, 'feedback', feedback));
  const rejected: Rejected[] = [];
  const entries: ExplainEntry[] = [];
  feedback.forEach((record, row) => {
    if (record === null || typeof record !== 'object') {
      rejected.push({ row, field: 'record', reason: 'not an object' });
      return;
    }
    if (!inSegment(record, spec.segment)) return;
    const d = parseDay(record.date);
    if (d === null) {
      rejected.push({ row, field: 'date', reason: `not an ISO 8601 date: ${String(record.date)}` });
      return;
    }
    entries.push({ record, day: d, row });
  });
  return explainFromCounts(anomaly, spec, tallyExplainAnomaly(entries, spec), rejected);
}

/**
 * Everything `explainAnomaly` takes from the options and the anomaly, validated: the window geometry that the
 * counts are tallied over and the ranking settings. Plain JSON.
 */
export interface ExplainSpec {
  /** Day number (days since 1970-01-01) of the anomaly. */
  readonly day: number;
  /** Window lengths in days, ascending, distinct. */
  readonly windows: readonly number[];
  readonly baselineDays: number;
  readonly gap: number;
  readonly segment: Segment;
  readonly facets: readonly ('theme' | 'aspect')[];
  readonly quotes: number;
  readonly minCount: number;
  readonly top: number;
  readonly alpha: number;
  readonly rankBy: 'lowerBound' | 'rise' | 'pValue';
  readonly kpi: string;
}

/** A quote candidate kept by the counts: bounded per driver and window, merged exactly. */
export interface QuoteCandidate {
  /** Global row of the record (ties broken by it, so the choice does not depend on how the input was split). */
  readonly row: number;
  readonly id: string;
  readonly day: number;
  /** Sentiment score, 0 when the record has none: quotes are the most negative first. */
  readonly score: number;
  /** The text, cut to 280 characters. */
  readonly text: string;
}

/** Counts of one theme or aspect: window mentions per window length, baseline mentions, quote candidates per window. */
export interface ExplainItemCounts {
  readonly window: readonly number[];
  readonly baseline: number;
  readonly quotes: readonly (readonly QuoteCandidate[])[];
}

/**
 * What `explainAnomaly` needs of the feedback, as counts: records per window and in the baseline, mentions of each
 * candidate (`theme\0name`, `aspect\0name`), negative-sentiment counts, and the best quote candidates. Plain JSON;
 * counts of two shards merge exactly with `mergeExplainCounts`, so the explanation of a sharded input equals the
 * explanation of the whole.
 */
export interface ExplainCounts {
  /** Records of the segment in each window (aligned with `spec.windows`). */
  readonly windowN: readonly number[];
  readonly baselineN: number;
  /** Dated records of the segment, anywhere in time. */
  readonly segmentTotal: number;
  /** `[records with a sentiment, negative ones]` in the longest window and in the baseline. */
  readonly negative: { readonly window: readonly [number, number]; readonly baseline: readonly [number, number] };
  readonly items: { readonly [item: string]: ExplainItemCounts };
}

/** A dated record of the anomaly's segment, with its global row. */
export interface ExplainEntry {
  readonly record: InsightRecord;
  readonly day: number;
  readonly row: number;
}

/**
 * Validates an anomaly and `explainAnomaly` options into an `ExplainSpec` (the counts' geometry and the ranking).
 * @throws FeedbackMinerError as `explainAnomaly` does.
 */
export function resolveExplainSpec(
  where: string,
  anomaly: AnomalyLike,
  options?: ExplainAnomalyOptions,
  /** Runs after the anomaly is checked, before the options (the argument order of the caller's checks). */
  checkArguments?: () => void,
): ExplainSpec {
  if (anomaly === null || typeof anomaly !== 'object') fail('INVALID_ARGUMENT', where, 'anomaly', 'an object with a date t', anomaly);
  const day =
    typeof anomaly.t === 'number' && Number.isFinite(anomaly.t) ? Math.floor(anomaly.t / 86_400_000) : parseDay(anomaly.t);
  if (day === null) fail('INVALID_ARGUMENT', where, 'anomaly.t', 'an ISO 8601 date or epoch milliseconds', anomaly.t);
  checkArguments?.();
  assertOptions(where, options);
  const windowOption = options?.window ?? [7, 14, 21, 28];
  if (!Array.isArray(windowOption) && typeof windowOption !== 'number') {
    fail('INVALID_OPTION', where, 'options.window', 'an integer >= 1 or an array of them', windowOption);
  }
  const windows = [...new Set(typeof windowOption === 'number' ? [windowOption] : windowOption)].sort((x, y) => x - y);
  if (windows.length === 0) fail('INVALID_OPTION', where, 'options.window', 'an integer >= 1 or an array of them', windowOption);
  for (const w of windows) assertNumberOption(where, 'options.window', w, { min: 1, integer: true });
  const baselineDays = options?.baseline ?? 84;
  const gap = options?.gap ?? 0;
  const minCount = options?.minCount ?? 3;
  const top = options?.top ?? 5;
  const quotes = options?.quotes ?? 3;
  const alpha = options?.alpha ?? 0.05;
  assertNumberOption(where, 'options.baseline', baselineDays, { min: 1, integer: true });
  assertNumberOption(where, 'options.gap', gap, { min: 0, integer: true });
  assertNumberOption(where, 'options.minCount', minCount, { min: 1, integer: true });
  assertNumberOption(where, 'options.top', top, { min: 1, integer: true });
  assertNumberOption(where, 'options.quotes', quotes, { min: 0, integer: true });
  assertNumberOption(where, 'options.alpha', alpha, { min: 1e-6, max: 0.5 });
  const rankBy = checkChoice(where, 'options.rankBy', options?.rankBy, ['lowerBound', 'rise', 'pValue'] as const, 'lowerBound');
  const facets = options?.facets ?? ['theme', 'aspect'];
  assertArray(where, 'options.facets', facets);
  for (const f of facets) if (f !== 'theme' && f !== 'aspect') fail('INVALID_OPTION', where, 'options.facets', 'made of "theme", "aspect"', f);
  const segment: Segment = options?.segment ?? anomaly.segment ?? {};
  if (typeof segment !== 'object' || segment === null) fail('INVALID_OPTION', where, 'options.segment', 'an object', segment);
  const kpi = options?.kpi ?? 'sales';
  return { day, windows, baselineDays, gap, segment: { ...segment }, facets: [...facets], quotes, minCount, top, alpha, rankBy, kpi };
}

/**
 * Tallies the counts of `explainAnomaly` over dated records of the segment (the caller filters by segment and
 * parses dates once). Cost: O(n · w + c · w · q log q) for n entries, w windows, c candidates, q quotes.
 */
export function tallyExplainAnomaly(entries: readonly ExplainEntry[], spec: ExplainSpec): ExplainCounts {
  const { windows, facets } = spec;
  const longest = windows[windows.length - 1] as number;
  const windowEnd = spec.day - spec.gap; // exclusive
  const windowStart = windowEnd - longest;
  const baselineStart = windowStart - spec.baselineDays;
  const windowN = windows.map(() => 0);
  let baselineN = 0;
  const negWindow: [number, number] = [0, 0];
  const negBaseline: [number, number] = [0, 0];
  interface Cell { window: number[]; baseline: number; quotes: QuoteCandidate[][] }
  const items = new Map<string, Cell>();
  const cellOf = (item: string): Cell => {
    let cell = items.get(item);
    if (cell === undefined) items.set(item, (cell = { window: windows.map(() => 0), baseline: 0, quotes: windows.map(() => []) }));
    return cell;
  };
  for (const { record, day, row } of entries) {
    const inWindow = day >= windowStart && day < windowEnd;
    const inBaseline = !inWindow && day >= baselineStart && day < windowStart;
    if (!inWindow && !inBaseline) continue;
    const negative = isNegative(record.sentiment);
    const slot = inWindow ? negWindow : negBaseline;
    if (negative !== undefined) {
      slot[0]++;
      if (negative) slot[1]++;
    }
    const keys = itemsOf(record, facets);
    if (inBaseline) {
      baselineN++;
      for (const item of keys) cellOf(item).baseline++;
      continue;
    }
    let quote: QuoteCandidate | undefined;
    for (let w = 0; w < windows.length; w++) {
      if (day < windowEnd - (windows[w] as number)) continue;
      windowN[w] = (windowN[w] as number) + 1;
      for (const item of keys) {
        const cell = cellOf(item);
        cell.window[w] = (cell.window[w] as number) + 1;
        if (spec.quotes === 0) continue;
        quote ??= quoteOf(record, day, row);
        offerQuote(cell.quotes[w] as QuoteCandidate[], quote, spec.quotes);
      }
    }
  }
  const out: Record<string, ExplainItemCounts> = {};
  for (const key of [...items.keys()].sort()) out[key] = items.get(key) as Cell;
  return { windowN, baselineN, segmentTotal: entries.length, negative: { window: negWindow, baseline: negBaseline }, items: out };
}

/** Merges the counts of two parts of the input (same spec): exact, associative and commutative. O(c · w · q). */
export function mergeExplainCounts(a: ExplainCounts, b: ExplainCounts, spec: ExplainSpec): ExplainCounts {
  const add = (x: readonly number[], y: readonly number[]): number[] => x.map((v, i) => v + (y[i] ?? 0));
  const items: Record<string, ExplainItemCounts> = {};
  const keys = [...new Set([...Object.keys(a.items), ...Object.keys(b.items)])].sort();
  for (const key of keys) {
    const x = a.items[key];
    const y = b.items[key];
    if (x === undefined || y === undefined) {
      items[key] = (x ?? y) as ExplainItemCounts;
      continue;
    }
    items[key] = {
      window: add(x.window, y.window),
      baseline: x.baseline + y.baseline,
      quotes: x.quotes.map((list, w) => {
        const merged = [...list];
        for (const q of y.quotes[w] ?? []) offerQuote(merged, q, spec.quotes);
        return merged;
      }),
    };
  }
  return {
    windowN: add(a.windowN, b.windowN),
    baselineN: a.baselineN + b.baselineN,
    segmentTotal: a.segmentTotal + b.segmentTotal,
    negative: {
      window: [a.negative.window[0] + b.negative.window[0], a.negative.window[1] + b.negative.window[1]],
      baseline: [a.negative.baseline[0] + b.negative.baseline[0], a.negative.baseline[1] + b.negative.baseline[1]],
    },
    items,
  };
}

/**
 * `explainAnomaly` from counts (`tallyExplainAnomaly`, merged over shards with `mergeExplainCounts`): the same
 * tests, ranking and summary as the record-based function, which calls it. Cost: O(c log c).
 */
export function explainAnomalyFromCounts(anomaly: AnomalyLike, spec: ExplainSpec, counts: ExplainCounts): AnomalyExplanation {
  return explainFromCounts(anomaly, spec, counts, []);
}

function explainFromCounts(anomaly: AnomalyLike, spec: ExplainSpec, counts: ExplainCounts, rejected: Rejected[]): AnomalyExplanation {
  const { windows, segment, kpi, minCount, top, alpha, rankBy } = spec;
  const day = spec.day;
  const longest = windows[windows.length - 1] as number;
  const windowEnd = day - spec.gap;
  const windowStart = windowEnd - longest;
  const baselineStart = windowStart - spec.baselineDays;
  const warnings: string[] = [];
  const nWindow = counts.windowN[windows.length - 1] as number;
  const nB = counts.baselineN;
  const date = formatDay(day);
  const windowInfo = { from: formatDay(windowStart), to: formatDay(windowEnd - 1), n: nWindow };
  const baselineInfo = { from: formatDay(baselineStart), to: formatDay(windowStart - 1), n: nB };
  const change = describeChange(anomaly, kpi, segment, date);
  const share = ([known, negative]: readonly [number, number]): number | null => (known === 0 ? null : negative / known);
  const negativeShare = { window: share(counts.negative.window), baseline: share(counts.negative.baseline) };
  const base = { segment, date, window: windowInfo, baseline: baselineInfo, negativeShare, rejected };
  const span = windows.length === 1 ? `${longest} days` : `${windows[0]}-${longest} days`;

  if (counts.segmentTotal === 0) {
    const w = `no feedback at all in ${describeSegment(segment)}: the anomaly cannot be explained from feedback`;
    warnings.push(w);
    return { ...base, drivers: [], supported: false, summary: `${change}; ${w}`, warnings };
  }
  if (nWindow === 0) {
    const w = `no feedback in ${describeSegment(segment)} in the ${longest} days before ${date}`;
    warnings.push(w);
    return { ...base, drivers: [], supported: false, summary: `${change}; ${w}`, warnings };
  }
  if (nB === 0) {
    warnings.push(`no baseline feedback in ${describeSegment(segment)} from ${baselineInfo.from} to ${baselineInfo.to}: shares cannot be compared, no significance`);
  }
  if (rejected.length > 0) warnings.push(`${rejected.length} record(s) skipped (see rejected)`);

  // Bonferroni over the windows scanned: each driver's best window is chosen after looking at all of them.
  const z = normalQuantile(1 - alpha / windows.length);
  const best = new Map<string, Omit<Driver, 'qValue' | 'significant' | 'quotes'> & { candidates: readonly QuoteCandidate[] }>();
  windows.forEach((w, wi) => {
    const nW = counts.windowN[wi] as number;
    if (nW === 0) return;
    for (const [item, cell] of Object.entries(counts.items)) {
      const hitsW = cell.window[wi] as number;
      if (hitsW === 0) continue;
      const hitsB = cell.baseline;
      const windowShare = hitsW / nW;
      const baselineShare = nB > 0 ? hitsB / nB : null;
      const rise = baselineShare === null ? null : windowShare - baselineShare;
      const riseLowerBound = baselineShare === null ? null : newcombeLower(hitsW, nW, hitsB, nB, z);
      const rawP = nB > 0 ? fisherExactGreater(hitsW, nW - hitsW, hitsB, nB - hitsB) : null;
      const candidate = {
        facet: item.startsWith('theme\u0000') ? ('theme' as const) : ('aspect' as const),
        name: item.slice(item.indexOf('\u0000') + 1),
        windowDays: w,
        windowN: nW,
        windowCount: hitsW,
        windowShare,
        baselineCount: hitsB,
        baselineShare,
        rise,
        riseLowerBound,
        lift: baselineShare === null ? null : (hitsW + 0.5) / (nW + 1) / ((hitsB + 0.5) / (nB + 1)),
        pValue: rawP === null ? null : Math.min(1, rawP * windows.length),
        candidates: cell.quotes[wi] ?? [],
      };
      const previous = best.get(item);
      const eligible = hitsW >= minCount;
      const previousEligible = previous !== undefined && previous.windowCount >= minCount;
      if (
        previous === undefined ||
        (eligible && !previousEligible) ||
        (eligible === previousEligible && (candidate.riseLowerBound ?? candidate.windowShare) > (previous.riseLowerBound ?? previous.windowShare))
      ) {
        best.set(item, candidate);
      }
    }
  });
  const list = [...best.values()];
  const qValues = benjaminiHochberg(list.map((c) => c.pValue ?? 1));
  const drivers: Driver[] = [];
  list.forEach((c, i) => {
    if (c.windowCount < minCount) return;
    if (c.rise !== null && c.rise <= 0) return;
    const qValue = c.pValue === null ? null : (qValues[i] as number);
    const { candidates, ...fields } = c;
    const quotes = candidates.slice(0, spec.quotes).map((q) => ({ id: q.id, date: formatDay(q.day), text: q.text }));
    drivers.push({ ...fields, qValue, significant: qValue !== null && qValue < alpha, quotes });
  });
  if (best.size === 0) {
    warnings.push('no record carries a theme or aspect: run clusterTexts / tagThemes / aspectSentiment first');
  }
  drivers.sort((a, b) => compareDrivers(a, b, rankBy));
  const ranked = drivers.slice(0, top);
  const supported = ranked.some((d) => d.significant);
  const lead = ranked[0];
  let summary: string;
  if (lead === undefined) {
    summary = `${change}; in the ${span} before, no theme or aspect rose in ${describeSegment(segment)} feedback (${nWindow} records vs ${nB} in the baseline)`;
  } else {
    const what = lead.facet === 'theme' ? `theme '${lead.name}'` : `negative mentions of '${lead.name}'`;
    const from = lead.baselineShare === null ? 'no baseline' : pct(lead.baselineShare);
    const p = lead.pValue === null ? 'no significance without a baseline' : formatP(lead.pValue);
    summary =
      `${change}; in the ${lead.windowDays} days before, ${what} rose from ${from} to ${pct(lead.windowShare)} of feedback ` +
      `(${lead.windowCount} of ${lead.windowN} vs ${lead.baselineCount} of ${nB}, ${p})`;
    if (!supported) summary += '; not significant after correcting for the candidates examined: treat as a lead, not a finding';
  }
  return { ...base, drivers: ranked, supported, summary, warnings };
}

function quoteOf(record: InsightRecord, day: number, row: number): QuoteCandidate {
  const text = typeof record.text === 'string' ? (record.text.length > 280 ? `${record.text.slice(0, 277)}...` : record.text) : '';
  return { row, id: String(record.id), day, score: sentimentScore(record.sentiment) ?? 0, text };
}

/** Quotes: most negative first, then the latest, then by id and row (a total order, so merges are exact). */
function compareQuotes(a: QuoteCandidate, b: QuoteCandidate): number {
  if (a.score !== b.score) return a.score - b.score;
  if (a.day !== b.day) return b.day - a.day;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.row - b.row;
}

/** Inserts `quote` into a list kept sorted and cut to `limit`. */
function offerQuote(list: QuoteCandidate[], quote: QuoteCandidate, limit: number): void {
  if (limit === 0) return;
  if (list.length >= limit && compareQuotes(quote, list[list.length - 1] as QuoteCandidate) >= 0) return;
  let at = list.length;
  while (at > 0 && compareQuotes(quote, list[at - 1] as QuoteCandidate) < 0) at--;
  list.splice(at, 0, quote);
  if (list.length > limit) list.length = limit;
}

function itemsOf(record: InsightRecord, facets: readonly string[]): string[] {
  const items = new Set<string>();
  if (facets.includes('theme')) for (const t of themesOf(record)) items.add(`theme\u0000${t}`);
  if (facets.includes('aspect')) for (const a of aspectsOf(record)) if (a.negative !== false) items.add(`aspect\u0000${a.aspect}`);
  return [...items];
}

function compareDrivers(a: Driver, b: Driver, rankBy: 'lowerBound' | 'rise' | 'pValue'): number {
  const keyA = rankBy === 'lowerBound' ? a.riseLowerBound : rankBy === 'rise' ? a.rise : a.pValue === null ? null : -a.pValue;
  const keyB = rankBy === 'lowerBound' ? b.riseLowerBound : rankBy === 'rise' ? b.rise : b.pValue === null ? null : -b.pValue;
  const x = keyA ?? -Infinity;
  const y = keyB ?? -Infinity;
  if (x !== y) return y - x;
  if (a.windowCount !== b.windowCount) return b.windowCount - a.windowCount;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Lower bound of p1 - p2 by Newcombe's (1998) method 10 from Wilson score limits. */
function newcombeLower(x1: number, n1: number, x2: number, n2: number, z: number): number {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const l1 = wilsonLimit(p1, n1, z, -1);
  const u2 = wilsonLimit(p2, n2, z, 1);
  return p1 - p2 - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
}

function wilsonLimit(p: number, n: number, z: number, sign: 1 | -1): number {
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return centre + sign * half;
}

function describeChange(anomaly: AnomalyLike, kpi: string, segment: Segment, date: string): string {
  const where = Object.keys(segment).length === 0 ? '' : ` in ${describeSegment(segment)}`;
  const actual = typeof anomaly.value === 'number' ? anomaly.value : anomaly.after;
  const expected = typeof anomaly.expected === 'number' ? anomaly.expected : anomaly.before;
  if (typeof actual === 'number' && typeof expected === 'number' && Number.isFinite(actual) && Number.isFinite(expected) && expected !== 0) {
    const change = (actual - expected) / Math.abs(expected);
    return `${kpi}${where} ${change < 0 ? 'fell' : 'rose'} ${Math.round(Math.abs(change) * 100)}% on ${date}`;
  }
  const verb = anomaly.direction === 'up' ? 'rose unusually' : anomaly.direction === 'down' ? 'fell unusually' : 'broke from its pattern';
  return `${kpi}${where} ${verb} on ${date}`;
}

function pct(share: number): string {
  const v = share * 100;
  return `${v < 10 && v !== 0 ? v.toFixed(1).replace(/\.0$/, '') : Math.round(v)}%`;
}

function formatP(p: number): string {
  return p < 0.0001 ? 'p < 0.0001' : `p = ${p.toPrecision(2)}`;
}
