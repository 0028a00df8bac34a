/**
 * Shard planning and shard reading for the distributed driver: the coordinator scans the feedback file once and
 * records where every shard of `shardRows` rows starts (byte offset and line number); a worker reads only its
 * shard's byte range and gets the same rows, with the same line numbers and the same rejection reasons, as
 * `readRows` over the whole file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { TextDecoder } from 'node:util';
import { assertNumberOption, assertOptions, assertString, FeedbackMinerError } from '../../errors';
import { formatOf, readCsvItems, type FileFormat, type RawRow, type UnreadableRow } from '../read';

/** Where one shard lies in the file. Plain JSON: it travels in a job. */
export interface ShardRange {
  /** Shard number, 0-based, in file order. */
  readonly shard: number;
  /** Index of the shard's first row among all rows read (unreadable ones included). */
  readonly offset: number;
  /** Rows in the shard (unreadable ones included). */
  readonly rows: number;
  /** Byte offset of the shard's first byte in the file. */
  readonly byteStart: number;
  /** Byte offset just past the shard's last byte. */
  readonly byteEnd: number;
  /** Line number (1-based) of the line at `byteStart`. */
  readonly firstLine: number;
}

/** How to read a file's shards, with the identity of the file the plan was made from. Plain JSON. */
export interface FileShape {
  readonly file: string;
  readonly format: FileFormat;
  /** CSV delimiter. */
  readonly delimiter: string;
  /** CSV column names (trimmed, as `readRows` gives them); `null` for JSONL. */
  readonly header: readonly string[] | null;
  /** Size and modification time when planned: a worker that sees another file refuses to read it. */
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ShardPlan extends FileShape {
  /** Rows in the file (unreadable ones included). */
  readonly rows: number;
  readonly shards: readonly ShardRange[];
}

export interface PlanShardsOptions {
  /** Rows per shard (default 5000, `SHARD_ROWS` of the analysis). */
  readonly shardRows?: number;
  /** Default: from the file extension, as `readRows`. */
  readonly format?: FileFormat;
  /** CSV delimiter; default `,` (or a tab for `.tsv`). */
  readonly delimiter?: string;
}

/** Default rows per shard; equal to `SHARD_ROWS` of `src/analyze`. */
export const DEFAULT_SHARD_ROWS = 5000;

async function fileStat(path: string, where: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (cause) {
    throw new FeedbackMinerError('IO_ERROR', `${where}: cannot read ${path}: ${(cause as Error).message}`, { where, cause });
  }
}

/**
 * Scans a CSV (with a header line) or JSONL file once and cuts it into shards of `shardRows` rows (rows that cannot
 * be parsed count as rows, as in `readRows`), recording each shard's byte range and first line, so that any
 * machine that sees the same file can read one shard without reading the rest ({@link readShardRows}).
 *
 * A CSV shard boundary is the byte just past a row as `readRows` reads it (`readCsvItems` of src/node/read.ts:
 * csv-parse's byte count after a complete record, or the line after an unclosed quote's first line), so a quoted
 * field with embedded newlines never straddles two shards; a JSONL boundary is the byte after a line break
 * (`\n`, `\r\n` or a lone `\r`, as `readline` splits).
 *
 * Cost: one sequential read of the file, O(bytes); memory O(shards).
 * @throws FeedbackMinerError IO_ERROR when the file cannot be read; INVALID_OPTION for a bad `shardRows`
 * @example (await planShards('feedback.csv', { shardRows: 2 })).shards.map((s) => [s.offset, s.rows, s.firstLine])
 * // => [[0, 2, 2], [2, 1, 4]] for a header and three one-line rows
 */
export async function planShards(path: string, options: PlanShardsOptions = {}): Promise<ShardPlan> {
  const where = 'planShards';
  assertString(where, 'path', path);
  assertOptions(where, options);
  const shardRows = options.shardRows ?? DEFAULT_SHARD_ROWS;
  assertNumberOption(where, 'options.shardRows', shardRows, { min: 1, integer: true });
  const identity = await fileStat(path, where);
  const format = options.format ?? formatOf(path, where);
  const delimiter = options.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : ',');
  const shape = { file: path, format, delimiter, ...identity };
  return format === 'jsonl' ? planJsonLines(shape, shardRows) : planCsv(shape, shardRows);
}

