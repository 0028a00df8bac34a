import { fail } from '../errors';
import type { Rejected } from '../records';
import { addCountMaps, checkOffset, mergeRejected, sortedObject } from './rejected';
import type { Aggregate } from './types';

/** Partial summary of {@link countsBy}: records per key. Keys are sorted, so equal summaries have equal JSON. */
export interface CountsPartial {
  /** Records seen, including those without a key. */
  readonly n: number;
  readonly counts: Readonly<Record<string, number>>;
  /** Records whose key was missing or not a string/number. */
  readonly rejected: readonly Rejected[];
}

/**
 * Counts records by a dimension (source, product, region, theme, label...): a mergeable aggregate whose partial
 * is `{ n, counts, rejected }`. Merge adds counts: exactly associative and commutative, identity `{ n: 0, counts:
 * {}, rejected: [] }`. As a map/reduce pair this is the word count of Dean & Ghemawat (2004, "MapReduce:
 * simplified data processing on large clusters", OSDI): partial = map + combiner, merge = reduce.
 *
 * Cost: partial O(n + k log k) for k distinct keys; merge O(k log k).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `key` is not a function, or `partial`/`merge` get the wrong types
 * @example
 * const bySource = countsBy((r: { source: string }) => r.source);
 * bySource.merge(bySource.partial([{ source: 'review' }]), bySource.partial([{ source: 'review' }, { source: 'survey' }], 1))
 * // => { n: 3, counts: { review: 2, survey: 1 }, rejected: [] }
 */
export function countsBy<R>(key: (record: R, index: number) => string | number | null | undefined, field = 'key'): Aggregate<R, CountsPartial> {
  const where = 'countsBy';
  if (typeof key !== 'function') fail('INVALID_ARGUMENT', where, 'key', 'a function', key);
  return {
    name: where,
    identity: Object.freeze({ n: 0, counts: Object.freeze({}), rejected: Object.freeze([]) }),
    partial(records, offset) {
      const start = checkOffset(`${where}.partial`, offset);
      checkRecords(`${where}.partial`, records);
      const counts = new Map<string, number>();
      const rejected: Rejected[] = [];
      records.forEach((record, i) => {
        const value = key(record, start + i);
        if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value))) {
          const name = String(value);
          counts.set(name, (counts.get(name) ?? 0) + 1);
        } else {
          rejected.push({ row: start + i, field, reason: `no ${field} (found ${value === '' ? 'an empty string' : String(value)})` });
        }
      });
      return { n: records.length, counts: sortedObject(counts), rejected };
    },
    merge(a, b) {
      checkPartial(`${where}.merge`, 'a', a);
      checkPartial(`${where}.merge`, 'b', b);
      return { n: a.n + b.n, counts: addCountMaps(a.counts, b.counts), rejected: mergeRejected(a.rejected, b.rejected) };
    },
  };
}

export function checkRecords(where: string, records: unknown): void {
  if (!Array.isArray(records)) fail('INVALID_ARGUMENT', where, 'records', 'an array', records);
}

function checkPartial(where: string, name: string, value: unknown): void {
  const p = value as Partial<CountsPartial> | null;
  if (p === null || typeof p !== 'object' || typeof p.n !== 'number' || typeof p.counts !== 'object' || !Array.isArray(p.rejected)) {
    fail('INVALID_ARGUMENT', where, name, 'a counts partial { n, counts, rejected }', value);
  }
}
