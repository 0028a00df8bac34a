/**
 * The pipeline as passes over shards of the feedback: the contract between the analysis (pure functions in
 * `src/analyze/`) and whatever moves the data (the in-process driver `analyzeShards`, the CLI's streaming reader,
 * the BullMQ fleet in `feedback-miner/distributed`).
 *
 * A driver runs:
 * ```
 * let state = startAnalysis(rest, options)            // sales, forecasts, actions: small, held in memory
 * for (let pass = nextPass(state); pass; pass = nextPass(state)) {
 *   const partials = shards.map((shard) => mapShard(pass, shard))   // anywhere, any order, retried at will
 *   state = completePass(state, pass, reducePartials(pass, partials)) // partials in shard order
 * }
 * const report = finishAnalysis(state)
 * ```
 * Everything that crosses this boundary is plain JSON, so that a pass's context can be sent to another machine
 * and a partial sent back. `mapShard` is pure: the same pass and shard give the same partial, so a retried shard
 * replaces its earlier result instead of adding to it. `reducePartials` folds the partials in shard order, so
 * every driver, with the same shard boundaries, gets the same bits.
 */
import type { FeedbackRecord } from '../records';
import type { FileRejection } from './types';

/** A JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** One shard of the feedback input, already read and validated by the driver. */
export interface ShardInput {
  /** Shard number, 0-based, in input order. */
  readonly shard: number;
  /** Index of the shard's first row in the whole input (rows read, counting rejected ones). */
  readonly offset: number;
  /** Rows read in this shard, rejected ones included. */
  readonly rowsRead: number;
  /** The valid records of the shard, in input order. */
  readonly records: readonly FeedbackRecord[];
  /** The shard's rejected rows, with their file line. */
  readonly rejected: readonly FileRejection[];
}

/** A pass to run over every shard: its name and the JSON context every shard's map step needs. */
export interface PassSpec {
  readonly name: string;
  /** 0-based number of the pass in this analysis. */
  readonly index: number;
  readonly context: Json;
}

/** The analysis between passes: plain JSON, so that a coordinator can keep it anywhere. */
export interface AnalysisState {
  readonly version: 1;
  readonly data: Json;
}

export {
  analyzeShards,
  arrayShards,
  completePass,
  finishAnalysis,
  mapShard,
  mergePartials,
  nextPass,
  reducePartials,
  SHARD_ROWS,
  startAnalysis,
  THEME_SAMPLE,
} from './passes/run';
export type { AnalysisInput } from './passes/run';
