/**
 * Types of the mergeable aggregates: every summary a report needs, computed per shard (`partial`) and combined
 * (`merge`), as plain JSON values.
 */
import type { Rejected } from '../records';

/**
 * A floating-point sum carried with its rounding error, so that merging shard sums loses nothing: the value is
 * `sum + compensation` (Neumaier's improvement of Kahan summation; Kahan 1965, Neumaier 1974, Knuth's TwoSum for
 * the error of each addition). Plain JSON.
 */
export interface CompensatedSum {
  readonly sum: number;
  readonly compensation: number;
}

/**
 * A mergeable aggregate over records of type `R` with partial summaries of type `P` (plain JSON):
 * `merge(partial(A, 0), partial(B, A.length))` equals `partial(A ++ B, 0)` (exactly for counts, to rounding for
 * floating sums), `merge` is associative, and `identity` is its identity element. `partial` is a map step,
 * `merge` a reduce (combiner) step.
 */
export interface Aggregate<R, P> {
  /** Name of the aggregate, for messages. */
  readonly name: string;
  /** The summary of no records: `merge(identity, p)` equals `p`. */
  readonly identity: P;
  /**
   * Summary of `records`; `offset` is the index of `records[0]` in the whole input, so that skipped rows are
   * reported with their global index (default 0).
   */
  partial(records: readonly R[], offset?: number): P;
  /** Combines the summaries of two disjoint shards. Never mutates its arguments. */
  merge(a: P, b: P): P;
}

/** The partial-summary type of an aggregate. */
export type PartialOf<A> = A extends Aggregate<unknown, infer P> ? P : never;

export type { Rejected };
