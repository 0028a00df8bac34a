/**
 * The analysis of `src/analyze` (its passes over shards) as a fleet protocol: what `feedback-miner worker` runs and
 * `feedback-miner analyze --redis` distributes.
 */
import { completePass, finishAnalysis, mapShard, mergePartials, nextPass, reducePartials, startAnalysis, type AnalysisInput } from '../../analyze';
import type { AnalyzeOptions, FileRejection } from '../../analyze/types';
import { validateFeedback } from '../../records';
import type { ReportModel } from '../../report';
import type { ColumnMap } from '../load';
import { isUnreadable, type RawRow, type UnreadableRow } from '../read';
import type { DistributedProtocol, ShardInput } from './protocol';

/**
 * Raw rows of one shard (in line order) to a validated shard, as `loadFile` validates a batch: unreadable rows and
 * rows `validateFeedback` rejects become rejections with their file line; the valid records keep input order.
 * Records without an id get `row-<i>` with i the row's index in the whole file. Duplicate ids are caught within
 * a shard only (a map step sees one shard).
 *
 * Cost: O(rows · columns).
 */
export function toShard(rows: readonly (RawRow | UnreadableRow)[], shard: number, offset: number, file: string, columns: ColumnMap): ShardInput {
  const fields: Record<string, string> = {};
  if (columns.text !== undefined) fields.text = columns.text;
  if (columns.date !== undefined) fields.date = columns.date;
  if (columns.id !== undefined) fields.id = columns.id;
  if (columns.rating !== undefined) fields.rating = columns.rating;
  const readable = rows.filter((r): r is RawRow => !isUnreadable(r));
  const validated = validateFeedback(
    readable.map((r) => r.value),
    { fields, rowOffset: offset },
  );
  const rejected: FileRejection[] = [
    ...rows.filter(isUnreadable).map((r) => ({ file, line: r.line, field: '', reason: r.reason })),
    ...validated.rejected.map((r) => ({ file, line: readable[r.row - offset]?.line ?? -1, field: r.field, reason: r.reason })),
  ].sort((a, b) => a.line - b.line || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  return { shard, offset, rowsRead: rows.length, records: validated.records, rejected };
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
  withRejected: (input, rejected) => ({ ...input, rejected: [...(input.rejected ?? []), ...rejected] }),
  withWarnings: (report, warnings) => ({
    ...report,
    dataQuality: { sources: report.dataQuality?.sources ?? [], warnings: [...(report.dataQuality?.warnings ?? []), ...warnings] },
  }),
};
