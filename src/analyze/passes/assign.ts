/**
 * Pass 2, assign: each text's sentiment and theme (nearest centroid of the fitted model), and every count the
 * report needs of the feedback — per day (volume, sentiment, NPS), per theme (size, sentiment, weekly volume and
 * negatives, quotes nearest the centroid), per sales break (`explainAnomaly`'s counts), per action
 * (`actionImpact`'s feedback counts). Every part is bounded (days, themes x weeks, top-k quotes) and merges exactly.
 */
import { mergeSums } from '../../aggregates/compensated';
import { type ActionFeedbackCounts, actionFeedbackCounts, mergeActionFeedbackCounts } from '../../insights/actionImpact';
import {
  type ExplainCounts,
  type ExplainEntry,
  type ExplainSpec,
  mergeExplainCounts,
  tallyExplainAnomaly,
} from '../../insights/explainAnomaly';
import { dimensionOf, inSegment } from '../../insights/internal/records';
import type { InsightRecord } from '../../insights/types';
import { isoWeekStart } from '../../internal/civil';
import type { ActionRecord, FeedbackRecord } from '../../records';
import { createFeedbackScorer } from '../../sentiment/createFeedbackScorer';
import { createThemeNormAssigner, type ThemeModel } from '../../themes/themeModel';
import type { ShardInput } from '../passes';
import { DAY_CELL, type DayTable } from '../sections/headline';
import { dayCache, usableText } from './scan';

/** Quotes per theme. */
export const THEME_QUOTES = 3;
/** Quotes longer than this are shown only when a theme has too few shorter ones (as `clusterTexts`' examples). */
const QUOTE_LENGTH = 200;

export interface AssignContext {
  readonly model: ThemeModel | null;
  /** The sales breaks to explain, as `explainAnomaly` specs. */
  readonly breaks: readonly ExplainSpec[];
  readonly actions: readonly ActionRecord[] | null;
}

export interface ThemeQuoteCandidate {
  readonly row: number;
  readonly similarity: number;
  readonly text: string;
  readonly id: string;
  readonly date: string;
  readonly source?: string;
  readonly rating?: number;
  readonly segment: string;
  readonly sentiment: number;
}

export interface ThemeCell {
  readonly size: number;
  readonly sum: number;
  readonly compensation: number;
  /** Week start (day number) -> [records, negative records]. */
  readonly weeks: { readonly [week: string]: readonly [number, number] };
  readonly quotes: readonly ThemeQuoteCandidate[];
}

export interface AssignPartial {
  readonly days: DayTable;
  /** Theme id (-1: unclustered) -> its cell. */
  readonly themes: { readonly [id: string]: ThemeCell };
  readonly breaks: readonly ExplainCounts[];
  readonly actions: ActionFeedbackCounts | null;
}

// One tokenizer pass a text: the scorer's tokens (its sentiment is `scoreSentiment`'s) give the theme assigner its
// norms (`tokenize(text)`'s norms are `tokenizeNorms(text, { punct: true })`).
let scorer: ReturnType<typeof createFeedbackScorer> | undefined;
const assigners = new WeakMap<ThemeModel, ReturnType<typeof createThemeNormAssigner>>();

function assignerOf(model: ThemeModel): ReturnType<typeof createThemeNormAssigner> {
  let assign = assigners.get(model);
  if (assign === undefined) assigners.set(model, (assign = createThemeNormAssigner(model)));
  return assign;
}

/** Sentiment below this counts as negative, as the insights stage reads a bare score (`isNegative`). */
const NEGATIVE_SCORE = -0.05;

