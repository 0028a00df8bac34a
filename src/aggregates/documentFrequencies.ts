import { assertOptions, fail } from '../errors';
import type { Rejected } from '../records';
import { mergeTermStatistics, termStatistics } from '../themes/termStatistics';
import type { TermStatistics } from '../themes/types';
import { checkRecords } from './counts';
import { checkOffset, mergeRejected, sortedObject } from './rejected';
import type { Aggregate } from './types';

/** Partial summary of {@link documentFrequencies}: the themes stage's term statistics plus rejected rows. */
export interface DocumentFrequencyPartial {
  readonly statistics: TermStatistics;
  readonly rejected: readonly Rejected[];
}

export interface DocumentFrequenciesOptions<R> {
  /** The record's terms (e.g. from `analyzeTexts` of the themes stage); default: the record itself when it is a string array. */
  readonly terms?: (record: R, index: number) => readonly string[] | null | undefined;
}

/**
 * Document frequencies and term counts per shard, reusing the themes stage's `termStatistics` (partial) and
 * `mergeTermStatistics` (merge), with term keys sorted so equal summaries have equal JSON. Counts add: exactly
 * associative and commutative, identity the statistics of no documents. The document frequencies of the whole
 * corpus are what TF-IDF/BM25 weighting needs (Robertson & Zaragoza 2009), so shards can be vectorised after one
 * reduce.
 *
 * Cost: partial O(total terms + v log v) for v distinct terms; merge O(v log v).
 * @throws FeedbackMinerError INVALID_ARGUMENT / INVALID_OPTION on misuse
 * @example
 * const df = documentFrequencies<string[]>();
 * df.merge(df.partial([['late', 'late']]), df.partial([['late', 'rude']], 1)).statistics.documentFrequency
 * // => { late: 2, rude: 1 }
 */
export function documentFrequencies<R>(options?: DocumentFrequenciesOptions<R>): Aggregate<R, DocumentFrequencyPartial> {
  const where = 'documentFrequencies';
  assertOptions(where, options);
  const terms = options?.terms ?? ((record: R) => record as unknown as readonly string[]);
  if (typeof terms !== 'function') fail('INVALID_OPTION', where, 'options.terms', 'a function', terms);
  return {
    name: where,
    identity: Object.freeze({ statistics: canonical(termStatistics([])), rejected: Object.freeze([]) }),
    partial(records, offset) {
      const start = checkOffset(`${where}.partial`, offset);
      checkRecords(`${where}.partial`, records);
      const documents: (readonly string[])[] = [];
      const rejected: Rejected[] = [];
      records.forEach((record, i) => {
        const list = terms(record, start + i);
        if (Array.isArray(list) && list.every((t) => typeof t === 'string')) documents.push(list);
        else {
          // Still a document (it counts in N), with no terms.
          documents.push([]);
          rejected.push({ row: start + i, field: 'terms', reason: 'not an array of strings: counted as a document without terms' });
        }
      });
      return { statistics: canonical(termStatistics(documents)), rejected };
    },
    merge(a, b) {
      for (const [name, value] of [['a', a], ['b', b]] as const) {
        if (value === null || typeof value !== 'object' || typeof value.statistics !== 'object' || !Array.isArray(value.rejected)) {
          fail('INVALID_ARGUMENT', `${where}.merge`, name, 'a document-frequency partial { statistics, rejected }', value);
        }
      }
      return { statistics: canonical(mergeTermStatistics(a.statistics, b.statistics)), rejected: mergeRejected(a.rejected, b.rejected) };
    },
  };
}

function canonical(stats: TermStatistics): TermStatistics {
  return {
    documentCount: stats.documentCount,
    termTotal: stats.termTotal,
    documentFrequency: sortedObject(new Map(Object.entries(stats.documentFrequency))),
    termFrequency: sortedObject(new Map(Object.entries(stats.termFrequency))),
  };
}
