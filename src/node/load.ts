import type { ActionRecord, FeedbackRecord, ForecastRecord, Rejected, SalesRecord, Validated } from '../records';
import { validateActions, validateFeedback, validateForecasts, validateSales } from '../records';
import type { AnalyzeInput, FileRejection } from '../analyze';
import type { Progress } from './progress';
import { isUnreadable, readRows } from './read';

/** Names of the caller's columns, for files whose headers differ from the record fields. */
export interface ColumnMap {
  readonly text?: string;
  readonly date?: string;
  readonly id?: string;
  readonly rating?: string;
  /** The sales file's date column. */
  readonly salesDate?: string;
}

export interface InputFiles {
  readonly feedback: string;
  readonly sales: string;
  readonly forecasts?: string;
  readonly actions?: string;
}

export type Validator<T> = (rows: readonly unknown[], options?: { fields?: Record<string, string>; rowOffset?: number }) => Validated<T>;

const BATCH = 5_000;

/**
 * Reads and validates one file as a stream, batch by batch: memory holds the valid records and one batch of raw
 * rows, never the raw file. Every row that is not kept is in `rejected` with its file, line, field and reason.
 */
export async function loadFile<T>(
  path: string,
  validate: Validator<T>,
  fields: Record<string, string>,
  bar: Progress,
  label: string,
): Promise<{ records: T[]; rejected: FileRejection[]; rows: number }> {
  const records: T[] = [];
  const rejected: FileRejection[] = [];
  let rows = 0;
  let batch: unknown[] = [];
  let lines: number[] = [];
  // Validation sees one batch at a time; ids must be unique across the whole file, so they are checked here too.
  const seenIds = new Map<string, number>();
  let offset = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const result = validate(batch, { fields, rowOffset: offset });
    // Accepted records come in input order, so the rows not rejected give each record's line.
    const rejectedRows = new Set(result.rejected.map((r) => r.row - offset));
    const acceptedLines = lines.filter((_, i) => !rejectedRows.has(i));
    result.records.forEach((record, i) => {
      const line = acceptedLines[i] ?? -1;
      const id = (record as { id?: unknown }).id;
      if (typeof id === 'string') {
        const first = seenIds.get(id);
        if (first !== undefined) {
          rejected.push({ file: path, line, field: 'id', reason: `duplicate id ${JSON.stringify(id)} (first at line ${first})` });
          return;
        }
        seenIds.set(id, line);
      }
      records.push(record);
    });
    for (const r of result.rejected as readonly Rejected[]) {
      rejected.push({ file: path, line: lines[r.row - offset] ?? -1, field: r.field, reason: r.reason });
    }
    offset += batch.length;
    batch = [];
    lines = [];
  };
  for await (const item of readRows(path)) {
    rows += 1;
    if (isUnreadable(item)) {
      rejected.push({ file: path, line: item.line, field: '', reason: item.reason });
      continue;
    }
    batch.push(item.value);
    lines.push(item.line);
    if (batch.length >= BATCH) {
      flush();
      bar.tick(label, rows);
    }
  }
  flush();
  bar.tick(label, rows);
  return { records, rejected, rows };
}

/** Loads every input file of `feedback-miner analyze`. */
export async function loadInput(files: InputFiles, columns: ColumnMap, bar: Progress): Promise<AnalyzeInput> {
  const feedbackFields: Record<string, string> = {};
  if (columns.text !== undefined) feedbackFields.text = columns.text;
  if (columns.date !== undefined) feedbackFields.date = columns.date;
  if (columns.id !== undefined) feedbackFields.id = columns.id;
  if (columns.rating !== undefined) feedbackFields.rating = columns.rating;
  const salesFields: Record<string, string> = columns.salesDate === undefined ? {} : { date: columns.salesDate };

  const feedback = await loadFile<FeedbackRecord>(files.feedback, validateFeedback as Validator<FeedbackRecord>, feedbackFields, bar, 'feedback');
  const sales = await loadFile<SalesRecord>(files.sales, validateSales as Validator<SalesRecord>, salesFields, bar, 'sales');
  const forecasts =
    files.forecasts === undefined
      ? undefined
      : await loadFile<ForecastRecord>(files.forecasts, validateForecasts as Validator<ForecastRecord>, {}, bar, 'forecasts');
  const actions =
    files.actions === undefined
      ? undefined
      : await loadFile<ActionRecord>(files.actions, validateActions as Validator<ActionRecord>, {}, bar, 'actions');
  return {
    feedback: feedback.records,
    sales: sales.records,
    ...(forecasts === undefined ? {} : { forecasts: forecasts.records }),
    ...(actions === undefined ? {} : { actions: actions.records }),
    rejected: [...feedback.rejected, ...sales.rejected, ...(forecasts?.rejected ?? []), ...(actions?.rejected ?? [])],
    rowsRead: {
      feedback: feedback.rows,
      sales: sales.rows,
      ...(forecasts === undefined ? {} : { forecasts: forecasts.rows }),
      ...(actions === undefined ? {} : { actions: actions.rows }),
    },
    sources: { feedback: files.feedback, sales: files.sales },
  };
}
