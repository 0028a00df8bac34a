import { assertArray } from '../errors';
import type { FeedbackRecord, Rejected } from '../records';
import { resolveSentimentOptions, scoreWith } from './scoreSentiment';
import type { SentimentOptions, SentimentResult } from './types';

/** What `scoreFeedback` adds to each record. */
export interface Scored {
  readonly sentiment: SentimentResult;
}

/**
 * The result of `scoreFeedback`: an array of new records with their sentiment (the contract), which also carries
 * `rejected`, the rows skipped because they are not an object or their `text` is not a string.
 */
export type ScoredFeedback<R> = (R & Scored)[] & { readonly rejected: Rejected[] };

/**
 * Scores every record's `text` with `scoreSentiment` and returns an array of new records
 * (`{ ...record, sentiment }`); the input records are never mutated. A record that is not an object or whose
 * `text` is not a string is skipped and reported in the array's `rejected` property (with its index); an empty
 * text scores neutral like any other.
 *
 * Method and labels as `scoreSentiment`; options are validated and the lexicon compiled once for the batch.
 * Cost: O(total text length).
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when `records` is not an array; INVALID_OPTION for a bad option.
 * @example
 * scoreFeedback([{ id: '1', date: '2026-03-01', text: 'Still waiting for my order' }])[0].sentiment.label
 * // => 'negative'
 */
export function scoreFeedback<R extends FeedbackRecord>(
  records: readonly R[],
  options?: SentimentOptions,
): ScoredFeedback<R> {
  assertArray('scoreFeedback', 'records', records);
  const settings = resolveSentimentOptions('scoreFeedback', options);
  const out: (R & Scored)[] = [];
  const rejected: Rejected[] = [];
  records.forEach((record, row) => {
    if (record === null || typeof record !== 'object') {
      rejected.push({ row, field: 'record', reason: 'not an object' });
      return;
    }
    const text = (record as { text?: unknown }).text;
    if (typeof text !== 'string') {
      rejected.push({ row, field: 'text', reason: 'not a string' });
      return;
    }
    out.push({ ...record, sentiment: scoreWith(settings, text) });
  });
  return Object.assign(out, { rejected });
}
