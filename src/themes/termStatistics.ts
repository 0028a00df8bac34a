import { assertArray, fail } from '../errors';
import type { TermStatistics } from './types';

/**
 * Counts term occurrences and document frequencies over documents given as term lists (the output of
 * `analyzeTexts`, or any tokenisation). The result is plain JSON and mergeable with `mergeTermStatistics`, so
 * shards can be counted apart and combined (map and reduce).
 *
 * Cost: O(total terms) time, O(distinct terms) memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `documents` is not an array of string arrays
 * @example termStatistics([['late', 'deliveri'], ['late']])
 * // => { documentCount: 2, termTotal: 3, documentFrequency: { late: 2, deliveri: 1 }, termFrequency: { late: 2, deliveri: 1 } }
 */
export function termStatistics(documents: readonly (readonly string[])[]): TermStatistics {
  assertArray('termStatistics', 'documents', documents);
  const documentFrequency = new Map<string, number>();
  const termFrequency = new Map<string, number>();
  let termTotal = 0;
  for (let d = 0; d < documents.length; d++) {
    const terms = documents[d];
    if (!Array.isArray(terms)) fail('INVALID_ARGUMENT', 'termStatistics', `documents[${d}]`, 'an array of strings', terms);
    const seen = new Set<string>();
    for (const term of terms as readonly unknown[]) {
      if (typeof term !== 'string') fail('INVALID_ARGUMENT', 'termStatistics', `documents[${d}]`, 'an array of strings', term);
      termFrequency.set(term, (termFrequency.get(term) ?? 0) + 1);
      termTotal++;
      if (!seen.has(term)) {
        seen.add(term);
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      }
    }
  }
  return {
    documentCount: documents.length,
    termTotal,
    documentFrequency: Object.fromEntries(documentFrequency),
    termFrequency: Object.fromEntries(termFrequency),
  };
}

/**
 * Merges term statistics of disjoint shards: counts add. Associative and commutative, with the statistics of
 * no documents as identity, so `merge(stats(a), stats(b))` equals `stats(a ++ b)`.
 *
 * Cost: O(distinct terms of both).
 * @throws FeedbackMinerError INVALID_ARGUMENT when an argument is not a TermStatistics value
 * @example mergeTermStatistics(termStatistics([['late']]), termStatistics([['late', 'rude']])).documentFrequency
 * // => { late: 2, rude: 1 }
 */
export function mergeTermStatistics(a: TermStatistics, b: TermStatistics): TermStatistics {
  checkStatistics('a', a);
  checkStatistics('b', b);
  return {
    documentCount: a.documentCount + b.documentCount,
    termTotal: a.termTotal + b.termTotal,
    documentFrequency: addCounts(a.documentFrequency, b.documentFrequency),
    termFrequency: addCounts(a.termFrequency, b.termFrequency),
  };
}

function checkStatistics(name: string, value: unknown): void {
  const stats = value as Partial<TermStatistics> | null;
  if (
    stats === null ||
    typeof stats !== 'object' ||
    typeof stats.documentCount !== 'number' ||
    typeof stats.documentFrequency !== 'object' ||
    typeof stats.termFrequency !== 'object'
  ) {
    fail('INVALID_ARGUMENT', 'mergeTermStatistics', name, 'a TermStatistics object', value);
  }
}

function addCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const out = new Map<string, number>(Object.entries(a));
  for (const [term, count] of Object.entries(b)) out.set(term, (out.get(term) ?? 0) + count);
  return Object.fromEntries(out);
}
