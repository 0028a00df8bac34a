/**
 * What the distributed driver needs from an analysis: the passes contract of `src/analyze/passes.ts` (start, next
 * pass, map a shard, reduce partials, complete a pass, finish) plus how raw file rows become a shard and how a
 * shard that could not be processed is reported. The fleet runs any protocol a worker was started with, by name.
 */
import type { AnalysisState, Json, PassSpec, ShardInput } from '../../analyze/passes';
import type { FileRejection } from '../../analyze/types';
import type { ColumnMap } from '../load';
import type { RawRow, UnreadableRow } from '../read';

export type { AnalysisState, Json, PassSpec, ShardInput };

/**
 * An analysis as successive map/reduce passes over shards. `mapShard` must be pure (the same pass and shard give
 * the same partial, so a retried shard replaces its earlier result) and `reducePartials` must fold the partials
 * in shard order (so every driver gets the same bits with the same shard boundaries).
 */
export interface DistributedProtocol<Input = unknown, Options = unknown, Report = unknown> {
  /** Name carried by every job; a worker runs the protocols it was started with. */
  readonly name: string;
  /**
   * Changes whenever a pass's map, reduce or shard reading could give other results. Jobs carry it with the
   * package version; a worker with another one refuses the job.
   */
  readonly fingerprint: string;
  startAnalysis(input: Input, options: Options | undefined): AnalysisState;
  nextPass(state: AnalysisState): PassSpec | null;
  completePass(state: AnalysisState, pass: PassSpec, merged: Json): AnalysisState;
  finishAnalysis(state: AnalysisState): Report;
  /**
   * Raw rows of one shard (in line order) to a validated shard: runs on the worker. `extra` is what
   * `prepareShards` returned for this shard, if anything.
   */
  toShard(rows: readonly (RawRow | UnreadableRow)[], shard: number, offset: number, file: string, columns: ColumnMap, extra?: Json): ShardInput;
  /**
   * Optional, on the coordinator before the first pass: reads every shard in order (with `read`) and returns what
   * some shards' `toShard` needs to know about the others (e.g. ids already seen earlier in the file), by shard.
   */
  prepareShards?(
    ranges: readonly { readonly shard: number; readonly offset: number }[],
    read: (shard: number) => Promise<readonly (RawRow | UnreadableRow)[]>,
    file: string,
    columns: ColumnMap,
  ): Promise<ReadonlyMap<number, Json>>;
  /** The map step: runs on the worker. May be async. */
  mapShard(pass: PassSpec, shard: ShardInput): Json | Promise<Json>;
  /** The reduce step (partials sorted by shard): runs on the worker that takes the pass's parent job. */
  reducePartials(pass: PassSpec, partials: readonly { readonly shard: number; readonly partial: Json }[]): Json;
  /**
   * Merges two partials, when `reducePartials` is the left fold of it in shard order (as in `src/analyze`): the
   * reduce job then streams the partials from Redis in shard order, holding two at a time instead of all.
   */
  mergePartials?(pass: PassSpec, a: Json, b: Json): Json;
  /** The input with rows of failed shards reported as rejected (the analysis then runs without those shards). */
  withRejected(input: Input, rejected: readonly FileRejection[]): Input;
  /** The report with data-quality warnings added. */
  withWarnings(report: Report, warnings: readonly string[]): Report;
}

/** Identity every job carries: a worker refuses a job whose identity differs from its own. */
export interface JobIdentity {
  /** Package version of the coordinator. */
  readonly version: string;
  readonly protocol: string;
  readonly fingerprint: string;
}

/** Where a failed shard's first bad record is: found by mapping the shard's records one at a time. */
export interface FirstBadRecord {
  /** Index of the record among the shard's valid records. */
  readonly index: number;
  /** File line of the record, when known. */
  readonly line: number | null;
  /** The record's id, when it has one. */
  readonly id: string | null;
  /** The error the record alone raised. */
  readonly reason: string;
}

/** A shard that failed after all its attempts, as reported to the coordinator. */
export interface ShardFailure {
  readonly shard: number;
  /** Pass in which it failed. */
  readonly pass: string;
  readonly reason: string;
  readonly firstBad: FirstBadRecord | null;
  /** A failure that no retry or exclusion can fix (another version, another file): the run stops. */
  readonly fatal: boolean;
}

const MARKER = ' ::feedback-miner-failure:: ';

/** A failure as an error message: a line a person can read, then the JSON the parent job parses. */
export function encodeFailure(failure: ShardFailure): string {
  const where = failure.firstBad === null ? '' : `; first bad record: ${describeBad(failure.firstBad)}`;
  return `shard ${failure.shard} failed in pass "${failure.pass}": ${failure.reason}${where}${MARKER}${JSON.stringify(failure)}`;
}

/** Parses a failed child's reason; a reason without the marker (a stalled job that ran out of recoveries) is kept as text. */
export function decodeFailure(message: string, shard: number, pass: string): ShardFailure {
  const at = message.indexOf(MARKER);
  if (at >= 0) {
    try {
      return JSON.parse(message.slice(at + MARKER.length)) as ShardFailure;
    } catch {
      // fall through: treat as text
    }
  }
  return { shard, pass, reason: message, firstBad: null, fatal: false };
}

export function describeBad(bad: FirstBadRecord): string {
  const place = bad.line === null ? `record ${bad.index} of the shard` : `line ${bad.line}`;
  return `${place}${bad.id === null ? '' : ` (id ${JSON.stringify(bad.id)})`}: ${bad.reason}`;
}