export function mapAssign(context: AssignContext, shard: ShardInput): AssignPartial {
  scorer ??= createFeedbackScorer({ aspects: false });
  const score = scorer;
  const assign = context.model === null ? undefined : assignerOf(context.model);
  const labels = context.model?.themes.map((t) => t.label) ?? [];
  const days = new Map<number, number[]>();
  const themes = new Map<number, { size: number; sum: number; compensation: number; weeks: Map<number, [number, number]>; quotes: ThemeQuoteCandidate[] }>();
  const needRecords = context.breaks.length > 0 || context.actions !== null;
  const enriched: InsightRecord[] = [];
  const entries: ExplainEntry[] = [];
  // The breaks' segments, each matched once per record while it is at hand (see segmentMatchers).
  const segments = segmentMatchers(context.breaks);
  const dayOf = dayCache();
  shard.records.forEach((record, i) => {
    if (record === null || typeof record !== 'object' || !usableText(record)) return;
    const row = shard.offset + i;
    const scored = score(record.text);
    const sentiment = scored.sentiment;
    const { theme, similarity } = assign === undefined ? { theme: -1, similarity: 0 } : assign(scored.tokens.map((token) => token.norm));
    const day = dayOf(record.date);
    const negative = sentiment.score < NEGATIVE_SCORE ? 1 : 0;
    if (day !== null) {
      let cell = days.get(day);
      if (cell === undefined) days.set(day, (cell = new Array<number>(DAY_CELL).fill(0)));
      cell[0]!++;
      const next = cell[1]! + sentiment.score;
      const virtual = next - cell[1]!;
      cell[2]! += cell[1]! - (next - virtual) + (sentiment.score - virtual);
      cell[1] = next;
      cell[sentiment.label === 'positive' ? 3 : sentiment.label === 'neutral' ? 4 : 5]!++;
      if (record.source === 'survey' && typeof record.rating === 'number' && Number.isInteger(record.rating) && record.rating >= 0 && record.rating <= 10) {
        cell[6 + record.rating]!++;
      }
    }
    let t = themes.get(theme);
    if (t === undefined) themes.set(theme, (t = { size: 0, sum: 0, compensation: 0, weeks: new Map(), quotes: [] }));
    t.size++;
    const next = t.sum + sentiment.score;
    const virtual = next - t.sum;
    t.compensation += t.sum - (next - virtual) + (sentiment.score - virtual);
    t.sum = next;
    if (day !== null) {
      const week = isoWeekStart(day);
      let w = t.weeks.get(week);
      if (w === undefined) t.weeks.set(week, (w = [0, 0]));
      w[0]++;
      w[1] += negative;
    }
    // Most records lose to a full list's worst: decided on (text length, similarity, row) before a candidate is built.
    if (theme >= 0 && !losesToWorst(t.quotes, record.text, similarity, row)) {
      offerThemeQuote(t.quotes, {
        row,
        similarity,
        text: record.text,
        id: record.id,
        date: String(record.date).slice(0, 10),
        ...(record.source === undefined ? {} : { source: record.source }),
        ...(record.rating === undefined ? {} : { rating: record.rating }),
        segment: [record.product, record.region].filter((x) => x !== undefined).join(' / '),
        sentiment: sentiment.score,
      });
    }
    const enrich = (): InsightRecord => ({ ...record, sentiment: sentiment.score, theme: theme >= 0 ? (labels[theme] ?? null) : null });
    if (segments === null) {
      if (needRecords) {
        const enrichedRecord = enrich();
        enriched.push(enrichedRecord);
        if (day !== null) entries.push({ record: enrichedRecord, day, row });
      }
      return;
    }
    // Only the records some break or action reads are enriched (most are in no break's segment).
    let enrichedRecord: InsightRecord | undefined;
    if (day !== null) {
      let entry: ExplainEntry | undefined;
      for (const segment of segments) {
        if (!segment.matches(record)) continue;
        if (entry === undefined) {
          enrichedRecord = enrich();
          entry = { record: enrichedRecord, day, row };
        }
        segment.entries.push(entry);
      }
    }
    if (context.actions !== null) {
      enriched.push(enrichedRecord ?? enrich());
    }
  });
  const dayTable: Record<string, number[]> = {};
  for (const d of [...days.keys()].sort((x, y) => x - y)) dayTable[String(d)] = days.get(d)!;
  const themeTable: Record<string, ThemeCell> = {};
  for (const id of [...themes.keys()].sort((x, y) => x - y)) {
    const t = themes.get(id)!;
    const weeks: Record<string, [number, number]> = {};
    for (const w of [...t.weeks.keys()].sort((x, y) => x - y)) weeks[String(w)] = t.weeks.get(w)!;
    themeTable[String(id)] = { size: t.size, sum: t.sum, compensation: t.compensation, weeks, quotes: t.quotes };
  }
  // Breaks often share a segment: each segment's entries are picked out once (tallyExplainAnomaly only reads them).
  const bySegment = new Map<string, ExplainEntry[]>();
  for (const segment of segments ?? []) bySegment.set(segment.key, segment.entries);
  const entriesIn = (segment: ExplainSpec['segment']): ExplainEntry[] => {
    const values = Object.entries(segment);
    if (!values.every(([, v]) => typeof v === 'string')) return entries.filter((e) => inSegment(e.record, segment));
    const key = JSON.stringify(values);
    let list = bySegment.get(key);
    if (list === undefined) bySegment.set(key, (list = entries.filter((e) => inSegment(e.record, segment))));
    return list;
  };
  const breaks = context.breaks.map((spec) => tallyExplainAnomaly(entriesIn(spec.segment), spec));
  const actions = context.actions === null ? null : actionFeedbackCounts(context.actions, enriched);
  return { days: dayTable, themes: themeTable, breaks, actions };
}

interface SegmentMatcher {
  /** The key `entriesIn` files the segment under. */
  readonly key: string;
  /** `inSegment(record, segment)`, on the record as read (the enrichment adds no segment dimension). */
  readonly matches: (record: FeedbackRecord) => boolean;
  /** Entries of the shard's dated records in the segment, in record order. */
  readonly entries: ExplainEntry[];
}

/**
 * One matcher per distinct segment of the breaks, when every segment is made of strings over dimensions that
 * enrichment does not add (`sentiment`, `theme`); else `null` (every record is enriched and filtered per segment).
 */
