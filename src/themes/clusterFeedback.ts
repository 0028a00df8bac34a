import { assertArray, assertOptions, fail } from '../errors';
import type { FeedbackRecord, Rejected } from '../records';
import { type ClusterTextsOptions, type ClusterTextsResult, clusterTexts } from './clusterTexts';

/** What clustering adds to each record. */
export interface Themed {
  /** Theme id (index into `themes` by `id`), -1 when the text could not be clustered. */
  readonly theme: number;
  /** The theme's label, `'unclustered'` for -1. */
  readonly themeLabel: string;
}

export interface ClusterFeedbackOptions<R> extends Omit<ClusterTextsOptions, 'sentiments'> {
  /** Where the text is (default `r => r.text`). */
  readonly text?: (record: R) => string;
  /**
   * Where the sentiment score is, for each theme's mean (default: `r.sentiment` when it is a number, else
   * `r.sentiment.score` when that is a number, as `scoreFeedback` leaves it).
   */
  readonly sentiment?: (record: R) => number | null | undefined;
}

export interface ClusterFeedbackResult<R> extends Omit<ClusterTextsResult, 'assignments'> {
  /** New records (inputs are not mutated), each with its `theme` and `themeLabel`, in input order. */
  readonly records: (R & Themed)[];
}

function defaultSentiment(record: unknown): number | undefined {
  const value = (record as { sentiment?: unknown } | null)?.sentiment;
  if (typeof value === 'number') return value;
  const score = (value as { score?: unknown } | null | undefined)?.score;
  return typeof score === 'number' ? score : undefined;
}

/**
 * `clusterTexts` over feedback records: finds the themes of the records' texts and returns new records with
 * their theme, the themes (with mean sentiment when the records carry one) and the clustering diagnostics.
 * A record whose text is missing or not a string is not dropped: it is reported in `rejected` and gets theme -1.
 *
 * Method and cost: those of `clusterTexts`.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `records` is not an array; INVALID_OPTION for a bad option;
 *   INSUFFICIENT_DATA when a numeric k exceeds the number of records
 * @example
 * const { records, themes } = clusterFeedback(feedback, { k: 5, seed: 1 });
 * // records[0] => { ...feedback[0], theme: 2, themeLabel: 'delivery, late' }; themes[2].size => 41
 */
export function clusterFeedback<R extends object = FeedbackRecord>(
  records: readonly R[],
  options?: ClusterFeedbackOptions<R>,
): ClusterFeedbackResult<R> {
  const where = 'clusterFeedback';
  assertArray(where, 'records', records);
  assertOptions(where, options);
  const textOf = options?.text ?? ((record: R) => (record as { text?: string }).text as string);
  const sentimentOf = options?.sentiment ?? defaultSentiment;
  if (typeof textOf !== 'function') fail('INVALID_OPTION', where, 'options.text', 'a function', textOf);
  if (typeof sentimentOf !== 'function') fail('INVALID_OPTION', where, 'options.sentiment', 'a function', sentimentOf);
  const rejected: Rejected[] = [];
  const texts = records.map((record, row) => {
    const text = record === null || typeof record !== 'object' ? undefined : textOf(record);
    if (typeof text === 'string') return text;
    rejected.push({ row, field: 'text', reason: text === undefined ? 'missing text' : `expected a string, found ${typeof text}` });
    return '';
  });
  const sentiments = records.map((record) => {
    if (record === null || typeof record !== 'object') return undefined;
    const value = sentimentOf(record);
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  });
  const { text: _text, sentiment: _sentiment, ...clusterOptions } = options ?? {};
  const result = clusterTexts(texts, { ...clusterOptions, sentiments });
  const labelOf = new Map(result.themes.map((theme) => [theme.id, theme.label]));
  const { assignments, ...rest } = result;
  const warnings = [...rest.warnings];
  if (rejected.length > 0) warnings.unshift(`${rejected.length} record(s) had no text and are unclustered`);
  return {
    ...rest,
    warnings,
    rejected: [...rejected, ...rest.rejected],
    records: records.map((record, i) => {
      const theme = assignments[i] ?? -1;
      return { ...record, theme, themeLabel: labelOf.get(theme) ?? 'unclustered' };
    }),
  };
}
