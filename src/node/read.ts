import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { Parser } from 'csv-parse';
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
 * stripped; CRLF, LF and CR line endings). A row whose quote never closes (or whose record passes
 * {@link MAX_CSV_RECORD_BYTES}) is reported at its first line as "unclosed quote ..." and reading resumes at the next
 * line ({@link readCsvItems} gives the rule and its cost); a line break inside a quoted field counts as one line.
 * @throws FeedbackMinerError IO_ERROR when the file cannot be opened
 */
export async function* readRows(
  path: string,
  options: ReadRowsOptions = {},
): AsyncGenerator<RawRow | UnreadableRow, void, undefined> {
  for await (const batch of readRowBatches(path, options)) yield* batch;
}

/**
 * `readRows` in batches: the same items in the same order, a batch per chunk of the file read (about 64 KiB), so
 * that a reader of millions of rows pays one async step per chunk, not per row.
 * @throws FeedbackMinerError IO_ERROR when the file cannot be opened
 * @internal used by `readShards`
 */
export async function* readRowBatches(
  path: string,
  options: ReadRowsOptions = {},
): AsyncGenerator<(RawRow | UnreadableRow)[], void, undefined> {
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
    for await (const item of readJsonLines(path)) yield [item];
    return;
  }
  const delimiter = options.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : ',');
  for await (const batch of readCsvBatches({ path, delimiter, start: 0, end: Infinity, firstLine: 1, header: null })) yield batch.map((i) => i.item);
}

/**
 * A record longer than this many bytes is treated as an unclosed quote (see {@link readCsvItems}): it bounds the
 * memory of one row and the bytes re-read after a stray quote.
 */
export const MAX_CSV_RECORD_BYTES = 32 * 1024 * 1024;

/** Reason given for a row whose quote never closes. */
const UNCLOSED = 'unclosed quote: the quoted field opened on this row is still open at the end of the file (or runs past';

/** What {@link readCsvItems} reads: a byte range of a CSV file that starts at a record boundary. @internal */
export interface CsvScan {
  readonly path: string;
  readonly delimiter: string;
  /** Byte offset of the first byte (0, or just past a record). */
  readonly start: number;
  /** Byte offset just past the last byte; `Infinity` for the end of the file. */
  readonly end: number;
  /** Line number (1-based) of the line at `start`. */
  readonly firstLine: number;
  /** Column names; `null` when the range starts with the header line (then `onHeader` is told where it ends). */
  readonly header: readonly string[] | null;
  readonly onHeader?: (header: string[], end: number, nextLine: number) => void;
  /** Default {@link MAX_CSV_RECORD_BYTES}; smaller only in tests. */
  readonly maxRecordBytes?: number;
}

/** One item of {@link readCsvItems}: a row, the byte just past it and the line number of that byte. @internal */
export interface CsvItem {
  readonly item: RawRow | UnreadableRow;
  readonly end: number;
  readonly nextLine: number;
}

const LF = 10;
const CR = 13;

/**
 * Counts line breaks in the bytes of a range as they are read: a line break is LF, CRLF or a lone CR, counted once
 * wherever it is (csv-parse counts a CRLF inside a quoted field as two lines). Keeps only the bytes not yet counted.
 */
