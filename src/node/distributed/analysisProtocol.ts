/**
 * The analysis of `src/analyze` (its passes over shards) as a fleet protocol: what `feedback-miner worker` runs and
 * `feedback-miner analyze --redis` distributes.
 */
import { completePass, finishAnalysis, mapShard, mergePartials, nextPass, reducePartials, startAnalysis, type AnalysisInput } from '../../analyze';
import type { AnalyzeOptions, FileRejection } from '../../analyze/types';
import type { ReportModel } from '../../report';
import type { ColumnMap } from '../load';
import { isUnreadable, type RawRow, type UnreadableRow } from '../read';
import { IdHashSet, toShard as validateShard } from '../shards';
import type { DistributedProtocol, Json, ShardInput } from './protocol';

/** Ids of a shard that appeared earlier in the file, with their lines: found by `prepareShards` on the coordinator. */
type Duplicates = readonly { readonly line: number; readonly id: string }[];

/** File line of each record of a shard: its readable rows that were not rejected, in order. */
function recordLines(rows: readonly (RawRow | UnreadableRow)[], shard: ShardInput): readonly number[] | null {
  const rejected = new Set(shard.rejected.map((r) => r.line));
  const lines = rows.filter((r) => !isUnreadable(r) && !rejected.has(r.line)).map((r) => r.line);
  return lines.length === shard.records.length ? lines : null;
}

/**
 * Raw rows of one shard to a `ShardInput`, as the one-machine reader (`readShards` of src/node/shards.ts) makes it:
 * its `toShard`, then the records whose id appeared earlier in the file (listed by `prepareShards` in `extra`)
 * rejected with the same reason.
 *
 * Cost: O(rows · columns).
 */
export function toShard(rows: readonly (RawRow | UnreadableRow)[], shard: number, offset: number, file: string, columns: ColumnMap, extra?: Json): ShardInput {
  const validated = validateShard(rows, shard, offset, file, columns);
  const duplicates = (extra ?? []) as unknown as Duplicates;
  if (duplicates.length === 0) return validated;
  const lines = recordLines(rows, validated);
  const drop = new Map(duplicates.map((d) => [d.line, d.id]));
  const records = validated.records.filter((record, i) => !(lines !== null && drop.get(lines[i] ?? -1) === record.id));
  const rejected: FileRejection[] = [
    ...validated.rejected,
    ...duplicates.map((d) => ({ file, line: d.line, field: 'id', reason: `duplicate id ${JSON.stringify(d.id)} (seen earlier in the file)` })),
  ].sort((a, b) => a.line - b.line);
  return { ...validated, records, rejected };
}

/** The passes of `analyze` (scan, then assign) for the fleet. */
export const analysisProtocol: DistributedProtocol<AnalysisInput, AnalyzeOptions, ReportModel> = {
  name: 'analyze',
  // Bump when the passes, their partials or toShard change in a way that changes results within one package version.
  fingerprint: 'passes-1',
  startAnalysis: (input, options) => startAnalysis(input, options),
  nextPass,
  completePass,
  finishAnalysis,
  toShard,
  mapShard,
  reducePartials,
  mergePartials,
  /**
   * Ids must be unique in the whole file, which no map step sees: the coordinator reads the shards once, in order,
   * with the same validation, and lists for each shard the records whose id came earlier (an `IdHashSet`, ~11 bytes
   * per id, as `readShards` keeps).
   */
  async prepareShards(ranges, read, file, columns) {
    const ids = new IdHashSet();
    const extras = new Map<number, Json>();
    for (const range of ranges) {
      const rows = await read(range.shard);
      const shard = validateShard(rows, range.shard, range.offset, file, columns);
      const lines = recordLines(rows, shard);
      const duplicates: { line: number; id: string }[] = [];
      shard.records.forEach((record, i) => {
        if (!ids.add(record.id)) duplicates.push({ line: lines?.[i] ?? -1, id: record.id });
      });
      if (duplicates.length > 0) extras.set(range.shard, duplicates as unknown as Json);
    }
    return extras;
  },
  withRejected: (input, rejected) => ({ ...input, rejected: [...(input.rejected ?? []), ...rejected] }),
  withWarnings: (report, warnings) => ({
    ...report,
    dataQuality: { sources: report.dataQuality?.sources ?? [], warnings: [...(report.dataQuality?.warnings ?? []), ...warnings] },
  }),
};