/** Accumulates shard ranges as rows end: `rowEnded(endByte, line)` after each row, in file order. */
function shardCutter(shardRows: number, start: { byte: number; line: number }) {
  const shards: ShardRange[] = [];
  let rows = 0;
  let inShard = 0;
  let byteStart = start.byte;
  let firstLine = start.line;
  let lastEnd = start.byte;
  return {
    rowEnded(endByte: number, nextLine: number): void {
      rows += 1;
      inShard += 1;
      lastEnd = endByte;
      if (inShard === shardRows) {
        shards.push({ shard: shards.length, offset: rows - inShard, rows: inShard, byteStart, byteEnd: endByte, firstLine });
        inShard = 0;
        byteStart = endByte;
        firstLine = nextLine;
      }
    },
    finish(fileSize: number): { rows: number; shards: ShardRange[] } {
      if (inShard > 0) {
        shards.push({ shard: shards.length, offset: rows - inShard, rows: inShard, byteStart, byteEnd: Math.max(fileSize, lastEnd), firstLine });
      }
      return { rows, shards };
    },
  };
}

async function planCsv(shape: Omit<FileShape, 'header'>, shardRows: number): Promise<ShardPlan> {
  // The same reader as `readRows` (rows, unclosed-quote recovery, line numbers), so boundaries fall between its rows.
  let header: string[] | null = null;
  let cutter: ReturnType<typeof shardCutter> | null = null;
  const scan = {
    path: shape.file,
    delimiter: shape.delimiter,
    start: 0,
    end: Infinity,
    firstLine: 1,
    header: null,
    onHeader: (names: string[], end: number, nextLine: number) => {
      header = names;
      cutter = shardCutter(shardRows, { byte: end, line: nextLine });
    },
  };
  for await (const { end, nextLine } of readCsvItems(scan)) {
    (cutter as ReturnType<typeof shardCutter> | null)?.rowEnded(end, nextLine);
  }
  const done = (cutter as ReturnType<typeof shardCutter> | null)?.finish(shape.size) ?? { rows: 0, shards: [] };
  return { ...shape, header, ...done };
}

const CR = 13;
const LF = 10;

async function planJsonLines(shape: Omit<FileShape, 'header'>, shardRows: number): Promise<ShardPlan> {
  const cutter = shardCutter(shardRows, { byte: 0, line: 1 });
  let position = 0; // bytes before the current chunk
  let lineStart = 0; // byte offset of the current line's first byte
  let line = 1;
  let pendingCr = false; // the previous chunk ended with a CR: a LF first in this chunk belongs to it
  let lineBytes: Buffer[] = [];
  const decoder = new TextDecoder();
  const endLine = (contentEnd: number, breakEnd: number, chunk: Buffer, chunkStart: number): void => {
    // contentEnd/breakEnd are absolute; the line's bytes are the saved pieces plus chunk[chunkStart, contentEnd).
    const piece = chunk.subarray(chunkStart, contentEnd - position);
    if (!isBlank(lineBytes, piece, line === 1, decoder)) cutter.rowEnded(breakEnd, line + 1);
    lineBytes = [];
    line += 1;
    lineStart = breakEnd;
  };
  for await (const chunk of createReadStream(shape.file) as AsyncIterable<Buffer>) {
    let from = 0; // start, in this chunk, of the current line's unsaved bytes
    let i = 0;
    if (pendingCr) {
      pendingCr = false;
      const breakEnd = chunk[0] === LF ? position + 1 : position;
      endLine(position, breakEnd, chunk, 0);
      if (chunk[0] === LF) i = 1;
      from = i;
    }
    for (; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === LF) {
        endLine(position + i, position + i + 1, chunk, from);
        from = i + 1;
      } else if (byte === CR) {
        if (i + 1 === chunk.length) {
          lineBytes.push(Buffer.from(chunk.subarray(from, i)));
          pendingCr = true;
          from = chunk.length;
        } else {
          const crlf = chunk[i + 1] === LF;
          endLine(position + i, position + i + (crlf ? 2 : 1), chunk, from);
          if (crlf) i += 1;
          from = i + 1;
        }
      }
    }
    if (from < chunk.length) lineBytes.push(Buffer.from(chunk.subarray(from)));
    position += chunk.length;
  }
  if (pendingCr) endLine(position, position, Buffer.alloc(0), 0);
  else if (position > lineStart) endLine(position, position, Buffer.alloc(0), 0);
  const done = cutter.finish(shape.size);
  return { ...shape, header: null, ...done };
}