class LineCounter {
  private readonly chunks: Buffer[] = [];
  private head = 0;
  private position: number;
  private line: number;
  private previous = -1;
  constructor(start: number, firstLine: number) {
    this.position = start;
    this.line = firstLine;
  }
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
  }
  /** Line number of the line at byte `to` (counting forward only). */
  lineAt(to: number): number {
    while (this.position < to && this.chunks.length > 0) {
      const chunk = this.chunks[0] as Buffer;
      const stop = Math.min(chunk.length, this.head + (to - this.position));
      for (let i = this.head; i < stop; i++) {
        const byte = chunk[i] as number;
        if (byte === CR || (byte === LF && this.previous !== CR)) this.line += 1;
        this.previous = byte;
      }
      this.position += stop - this.head;
      this.head = stop;
      if (this.head === chunk.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    return this.line;
  }
  /** Line number of the last line of a row that ends (line break included) at byte `end`. */
  rowLine(end: number): number {
    const next = this.lineAt(end);
    return this.previous === LF || this.previous === CR ? next - 1 : next;
  }
}

/** csv-parse names its own (miscounted) line in messages: put the row's line instead. */
function withLine(message: string, line: number): string {
  return message.replace(/\b(on|at) line \d+/g, (_, word: string) => `${word} line ${line}`);
}

const STOP = new Error('unclosed quote');

interface SegmentEnd {
  readonly header: readonly string[] | null;
  /** Set when a quote stayed open: the bad row is the first non-blank line at `bad`; rows from `resume` on are lost. */
  readonly stop?: { readonly resume: number; readonly resumeLine: number; readonly bad: number };
}

/**
 * Reads the CSV rows of a byte range (see {@link CsvScan}) with csv-parse, in file order, with the row's line
 * numbers counted by {@link LineCounter}, recovering from unclosed quotes.
 *
 * Recovery rule (issue #9): a quoted field may contain line breaks, so a quote is malformed only when it is still
 * open at the end of the range (csv-parse `CSV_QUOTE_NOT_CLOSED`) or when its record grows past
 * {@link MAX_CSV_RECORD_BYTES} (`CSV_MAX_RECORD_SIZE`; such a record is reported as an unclosed quote even if its
 * quote would close later). Then the row is reported at its first line (the first non-empty line after the last
 * complete record) with the reason "unclosed quote ...", and reading starts again, with a fresh parser, at the line
 * after that first line; rows before it are kept as they were read. (A header line whose quote never closes is
 * reported and nothing more is read: there are no column names.) Line numbers: a line break is LF, CRLF or a lone
 * CR, counted once also inside a quoted field; a row's line is the line of its last character. The same rule over a shard's byte range gives
 * the same rows, because shards start and end at row boundaries.
 *
 * Cost: memory O(MAX_CSV_RECORD_BYTES) at most (the open field and its uncounted bytes), never the file; each
 * unclosed quote re-reads at most min(MAX_CSV_RECORD_BYTES, rest of the range) bytes, so a stray quote early in a
 * 1 GB file costs 32 MiB of extra reading, and k stray quotes at most k times that.
 * @internal shared with src/node/distributed/plan.ts
 */
export async function* readCsvItems(scan: CsvScan): AsyncGenerator<CsvItem, void, undefined> {
  for await (const batch of readCsvBatches(scan)) yield* batch;
}

/**
 * {@link readCsvItems} in batches (one per chunk read). Rows are read by {@link fastCsv} while they are plain; from
 * the first row it does not take, the range is read again from its start by csv-parse ({@link parsedCsv}), and
 * only the items past that row are kept, so every item is csv-parse's.
 * @internal
 */
export async function* readCsvBatches(scan: CsvScan): AsyncGenerator<CsvItem[], void, undefined> {
  const fast: FastEnd = yield* fastCsv(scan);
  if (fast.done) return;
  const again: CsvScan = fast.headerSeen ? { ...scan, onHeader: () => {} } : scan;
  for await (const batch of parsedCsv(again)) {
    const kept = fast.at > scan.start ? batch.filter((item) => item.end > fast.at) : batch;
    if (kept.length > 0) yield kept;
  }
}

/** Where {@link fastCsv} stopped: the whole range read, or the byte of the first row it left to csv-parse. */
type FastEnd = { readonly done: true } | { readonly done: false; readonly at: number; readonly headerSeen: boolean };

/** Rows longer than this are left to csv-parse (which enforces MAX_CSV_RECORD_BYTES). */
const FAST_ROW_BYTES = 1 << 20;
const QUOTE = 34;

/** One row as {@link scanRow} reads it. */
type Scanned =
  | { readonly kind: 'row'; readonly fields: string[]; readonly end: number; readonly breaks: number; readonly terminated: boolean }
  | { readonly kind: 'empty'; readonly end: number }
  | { readonly kind: 'more' }
  | { readonly kind: 'hard' };

/** Line breaks in `buf[from, to)` counted as {@link LineCounter} counts them (LF, CRLF or a lone CR: one each). */
function countBreaks(buf: Buffer, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const byte = buf[i]!;
    if (byte === CR || (byte === LF && (i === 0 || buf[i - 1] !== CR))) breaks++;
  }
  return breaks;
}

