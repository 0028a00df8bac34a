import { assertNumberOption, assertOptions, fail } from '../errors';
import type { TermStatistics, Vocabulary } from './types';

export interface VocabularyOptions {
  /** Keep terms found in at least this many documents (default 2, or 1 for fewer than 20 documents). */
  readonly minDocumentFrequency?: number;
  /**
   * Drop terms found in more than this share of documents (default 0.5, or 1 for fewer than 20 documents): words
   * most texts use separate nothing.
   */
  readonly maxDocumentShare?: number;
  /** Keep at most this many terms, the most frequent by document frequency (default 20000). */
  readonly maxTerms?: number;
}

/**
 * Chooses the columns of a document-term matrix from term statistics: document-frequency pruning (too rare and
 * too common terms go) and a cap on vocabulary size, ties broken by term so that the result does not depend on
 * input order (Manning, Raghavan & Schuetze, *Introduction to Information Retrieval*, 2008, ch. 6 and 13.5).
 *
 * Cost: O(V log V) for V distinct terms.
 * @throws FeedbackMinerError INVALID_OPTION for an out-of-range option
 * @example buildVocabulary(termStatistics([['late'], ['late', 'rude'], ['rude'], ['late']]), { minDocumentFrequency: 2, maxDocumentShare: 1 }).terms
 * // => ['late', 'rude']
 */
export function buildVocabulary(statistics: TermStatistics, options?: VocabularyOptions): Vocabulary {
  const where = 'buildVocabulary';
  if (statistics === null || typeof statistics !== 'object' || typeof statistics.documentFrequency !== 'object') {
    fail('INVALID_ARGUMENT', where, 'statistics', 'a TermStatistics object', statistics);
  }
  assertOptions(where, options);
  const n = statistics.documentCount;
  const minDf = options?.minDocumentFrequency ?? (n < 20 ? 1 : 2);
  const maxShare = options?.maxDocumentShare ?? (n < 20 ? 1 : 0.5);
  const maxTerms = options?.maxTerms ?? 20000;
  assertNumberOption(where, 'options.minDocumentFrequency', minDf, { min: 1, integer: true });
  assertNumberOption(where, 'options.maxDocumentShare', maxShare, { min: 0, max: 1 });
  assertNumberOption(where, 'options.maxTerms', maxTerms, { min: 1, integer: true });
  const maxDf = Math.max(minDf, Math.floor(maxShare * n));
  const kept: [string, number][] = [];
  for (const [term, df] of Object.entries(statistics.documentFrequency)) {
    if (df >= minDf && df <= maxDf) kept.push([term, df]);
  }
  kept.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const chosen = kept.slice(0, maxTerms);
  // Columns in term order: the matrix then does not depend on which terms tied at the cap boundary's neighbours.
  chosen.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return {
    terms: chosen.map(([term]) => term),
    documentFrequency: chosen.map(([, df]) => df),
    documentCount: n,
    averageLength: n === 0 ? 0 : statistics.termTotal / n,
  };
}

/**
 * Each document's terms as vocabulary column ids (terms outside the vocabulary dropped, order and repeats kept),
 * and the positions of the documents left with at least one column (the ones that can be clustered).
 * Cost: O(total terms + V).
 */
export function termColumns(
  documents: readonly (readonly string[])[],
  terms: readonly string[],
): { columns: number[][]; clusterable: number[] } {
  const columnOf = new Map<string, number>();
  terms.forEach((term, column) => columnOf.set(term, column));
  const columns = documents.map((document) => {
    const ids: number[] = [];
    for (const term of document) {
      const column = columnOf.get(term);
      if (column !== undefined) ids.push(column);
    }
    return ids;
  });
  const clusterable: number[] = [];
  columns.forEach((ids, position) => {
    if (ids.length > 0) clusterable.push(position);
  });
  return { columns, clusterable };
}