/** True when a line would be skipped by `readRows`: empty after `trim()` (a BOM on line 1 is dropped first). */
function isBlank(saved: readonly Buffer[], piece: Buffer, firstLine: boolean, decoder: TextDecoder): boolean {
  let ascii = true;
  for (const part of [...saved, piece]) {
    for (const byte of part) {
      if (byte >= 0x80) ascii = false;
      else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0b && byte !== 0x0c) return false;
    }
  }
  if (ascii) return true;
  let text = decoder.decode(Buffer.concat([...saved, piece]));
  if (firstLine && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.trim() === '';
}

/** One shard to read: the file's shape and the shard's range. Plain JSON. */
export interface ShardRef extends FileShape {
  readonly range: ShardRange;
}

/**
 * Reads one shard's rows from its byte range: the same items, line numbers and reasons that `readRows` gives for
 * these rows when reading the whole file, in line order. Checks first that the file still has the size and
 * modification time it had when planned.
 *
 * Cost: O(bytes of the shard).
 * @throws FeedbackMinerError IO_ERROR when the file cannot be read or is not the planned one
 */
export async function readShardRows(ref: ShardRef): Promise<(RawRow | UnreadableRow)[]> {
  const where = 'readShardRows';
  const now = await fileStat(ref.file, where);
  if (now.size !== ref.size || now.mtimeMs !== ref.mtimeMs) {
    throw new FeedbackMinerError(
      'IO_ERROR',
      `${where}: ${ref.file} is not the file the coordinator planned (size ${now.size} bytes, modified ${new Date(now.mtimeMs).toISOString()}; planned: size ${ref.size} bytes, modified ${new Date(ref.mtimeMs).toISOString()}); every worker must see the same file`,
      { where },
    );
  }
  const { range } = ref;
  if (range.byteEnd <= range.byteStart) return [];
  const bytes = { start: range.byteStart, end: range.byteEnd - 1 };
  const linesBefore = range.firstLine - 1;
  const items =
    ref.format === 'jsonl'
      ? await readJsonRange(createReadStream(ref.file, { ...bytes, encoding: 'utf8' }), linesBefore, range.byteStart === 0)
      : await readCsvRange(ref);
  return items.sort((a, b) => a.line - b.line);
}

async function readCsvRange(ref: ShardRef): Promise<(RawRow | UnreadableRow)[]> {
  const items: (RawRow | UnreadableRow)[] = [];
  const { range } = ref;
  const scan = { path: ref.file, delimiter: ref.delimiter, start: range.byteStart, end: range.byteEnd, firstLine: range.firstLine, header: ref.header };
  for await (const { item } of readCsvItems(scan)) items.push(item);
  return items;
}

async function readJsonRange(stream: NodeJS.ReadableStream, linesBefore: number, atFileStart: boolean): Promise<(RawRow | UnreadableRow)[]> {
  const items: (RawRow | UnreadableRow)[] = [];
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = linesBefore;
  for await (let text of lines) {
    line += 1;
    if (atFileStart && line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') continue;
    try {
      items.push({ line, value: JSON.parse(text) as unknown });
    } catch (error) {
      items.push({ line, reason: `invalid JSON: ${(error as Error).message}` });
    }
  }
  return items;
}