/**
 * Reads one row of `buf` from `pos` under the plain-CSV rules (see {@link fastCsv}); `mode` is the record delimiter
 * (0 not known yet, 1 LF, 2 CRLF) and is set by the first row end. `eof`: no byte follows `buf`.
 */
function scanRow(buf: Buffer, pos: number, delimiter: number, state: { mode: number }, eof: boolean): Scanned {
  const n = buf.length;
  // An empty line (csv-parse skips it: skip_empty_lines).
  if (state.mode === 1 && buf[pos] === LF) return { kind: 'empty', end: pos + 1 };
  if (state.mode === 2 && buf[pos] === CR) {
    if (pos + 1 >= n) return eof ? { kind: 'hard' } : { kind: 'more' };
    return buf[pos + 1] === LF ? { kind: 'empty', end: pos + 2 } : { kind: 'hard' };
  }
  if (pos >= n) return eof ? { kind: 'hard' } : { kind: 'more' };
  const fields: string[] = [];
  let breaks = 0;
  let i = pos;
  for (;;) {
    if (buf[i] === QUOTE) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const q = buf.indexOf(QUOTE, j);
        if (q < 0 || q + 1 >= n) return eof && q + 1 === n ? { kind: 'hard' } : eof ? { kind: 'hard' } : { kind: 'more' };
        if (buf[q + 1] === QUOTE) {
          escaped = true;
          j = q + 2;
          continue;
        }
        breaks += countBreaks(buf, i + 1, q);
        const value = buf.toString('utf8', i + 1, q);
        fields.push(escaped ? value.replaceAll('""', '"') : value);
        i = q + 1;
        break;
      }
    } else {
      let j = i;
      while (j < n) {
        const byte = buf[j]!;
        if (byte === delimiter || byte === LF || byte === CR || byte === QUOTE) break;
        j++;
      }
      if (j >= n) {
        if (!eof) return { kind: 'more' };
        fields.push(buf.toString('utf8', i, j));
        if (fields.length === 1 && fields[0] === '') return { kind: 'hard' };
        return { kind: 'row', fields, end: n, breaks, terminated: false };
      }
      if (buf[j] === QUOTE) return { kind: 'hard' };
      fields.push(buf.toString('utf8', i, j));
      i = j;
    }
    if (i >= n) return eof && fields.length > 1 ? { kind: 'row', fields, end: n, breaks, terminated: false } : eof ? { kind: 'hard' } : { kind: 'more' };
    const byte = buf[i]!;
    if (byte === delimiter) {
      i++;
      // A delimiter at the very end of the input: left to csv-parse.
      if (i >= n) return eof ? { kind: 'hard' } : { kind: 'more' };
      continue;
    }
    if (state.mode === 0) {
      if (byte === LF) state.mode = 1;
      else if (byte === CR) {
        if (i + 1 >= n) return eof ? { kind: 'hard' } : { kind: 'more' };
        if (buf[i + 1] !== LF) return { kind: 'hard' };
        state.mode = 2;
      } else return { kind: 'hard' };
    }
    let end: number;
    if (state.mode === 1) {
      if (byte !== LF) return { kind: 'hard' };
      end = i + 1;
    } else {
      if (byte !== CR) return { kind: 'hard' };
      if (i + 1 >= n) return eof ? { kind: 'hard' } : { kind: 'more' };
      if (buf[i + 1] !== LF) return { kind: 'hard' };
      end = i + 2;
    }
    // A line with nothing on it (the first, before the record delimiter was known) is skipped; a lone "" is not
    // empty to csv-parse: left to it.
    if (fields.length === 1 && fields[0] === '') return buf[pos] === QUOTE ? { kind: 'hard' } : { kind: 'empty', end };
    return { kind: 'row', fields, end, breaks, terminated: true };
  }
}

