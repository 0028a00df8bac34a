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
  if (anomaly === null || typeof anomaly !== 'object') fail('INVALID_ARGUMENT', where, 'anomaly', 'an object with a date t', anomaly);
  const day =
    typeof anomaly.t === 'number' && Number.isFinite(anomaly.t) ? Math.floor(anomaly.t / 86_400_000) : parseDay(anomaly.t);
  if (day === null) fail('INVALID_ARGUMENT', where, 'anomaly.t', 'an ISO 8601 date or epoch milliseconds', anomaly.t);
  assertArray(where, 'feedback', feedback);
  assertOptions(where, options);
  const windowOption = options?.window ?? [7, 14, 21, 28];
  const windows = [...new Set(typeof windowOption === 'number' ? [windowOption] : windowOption)].sort((x, y) => x - y);
  if (!Array.isArray(windowOption) && typeof windowOption !== 'number') {
    fail('INVALID_OPTION', where, 'options.window', 'an integer >= 1 or an array of them', windowOption);
  }
  if (windows.length === 0) fail('INVALID_OPTION', where, 'options.window', 'an integer >= 1 or an array of them', windowOption);
  for (const w of windows) assertNumberOption(where, 'options.window', w, { min: 1, integer: true });
  const baselineDays = options?.baseline ?? 84;
  const gap = options?.gap ?? 0;
  const minCount = options?.minCount ?? 3;
  const top = options?.top ?? 5;
  const quoteCount = options?.quotes ?? 3;
  const alpha = options?.alpha ?? 0.05;
  assertNumberOption(where, 'options.baseline', baselineDays, { min: 1, integer: true });
  assertNumberOption(where, 'options.gap', gap, { min: 0, integer: true });
  assertNumberOption(where, 'options.minCount', minCount, { min: 1, integer: true });
  assertNumberOption(where, 'options.top', top, { min: 1, integer: true });
  assertNumberOption(where, 'options.quotes', quoteCount, { min: 0, integer: true });
  assertNumberOption(where, 'options.alpha', alpha, { min: 1e-6, max: 0.5 });
  const rankBy = checkChoice(where, 'options.rankBy', options?.rankBy, ['lowerBound', 'rise', 'pValue'] as const, 'lowerBound');
  const facets = options?.facets ?? ['theme', 'aspect'];
  assertArray(where, 'options.facets', facets);
  for (const f of facets) if (f !== 'theme' && f !== 'aspect') fail('INVALID_OPTION', where, 'options.facets', 'made of "theme", "aspect"', f);
  const segment: Segment = options?.segment ?? anomaly.segment ?? {};
  if (typeof segment !== 'object' || segment === null) fail('INVALID_OPTION', where, 'options.segment', 'an object', segment);
  const kpi = options?.kpi ?? 'sales';

  const longest = windows[windows.length - 1] as number;
  const windowEnd = day - gap; // exclusive
  const windowStart = windowEnd - longest;
  const baselineStart = windowStart - baselineDays;
  const rejected: Rejected[] = [];
  const warnings: string[] = [];
  const inWindow: Entry[] = [];
  const inBaseline: Entry[] = [];
  let segmentTotal = 0;
  feedback.forEach((record, row) => {
    if (record === null || typeof record !== 'object') {
      rejected.push({ row, field: 'record', reason: 'not an object' });
      return;
    }
    if (!inSegment(record, segment)) return;
    const d = parseDay(record.date);
    if (d === null) {
      rejected.push({ row, field: 'date', reason: `not an ISO 8601 date: ${String(record.date)}` });
      return;
    }
    segmentTotal++;
    if (d >= windowStart && d < windowEnd) inWindow.push({ record, day: d, items: itemsOf(record, facets) });
    else if (d >= baselineStart && d < windowStart) inBaseline.push({ record, day: d, items: itemsOf(record, facets) });
  });

  const date = formatDay(day);
  const windowInfo = { from: formatDay(windowStart), to: formatDay(windowEnd - 1), n: inWindow.length };
  const baselineInfo = { from: formatDay(baselineStart), to: formatDay(windowStart - 1), n: inBaseline.length };
  const change = describeChange(anomaly, kpi, segment, date);
  const negativeShare = { window: negativeShareOf(inWindow), baseline: negativeShareOf(inBaseline) };
  const base = { segment, date, window: windowInfo, baseline: baselineInfo, negativeShare, rejected };
  const span = windows.length === 1 ? `${longest} days` : `${windows[0]}-${longest} days`;

  if (segmentTotal === 0) {
    const w = `no feedback at all in ${describeSegment(segment)}: the anomaly cannot be explained from feedback`;
    warnings.push(w);
    return { ...base, drivers: [], supported: false, summary: `${change}; ${w}`, warnings };
  }
  if (inWindow.length === 0) {
    const w = `no feedback in ${describeSegment(segment)} in the ${longest} days before ${date}`;
    warnings.push(w);
    return { ...base, drivers: [], supported: false, summary: `${change}; ${w}`, warnings };
  }
  if (inBaseline.length === 0) {
    warnings.push(`no baseline feedback in ${describeSegment(segment)} from ${baselineInfo.from} to ${baselineInfo.to}: shares cannot be compared, no significance`);
  }
  if (rejected.length > 0) warnings.push(`${rejected.length} record(s) skipped (see rejected)`);

  const nB = inBaseline.length;
  const baselineCounts = new Map<string, number>();
  for (const e of inBaseline) for (const item of e.items) baselineCounts.set(item, (baselineCounts.get(item) ?? 0) + 1);
  // Bonferroni over the windows scanned: each driver's best window is chosen after looking at all of them.
  const z = normalQuantile(1 - alpha / windows.length);
  const best = new Map<string, Omit<Driver, 'qValue' | 'significant' | 'quotes'> & { entries: Entry[] }>();
  for (const w of windows) {
    const entries = inWindow.filter((e) => e.day >= windowEnd - w);
    const nW = entries.length;
    if (nW === 0) continue;
    const hits = new Map<string, Entry[]>();
    for (const e of entries) {
      for (const item of e.items) {
        let list = hits.get(item);
        if (list === undefined) hits.set(item, (list = []));
        list.push(e);
      }
    }
    for (const [item, list] of hits) {
      const hitsW = list.length;
      const hitsB = baselineCounts.get(item) ?? 0;
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
        entries: list,
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
  }
  const list = [...best.values()];
  const qValues = benjaminiHochberg(list.map((c) => c.pValue ?? 1));
  const drivers: Driver[] = [];
  list.forEach((c, i) => {
    if (c.windowCount < minCount) return;
    if (c.rise !== null && c.rise <= 0) return;
    const qValue = c.pValue === null ? null : (qValues[i] as number);
    const { entries, ...fields } = c;
    drivers.push({ ...fields, qValue, significant: qValue !== null && qValue < alpha, quotes: pickQuotes(entries, quoteCount) });
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
    summary = `${change}; in the ${span} before, no theme or aspect rose in ${describeSegment(segment)} feedback (${inWindow.length} records vs ${nB} in the baseline)`;
  } else {
    const what = lead.facet === 'theme' ? `theme '${lead.name}'` : `negative mentions of '${lead.name}'`;
    const from = lead.baselineShare === null ? 'no baseline' : pct(lead.baselineShare);
    const p = lead.pValue === null ? 'no significance without a baseline' : `p = ${formatP(lead.pValue)}`;
    summary =
      `${change}; in the ${lead.windowDays} days before, ${what} rose from ${from} to ${pct(lead.windowShare)} of feedback ` +
      `(${lead.windowCount} of ${lead.windowN} vs ${lead.baselineCount} of ${nB}, ${p})`;
    if (!supported) summary += '; not significant after correcting for the candidates examined: treat as a lead, not a finding';
  }
  return { ...base, drivers: ranked, supported, summary, warnings };
}

interface Entry {
  readonly record: InsightRecord;
  readonly day: number;
  /** `theme\0name` and `aspect\0name` keys. */
  readonly items: readonly string[];
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

function pickQuotes(entries: readonly Entry[], count: number): Quote[] {
  return [...entries]
    .sort((a, b) => {
      const sa = sentimentScore(a.record.sentiment) ?? 0;
      const sb = sentimentScore(b.record.sentiment) ?? 0;
      if (sa !== sb) return sa - sb;
      if (a.day !== b.day) return b.day - a.day;
      return String(a.record.id) < String(b.record.id) ? -1 : 1;
    })
    .slice(0, count)
    .map(({ record, day }) => ({
      id: String(record.id),
      date: formatDay(day),
      text: typeof record.text === 'string' ? (record.text.length > 280 ? `${record.text.slice(0, 277)}...` : record.text) : '',
    }));
}

function negativeShareOf(entries: readonly { record: InsightRecord }[]): number | null {
  let known = 0;
  let negative = 0;
  for (const { record } of entries) {
    const n = isNegative(record.sentiment);
    if (n === undefined) continue;
    known++;
    if (n) negative++;
  }
  return known === 0 ? null : negative / known;
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
  return p < 0.0001 ? '< 0.0001' : p.toPrecision(2);
}