function segmentMatchers(breaks: readonly ExplainSpec[]): SegmentMatcher[] | null {
  const out = new Map<string, SegmentMatcher>();
  for (const { segment } of breaks) {
    const values = Object.entries(segment);
    if (!values.every(([name, v]) => typeof v === 'string' && name !== 'sentiment' && name !== 'theme')) return null;
    const key = JSON.stringify(values);
    if (out.has(key)) continue;
    const pairs = values as [string, string][];
    out.set(key, {
      key,
      matches: (record) => {
        for (const [name, value] of pairs) if (dimensionOf(record as InsightRecord, name) !== value) return false;
        return true;
      },
      entries: [],
    });
  }
  return [...out.values()];
}

export function mergeAssign(context: AssignContext, a: AssignPartial, b: AssignPartial): AssignPartial {
  const days: Record<string, number[]> = {};
  const dayKeys = [...new Set([...Object.keys(a.days), ...Object.keys(b.days)])].map(Number).sort((x, y) => x - y);
  for (const d of dayKeys) {
    const x = a.days[String(d)];
    const y = b.days[String(d)];
    if (x === undefined || y === undefined) {
      days[String(d)] = [...((x ?? y) as readonly number[])];
      continue;
    }
    const cell = x.map((v, i) => v + (y[i] as number));
    const total = mergeSums({ sum: x[1]!, compensation: x[2]! }, { sum: y[1]!, compensation: y[2]! });
    cell[1] = total.sum;
    cell[2] = total.compensation;
    days[String(d)] = cell;
  }
  const themes: Record<string, ThemeCell> = {};
  const ids = [...new Set([...Object.keys(a.themes), ...Object.keys(b.themes)])].map(Number).sort((x, y) => x - y);
  for (const id of ids) {
    const x = a.themes[String(id)];
    const y = b.themes[String(id)];
    if (x === undefined || y === undefined) {
      themes[String(id)] = (x ?? y) as ThemeCell;
      continue;
    }
    const weeks: Record<string, [number, number]> = {};
    const weekKeys = [...new Set([...Object.keys(x.weeks), ...Object.keys(y.weeks)])].map(Number).sort((p, q) => p - q);
    for (const w of weekKeys) {
      const p = x.weeks[String(w)] ?? [0, 0];
      const q = y.weeks[String(w)] ?? [0, 0];
      weeks[String(w)] = [p[0] + q[0], p[1] + q[1]];
    }
    const quotes = [...x.quotes];
    for (const q of y.quotes) offerThemeQuote(quotes, q);
    const total = mergeSums({ sum: x.sum, compensation: x.compensation }, { sum: y.sum, compensation: y.compensation });
    themes[String(id)] = { size: x.size + y.size, sum: total.sum, compensation: total.compensation, weeks, quotes };
  }
  const breaks = context.breaks.map((spec, i) => mergeExplainCounts(a.breaks[i]!, b.breaks[i]!, spec));
  const actions = a.actions === null || b.actions === null ? (a.actions ?? b.actions) : mergeActionFeedbackCounts(a.actions, b.actions);
  return { days, themes, breaks, actions };
}

/** Short quotes first, then nearest the centroid, then by row: a total order, so the top k merge exactly. */
function compareThemeQuotes(a: ThemeQuoteCandidate, b: ThemeQuoteCandidate): number {
  const shortA = a.text.length <= QUOTE_LENGTH;
  const shortB = b.text.length <= QUOTE_LENGTH;
  if (shortA !== shortB) return shortA ? -1 : 1;
  if (a.similarity !== b.similarity) return b.similarity - a.similarity;
  return a.row - b.row;
}

/** Whether a quote (by its text, similarity and row) would lose to the worst of a full list: `compareThemeQuotes` >= 0. */
function losesToWorst(list: readonly ThemeQuoteCandidate[], text: string, similarity: number, row: number): boolean {
  if (list.length < THEME_QUOTES) return false;
  const worst = list[list.length - 1]!;
  const short = text.length <= QUOTE_LENGTH;
  const shortWorst = worst.text.length <= QUOTE_LENGTH;
  if (short !== shortWorst) return !short;
  if (similarity !== worst.similarity) return worst.similarity - similarity > 0;
  return row - worst.row >= 0;
}

function quoteKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Keeps the THEME_QUOTES best quotes with distinct texts (case and spacing ignored). Exact under merging: a text
 * among the best k distinct of the whole is among the best k distinct of its own shard.
 */
function offerThemeQuote(list: ThemeQuoteCandidate[], quote: ThemeQuoteCandidate): void {
  // Most candidates lose to a full list's worst: decided before any text is normalised.
  if (list.length >= THEME_QUOTES && compareThemeQuotes(quote, list[list.length - 1]!) >= 0) {
    return;
  }
  const key = quoteKey(quote.text);
  const same = list.findIndex((q) => quoteKey(q.text) === key);
  if (same >= 0) {
    if (compareThemeQuotes(quote, list[same]!) >= 0) return;
    list.splice(same, 1);
  }
  let at = list.length;
  while (at > 0 && compareThemeQuotes(quote, list[at - 1]!) < 0) at--;
  list.splice(at, 0, quote);
  if (list.length > THEME_QUOTES) list.length = THEME_QUOTES;
}