/**
 * The plain rows of a CSV range, read without csv-parse: a row is plain when each field is either unquoted (no
 * quote, CR or LF in it) or wholly quoted (`"..."` with `""` for a quote, any line breaks inside) and followed by the
 * delimiter or the record delimiter, the rows end with the file's record delimiter (LF or CRLF, found at the first
 * row end, as csv-parse finds it), and it has as many fields as the header. Empty lines are skipped, a UTF-8 BOM
 * is dropped; fields are decoded as UTF-8. On those rows csv-parse (with the options of {@link csvSegment}) gives
 * exactly these values, and the line numbers are counted by the same rule. At the first row that is not plain
 * (a stray quote, a short or long row, a lone CR, another BOM, ...) it stops and says where: the caller leaves the
 * rest to csv-parse. Cost: O(bytes), with `indexOf` over quoted fields.
 */
async function* fastCsv(scan: CsvScan): AsyncGenerator<CsvItem[], FastEnd, undefined> {
  const delimiter = scan.delimiter.length === 1 ? scan.delimiter.charCodeAt(0) : -1;
  if (delimiter < 0 || delimiter >= 128 || delimiter === QUOTE || delimiter === LF || delimiter === CR) return { done: false, at: scan.start, headerSeen: false };
  const limit = Math.min(scan.maxRecordBytes ?? MAX_CSV_RECORD_BYTES, FAST_ROW_BYTES);
  let header = scan.header;
  let headerSeen = false;
  const state = { mode: 0 };
  let base = scan.start; // file offset of buf[0]
  let line = scan.firstLine; // line of the next row's first byte
  let bomPending = scan.start === 0;
  let pending: Buffer | null = null;
  const source = createReadStream(scan.path, scan.end === Infinity ? { start: scan.start } : { start: scan.start, end: scan.end - 1 });
  /** Takes the rows of `buf`; false when a row is not plain (then `base + pos` is where it starts). */
  let pos = 0;
  const take = (buf: Buffer, eof: boolean, items: CsvItem[]): boolean => {
    for (;;) {
      if (pos >= buf.length) return true;
      const row = scanRow(buf, pos, delimiter, state, eof);
      if (row.kind === 'more') {
        if (buf.length - pos > limit) return false;
        return true;
      }
      if (row.kind === 'hard') return false;
      if (row.kind === 'empty') {
        if (header === null) return false;
        line += 1;
        pos = row.end;
        continue;
      }
      if (row.end - pos > limit) return false;
      const rowLine = line + row.breaks;
      const nextLine = row.terminated ? rowLine + 1 : rowLine;
      if (header === null) {
        header = row.fields.map((name) => name.trim());
        headerSeen = true;
        scan.onHeader?.([...header], base + row.end, nextLine);
      } else {
        if (row.fields.length !== header.length) return false;
        const value: Record<string, string> = {};
        for (let f = 0; f < header.length; f++) value[header[f]!] = row.fields[f]!;
        items.push({ item: { line: rowLine, value }, end: base + row.end, nextLine });
      }
      line = nextLine;
      pos = row.end;
    }
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const buf: Buffer = pending === null ? chunk : Buffer.concat([pending, chunk]);
      pos = 0;
      if (bomPending) {
        if (buf.length < 3) {
          pending = buf;
          continue;
        }
        bomPending = false;
        // csv-parse also knows a UTF-16 BOM (and then decodes as UTF-16): left to it.
        if (buf[0] === 0xff || buf[0] === 0xfe) return { done: false, at: scan.start, headerSeen };
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      }
      const items: CsvItem[] = [];
      const plain = take(buf, false, items);
      if (items.length > 0) yield items;
      if (!plain) return { done: false, at: base + pos, headerSeen };
      base += pos;
      pending = pos < buf.length ? Buffer.from(buf.subarray(pos)) : null;
    }
    if (bomPending && pending !== null) return { done: false, at: scan.start, headerSeen };
    if (pending !== null) {
      pos = 0;
      const items: CsvItem[] = [];
      const plain = take(pending, true, items);
      if (items.length > 0) yield items;
      if (!plain) return { done: false, at: base + pos, headerSeen };
    }
    // A range with no header row: left to csv-parse (it decides what an empty or header-only file gives).
    if (header === null) return { done: false, at: scan.start, headerSeen };
    return { done: true };
  } finally {
    source.destroy();
  }
}

