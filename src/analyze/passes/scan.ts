/**
 * Pass 1, the scan: rows read and rejected, texts that cannot be analysed, the date range, and the bottom-k sample
 * the themes are fitted on. Cheap (no sentiment, no clustering): the costly per-record work is done once, in the
 * assign pass, which needs the fitted themes anyway.
 */
import { parseDay } from '../../insights/internal/dates';
import type { FeedbackRecord } from '../../records';
import type { ShardInput } from '../passes';
import type { FileRejection } from '../types';
import { bottomK, mergeBottomK, type SampleEntry, sampleRank } from './sample';

/** Rejected rows kept by name (the rest are counted), as the data-quality section shows them. */
export const REJECTIONS_KEPT = 50;

export interface ScanContext {
  readonly seed: number;
  readonly sampleSize: number;
  /** Name of the feedback input, for rejections of records that are not objects. */
  readonly source: string;
}

export interface ScanPartial {
  readonly rowsRead: number;
  /** Records handed over by the reader (valid rows). */
  readonly records: number;
  /** Records without a text to analyse. */
  readonly emptyTexts: number;
  /** Records with a text but no readable date: analysed, but in no period. */
  readonly undated: number;
  /** The first rejected rows, by line (at most REJECTIONS_KEPT), and how many there were. */
  readonly rejected: readonly FileRejection[];
  readonly rejectedCount: number;
  readonly firstDay: number | null;
  readonly lastDay: number | null;
  /** Bottom-k sample of the usable records, by rank. */
  readonly sample: readonly SampleEntry[];
}

export const EMPTY_SCAN: ScanPartial = {
  rowsRead: 0,
  records: 0,
  emptyTexts: 0,
  undated: 0,
  rejected: [],
  rejectedCount: 0,
  firstDay: null,
  lastDay: null,
  sample: [],
};

/** Whether a record carries a text to analyse. */
export function usableText(record: FeedbackRecord): boolean {
  return typeof record.text === 'string' && record.text.trim() !== '';
}

export function compareRejections(a: FileRejection, b: FileRejection): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.field !== b.field) return a.field < b.field ? -1 : 1;
  return a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0;
}

export function mapScan(context: ScanContext, shard: ShardInput): ScanPartial {
  let emptyTexts = 0;
  let undated = 0;
  let firstDay: number | null = null;
  let lastDay: number | null = null;
  const rejected: FileRejection[] = [...shard.rejected];
  const sample: SampleEntry[] = [];
  const dayOf = dayCache();
  shard.records.forEach((record, i) => {
    const row = shard.offset + i;
    if (record === null || typeof record !== 'object') {
      rejected.push({ file: context.source, line: -1, field: '', reason: `record ${row} is not an object` });
      return;
    }
    if (!usableText(record)) {
      emptyTexts++;
      return;
    }
    const day = dayOf(record.date);
    if (day === null) undated++;
    else {
      if (firstDay === null || day < firstDay) firstDay = day;
      if (lastDay === null || day > lastDay) lastDay = day;
    }
    sample.push([sampleRank(row, context.seed), row, record.text]);
  });
  rejected.sort(compareRejections);
  return {
    rowsRead: shard.rowsRead,
    records: shard.records.length,
    emptyTexts,
    undated,
    rejected: rejected.slice(0, REJECTIONS_KEPT),
    rejectedCount: rejected.length,
    firstDay,
    lastDay,
    sample: bottomK(sample, context.sampleSize),
  };
}

export function mergeScan(context: ScanContext, a: ScanPartial, b: ScanPartial): ScanPartial {
  const min = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.min(x, y));
  const max = (x: number | null, y: number | null): number | null => (x === null ? y : y === null ? x : Math.max(x, y));
  return {
    rowsRead: a.rowsRead + b.rowsRead,
    records: a.records + b.records,
    emptyTexts: a.emptyTexts + b.emptyTexts,
    undated: a.undated + b.undated,
    rejected: [...a.rejected, ...b.rejected].sort(compareRejections).slice(0, REJECTIONS_KEPT),
    rejectedCount: a.rejectedCount + b.rejectedCount,
    firstDay: min(a.firstDay, b.firstDay),
    lastDay: max(a.lastDay, b.lastDay),
    sample: mergeBottomK(a.sample, b.sample, context.sampleSize),
  };
}

/** `parseDay` remembered per date string, for one shard (a shard's records share few dates). */
export function dayCache(): (date: unknown) => number | null {
  const days = new Map<string, number | null>();
  return (date) => {
    if (typeof date !== 'string') return parseDay(date);
    let day = days.get(date);
    if (day === undefined) days.set(date, (day = parseDay(date)));
    return day;
  };
}
