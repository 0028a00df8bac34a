import { assertOptions, fail } from '../errors';
import { netPromoterScore, type NetPromoterOptions, type NetPromoterResult } from '../insights/netPromoterScore';
import type { Rejected } from '../records';
import { checkRecords } from './counts';
import { checkOffset, mergeRejected } from './rejected';
import type { Aggregate } from './types';

/** Partial summary of {@link npsTally}: how many ratings of each value 0..10. */
export interface NpsPartial {
  /** `counts[v]` is the number of ratings equal to v, v = 0..10 (length 11). */
  readonly counts: readonly number[];
  readonly rejected: readonly Rejected[];
}

export interface NpsTallyOptions<R> {
  /** The record's 0-10 rating; default `r.rating`, or the record itself when it is a number. */
  readonly rating?: (record: R, index: number) => unknown;
}

/**
 * Net Promoter tallies per shard: counts of each rating 0..10, from which `netPromoterScore` (and its interval)
 * of any union of shards follows exactly. Merge adds counts: exactly associative and commutative, identity 11
 * zeros. Ratings that are not integers 0..10 are skipped and reported (as `netPromoterScore` does).
 *
 * Cost: partial O(n); merge O(r) for r rejected rows.
 * @throws FeedbackMinerError INVALID_ARGUMENT / INVALID_OPTION on misuse
 * @example
 * const nps = npsTally<number>();
 * finishNps(nps.merge(nps.partial([10, 10, 9]), nps.partial([8, 6], 3))).score // => 40
 */
export function npsTally<R>(options?: NpsTallyOptions<R>): Aggregate<R, NpsPartial> {
  const where = 'npsTally';
  assertOptions(where, options);
  const rating =
    options?.rating ??
    ((record: R) => (typeof record === 'number' ? record : (record as { rating?: unknown } | null)?.rating));
  if (typeof rating !== 'function') fail('INVALID_OPTION', where, 'options.rating', 'a function', rating);
  return {
    name: where,
    identity: Object.freeze({ counts: Object.freeze(new Array<number>(11).fill(0)), rejected: Object.freeze([]) }),
    partial(records, offset) {
      const start = checkOffset(`${where}.partial`, offset);
      checkRecords(`${where}.partial`, records);
      const counts = new Array<number>(11).fill(0);
      const rejected: Rejected[] = [];
      records.forEach((record, i) => {
        const value = rating(record, start + i);
        if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) counts[value]!++;
        else rejected.push({ row: start + i, field: 'rating', reason: `not an integer from 0 to 10 (found ${String(value)})` });
      });
      return { counts, rejected };
    },
    merge(a, b) {
      for (const [name, value] of [['a', a], ['b', b]] as const) {
        if (value === null || typeof value !== 'object' || !Array.isArray(value.counts) || value.counts.length !== 11 || !Array.isArray(value.rejected)) {
          fail('INVALID_ARGUMENT', `${where}.merge`, name, 'an NPS partial { counts (11), rejected }', value);
        }
      }
      return { counts: a.counts.map((n, v) => n + (b.counts[v] as number)), rejected: mergeRejected(a.rejected, b.rejected) };
    },
  };
}

/**
 * The Net Promoter Score, with its interval, of a tally: `netPromoterScore` of the insights stage applied to the
 * ratings the tally stands for (the tally's own rejected rows are not repeated there). Cost: O(n) for n ratings.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `partial` is not an NPS partial; as `netPromoterScore` for options
 * @example finishNps({ counts: [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 2], rejected: [] }).score // => 40
 */
export function finishNps(partial: NpsPartial, options?: NetPromoterOptions): NetPromoterResult {
  if (partial === null || typeof partial !== 'object' || !Array.isArray(partial.counts) || partial.counts.length !== 11) {
    fail('INVALID_ARGUMENT', 'finishNps', 'partial', 'an NPS partial { counts (11), rejected }', partial);
  }
  const ratings: number[] = [];
  partial.counts.forEach((count, value) => {
    for (let i = 0; i < count; i++) ratings.push(value);
  });
  return netPromoterScore(ratings, options);
}