/** {@link readCsvItems} by csv-parse alone, in batches. */
async function* parsedCsv(scan: CsvScan): AsyncGenerator<CsvItem[], void, undefined> {
  let start = scan.start;
  let line = scan.firstLine;
  let header = scan.header;
  while (start < scan.end) {
    const ended: SegmentEnd = yield* csvSegment(scan, start, scan.end, line, header);
    header = ended.header;
    if (ended.stop === undefined) return;
    const { resume, resumeLine, bad } = ended.stop;
    let lineAtBad = resumeLine;
    if (resume < bad) {
      // Records between the last one taken and the bad row were parsed but not taken when the parser stopped.
      const again: SegmentEnd = yield* csvSegment(scan, resume, bad, resumeLine, header, (nextLine) => {
        lineAtBad = nextLine;
      });
      header = again.header;
    }
    const row = await badRowLine(scan.path, bad, lineAtBad, scan.end);
    if (row === null) return;
    yield [{ item: { line: row.line, reason: `${UNCLOSED} ${scan.maxRecordBytes ?? MAX_CSV_RECORD_BYTES} bytes)` }, end: row.next, nextLine: row.line + 1 }];
    // A header whose quote never closes leaves no column names to read the rest by: nothing more is read.
    if (header === null) return;
    start = row.next;
    line = row.line + 1;
  }
}

/** The first non-empty line at or after byte `from` (a line start): its line number and the byte after its break. */
async function badRowLine(path: string, from: number, lineAtFrom: number, end: number): Promise<{ line: number; next: number } | null> {
  let line = lineAtFrom;
  let position = from;
  let inRow = false;
  let previous = -1;
  const stream = createReadStream(path, end === Infinity ? { start: from } : { start: from, end: end - 1 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++, position++) {
        const byte = chunk[i] as number;
        if (previous === CR) {
          // The break was a lone CR or a CRLF: it ends here or after this LF.
          if (inRow) return { line, next: byte === LF ? position + 1 : position };
          if (byte === LF) {
            previous = LF;
            continue;
          }
        }
        if (byte === LF) {
          if (inRow) return { line, next: position + 1 };
          line += 1;
        } else if (byte === CR) {
          if (!inRow) line += 1;
        } else inRow = true;
        previous = byte;
      }
    }
  } finally {
    stream.destroy();
  }
  if (inRow) return { line, next: position };
  return null;
}

/**
 * csv-parse's stream parser driven by hand: records are collected, with the byte count at which each ended, into
 * `batch` instead of the readable side. Nothing is ever queued on the readable side, so `write(chunk)` parses the
 * chunk synchronously (Transform calls back at once when its readable buffer did not grow) and a chunk's records
 * come out as one array: no stream hop, async-iterator step or generator yield per row, and no `on_record` (which
 * builds csv-parse's record context object each row).
 */
class BatchParser extends Parser {
  batch: { bytes: number; record: Record<string, string> }[] = [];
  /** Called as each record is parsed, with the bytes read up to its end. */
  onRecord: (bytes: number) => void = () => {};
  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    const bytes = this.info.bytes;
    this.onRecord(bytes);
    this.batch.push({ bytes, record: record as Record<string, string> });
    return true;
  }
}

