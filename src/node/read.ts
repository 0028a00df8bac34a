import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { FeedbackMinerError } from '../errors';

/** One row as read from a file, before validation: a plain object of strings (CSV) or any JSON value (JSONL). */
export interface RawRow {
  /** 1-based line number in the file where the row ends (a quoted CSV field may span lines). */
  readonly line: number;
  readonly value: unknown;
}

/** A row the reader could not parse at all (a malformed CSV line, invalid JSON). */
export interface UnreadableRow {
  readonly line: number;
  readonly reason: string;
}

export type FileFormat = 'csv' | 'jsonl';

export interface ReadRowsOptions {
  /** Default: from the file extension (`.csv`, `.tsv` -> csv; `.jsonl`, `.ndjson`, `.json` -> jsonl). */
  readonly format?: FileFormat;
  /** CSV delimiter; default `,` (or a tab for `.tsv`). */
  readonly delimiter?: string;
}

/** Infers the format from a file name. @throws FeedbackMinerError USAGE when it cannot */
export function formatOf(path: string, where = 'readRows'): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  throw new FeedbackMinerError('USAGE', `${where}: cannot tell the format of ${path}; name it .csv or .jsonl`, { where });
}

/**
 * Streams the rows of a CSV (with a header line) or JSONL file with bounded memory: each yielded item is a parsed
 * row or an unreadable one with its line and reason, so that one malformed line never loses the good rows.
 * Backpressure comes from the async iteration: the file is read only as fast as the caller consumes rows.
 *
 * CSV is parsed by `csv-parse` (RFC 4180: quoted fields with embedded delimiters, quotes and newlines; a BOM is
 * stripped; CRLF, LF and CR line endings).
 * @throws FeedbackMinerError IO_ERROR when the file cannot be opened
 */
export async function* readRows(
  path: string,
  options: ReadRowsOptions = {},
): AsyncGenerator<RawRow | UnreadableRow, void, undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
  } catch (cause) {
    throw new FeedbackMinerError('IO_ERROR', `readRows: cannot read ${path}: ${(cause as Error).message}`, {
      where: 'readRows',
      cause,
    });
  }
  const format = options.format ?? formatOf(path);
  if (format === 'jsonl') {
    yield* readJsonLines(path);
    return;
  }
  const delimiter = options.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : ',');
  const skipped: UnreadableRow[] = [];
  const parser = createReadStream(path).pipe(
    parse({
      columns: (header: string[]) => header.map((name) => name.trim()),
      bom: true,
      delimiter,
      info: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        // csv-parse reports the line where it noticed the problem.
        skipped.push({ line: typeof err?.lines === 'number' ? err.lines : 0, reason: err?.message ?? 'malformed CSV row' });
        return undefined;
      },
    }),
  );
  for await (const item of parser as AsyncIterable<{ info: { lines: number }; record: Record<string, string> }>) {
    // csv-parse reads ahead: a malformed row further down may be reported before the good rows above it are
    // yielded. Rows come out in line order, so that shards cut by row count do not depend on the read-ahead.
    while (skipped.length > 0 && (skipped[0] as UnreadableRow).line < item.info.lines) yield skipped.shift() as UnreadableRow;
    yield { line: item.info.lines, value: item.record };
  }
  while (skipped.length > 0) yield skipped.shift() as UnreadableRow;
}

async function* readJsonLines(path: string): AsyncGenerator<RawRow | UnreadableRow, void, undefined> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (let text of lines) {
    line += 1;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      yield { line, reason: `invalid JSON: ${(error as Error).message}` };
    }
  }
}

/** True for an item of `readRows` that could not be parsed. */
export function isUnreadable(item: RawRow | UnreadableRow): item is UnreadableRow {
  return 'reason' in item;
}