async function* csvSegment(
  scan: CsvScan,
  start: number,
  end: number,
  firstLine: number,
  known: readonly string[] | null,
  onEnd?: (nextLine: number) => void,
): AsyncGenerator<CsvItem[], SegmentEnd, undefined> {
  let header = known;
  const counter = new LineCounter(start, firstLine);
  let lastEnd = start; // just past the last complete record or skipped row, as the parser reports them
  let taken = start; // just past the last item yielded
  let read = start;
  let badAt: number | null = null;
  const skipped: { end: number; message: string }[] = [];
  const source = createReadStream(scan.path, end === Infinity ? { start } : { start, end: end - 1 });
  const parser: BatchParser = new BatchParser({
    columns:
      known === null
        ? (names: string[]) => {
            const trimmed = names.map((name) => name.trim());
            header = trimmed;
            // Called synchronously when the header record ends: the parser's counters are at its end.
            lastEnd = start + parser.info.bytes;
            taken = lastEnd;
            scan.onHeader?.(trimmed, lastEnd, counter.lineAt(lastEnd));
            return trimmed;
          }
        : [...known],
    bom: start === 0,
    delimiter: scan.delimiter,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: scan.maxRecordBytes ?? MAX_CSV_RECORD_BYTES,
    on_skip: (err) => {
      const code = (err as { code?: string } | undefined)?.code;
      if (code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE') {
        badAt = lastEnd;
        throw STOP;
      }
      const bytes = (err as unknown as { bytes?: number } | undefined)?.bytes;
      lastEnd = typeof bytes === 'number' ? start + bytes : lastEnd;
      skipped.push({ end: lastEnd, message: err?.message ?? 'malformed CSV row' });
      return undefined;
    },
  });
  parser.onRecord = (bytes) => {
    lastEnd = start + bytes;
  };
  // Errors reach the stream's 'error' event a tick later; `parser.errored` has them at once.
  parser.on('error', () => {});
  const skippedRow = (s: { end: number; message: string }): CsvItem => {
    const line = counter.rowLine(s.end);
    taken = s.end;
    return { item: { line, reason: withLine(s.message, line) }, end: s.end, nextLine: counter.lineAt(s.end) };
  };
  /** The items of the records parsed so far, each after the skipped rows that end before it. */
  const drain = (): CsvItem[] => {
    const items: CsvItem[] = [];
    for (const record of parser.batch) {
      const recordEnd = start + record.bytes;
      while (skipped.length > 0 && (skipped[0] as { end: number }).end < recordEnd) items.push(skippedRow(skipped.shift()!));
      const line = counter.rowLine(recordEnd);
      taken = recordEnd;
      items.push({ item: { line, value: record.record }, end: recordEnd, nextLine: counter.lineAt(recordEnd) });
    }
    parser.batch = [];
    return items;
  };
  /** After a write: the parser's error, or null. An unclosed quote stops with `badAt` set (see readCsvItems). */
  const failed = (): unknown => (badAt !== null ? STOP : (parser.errored ?? null));
  const stopped = (): SegmentEnd => {
    source.destroy();
    // Rows parsed before the stop but not yet taken are read again by the caller, from `taken` to `badAt`.
    const bad = badAt as number;
    while (skipped.length > 0 && (skipped[0] as { end: number }).end <= taken) skipped.shift();
    return { header, stop: { resume: taken, resumeLine: counter.lineAt(taken), bad: Math.max(bad, taken) } };
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      counter.push(chunk);
      read += chunk.length;
      parser.write(chunk);
      const error = failed();
      if (error !== null) {
        if (error !== STOP) throw error;
        return stopped();
      }
      const items = drain();
      if (items.length > 0) yield items;
    }
    await new Promise<void>((resolve) => parser.end(() => resolve()));
    const error = failed();
    if (error !== null) {
      if (error !== STOP) throw error;
      return stopped();
    }
    const items = drain();
    while (skipped.length > 0) items.push(skippedRow(skipped.shift()!));
    if (items.length > 0) yield items;
  } finally {
    source.destroy();
  }
  onEnd?.(counter.lineAt(Math.min(end, read)));
  return { header };
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
