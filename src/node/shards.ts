/**
 * The feedback file as shards for the passes protocol (`feedback-miner/analyze`'s `mapShard` and friends): rows
 * read as a stream (`readRows`), validated as `loadFile` does (same rejections, same line numbers), cut every
 * `shardRows` rows read, so that every driver — this process, or a fleet reading byte ranges — cuts the same
 * shards.
 */
import { stat } from 'node:fs/promises';
import type { FeedbackRecord, Rejected } from '../records';
import { validateFeedback } from '../records';
import { FeedbackMinerError } from '../errors';
import { SHARD_ROWS, type FileRejection, type ShardInput } from '../analyze';
import type { ColumnMap } from './load';
import { isUnreadable, readRowBatches, type RawRow, type UnreadableRow } from './read';
import { fmix32 } from '../internal/random';

/** The feedback fields named by a column map (`--text-column` and friends). */
export function feedbackFields(columns: ColumnMap): Record<string, string> {
  const fields: Record<string, string> = {};
  if (columns.text !== undefined) fields.text = columns.text;
  if (columns.date !== undefined) fields.date = columns.date;
  if (columns.id !== undefined) fields.id = columns.id;
  if (columns.rating !== undefined) fields.rating = columns.rating;
  return fields;
}

/** A shard and the file line of each of its records (for rejections found after validation, e.g. duplicate ids). */
interface LinedShard {
  readonly shard: ShardInput;
  readonly lines: readonly number[];
}

function toLinedShard(
  rows: readonly (RawRow | UnreadableRow)[],
  shard: number,
  offset: number,
  file: string,
  columns: ColumnMap,
): LinedShard {
  // Unreadable rows stay in place as nulls, so that a record's row index (its default id `row-N`) is its index in
  // the whole file, however the file was cut; their validation complaint is replaced by the reader's reason.
  const values = rows.map((r) => (isUnreadable(r) ? null : r.value));
  const result = validateFeedback(values, { fields: feedbackFields(columns), rowOffset: offset });
  const rejectedRows = new Set<number>();
  const rejected: FileRejection[] = [];
  for (const r of result.rejected as readonly Rejected[]) {
    const i = r.row - offset;
    const raw = rows[i];
    if (raw === undefined) continue;
    const first = !rejectedRows.has(i);
    rejectedRows.add(i);
    // A row may be rejected for several fields: each is reported (the row counts once in rowsRead).
    if (!isUnreadable(raw)) rejected.push({ file, line: raw.line, field: r.field, reason: r.reason });
    else if (first) rejected.push({ file, line: raw.line, field: '', reason: raw.reason });
  }
  const lines: number[] = [];
  rows.forEach((r, i) => {
    if (!rejectedRows.has(i)) lines.push(r.line);
  });
  rejected.sort((a, b) => a.line - b.line);
  return { shard: { shard, offset, rowsRead: rows.length, records: result.records, rejected }, lines };
}

/**
 * Turns the raw rows of one shard (as `readRows` yields them: a parsed row with its line, or an unreadable one with
 * its line and reason) into a `ShardInput`: rows validated with `validateFeedback` (column names from `columns`),
 * rejected rows with their file line, field and reason. Pure. `offset` is the index of the shard's first row in
 * the whole file (rows read, unreadable ones included): it makes the default ids (`row-N`, when the file has no id
 * column) and the bottom-k sample independent of how the file was cut, so a reader of byte ranges that knows its
 * rows' global index gets the same shards as `readShards`.
 *
 * Duplicate ids *within* the shard are rejected here; across shards it is the driver's job (`readShards` keeps a
 * set of 64-bit id hashes).
 *
 * Cost: O(r · f) for r rows of f columns.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `rows` is not an array
 * @example
 * toShard([{ line: 2, value: { id: 'a', text: 'late again', date: '2026-01-05' } }, { line: 3, reason: 'invalid JSON' }], 0, 0, 'f.jsonl', {})
 * // => { shard: 0, offset: 0, rowsRead: 2, records: [{ id: 'a', text: 'late again', date: '2026-01-05' }],
 * //      rejected: [{ file: 'f.jsonl', line: 3, field: '', reason: 'invalid JSON' }] }
 */
export function toShard(
  rows: readonly (RawRow | UnreadableRow)[],
  shard: number,
  offset: number,
  file: string,
  columns: ColumnMap = {},
): ShardInput {
  if (!Array.isArray(rows)) {
    throw new FeedbackMinerError('INVALID_ARGUMENT', `toShard: expected rows to be an array, found ${typeof rows}`, { where: 'toShard' });
  }
  return toLinedShard(rows, shard, offset, file, columns).shard;
}

/**
 * A set of 64-bit hashes of strings (two independent 32-bit MurmurHash3-style hashes), open addressing with
 * linear probing, 8 bytes per slot at a load of at most 3/4: about 11 bytes per id, whatever the ids' length.
 * Two distinct ids collide with probability 2^-64 per pair (for n ids, a false duplicate with probability about
 * n^2 / 2^65: 7e-7 for 5 million).
 */
export class IdHashSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength;
  }

  /** Adds an id; false when (its hash) was already there. */
  add(id: string): boolean {
    let h1 = hash32(id, 0x9747b28c);
    const h2 = hash32(id, 0x5bd1e995);
    if (h1 === 0 && h2 === 0) h1 = 1; // (0, 0) marks an empty slot
    if ((this.count + 1) * 4 > this.hi.length * 3) this.grow();
    return this.insert(h1, h2);
  }

  private insert(h1: number, h2: number): boolean {
    const mask = this.hi.length - 1;
    let at = (h1 ^ Math.imul(h2, 0x85ebca6b)) & mask;
    for (;;) {
      const a = this.hi[at]!;
      const b = this.lo[at]!;
      if (a === 0 && b === 0) {
        this.hi[at] = h1;
        this.lo[at] = h2;
        this.count++;
        return true;
      }
      if (a === h1 && b === h2) return false;
      at = (at + 1) & mask;
    }
  }

  private grow(): void {
    const hi = this.hi;
    const lo = this.lo;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.count = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.insert(hi[i]!, lo[i]!);
  }
}

/** MurmurHash3-style 32-bit hash of a string's UTF-16 code units (Appleby 2011), seeded. */
function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ text.length);
}

export interface ReadShardsOptions {
  /** Column names of the file (`--text-column` and friends). */
  readonly columns?: ColumnMap;
  /** Rows read per shard (default `SHARD_ROWS`, which every driver uses). */
  readonly shardRows?: number;
  /** Called with the set of id hashes after the last shard (for reporting its size). */
  readonly onIds?: (ids: IdHashSet) => void;
}

/** @throws FeedbackMinerError IO_ERROR, in `readRows`' words, when the file cannot be read. */
export async function checkReadable(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
  } catch (cause) {
    throw new FeedbackMinerError('IO_ERROR', `readRows: cannot read ${path}: ${(cause as Error).message}`, { where: 'readRows', cause });
  }
}

/**
 * Streams a feedback file (CSV or JSONL) as shards of `shardRows` rows read, each validated by `toShard`; ids
 * repeated across shards are rejected (`duplicate id "x" (seen earlier in the file)`) through an `IdHashSet`,
 * the one structure that grows with the file (about 11 bytes per id). Memory otherwise holds one shard.
 *
 * Cost: O(file size).
 * @throws FeedbackMinerError IO_ERROR when the file cannot be read; USAGE when its format cannot be told
 */
export async function* readShards(path: string, options: ReadShardsOptions = {}): AsyncGenerator<ShardInput, void, undefined> {
  const shardRows = options.shardRows ?? SHARD_ROWS;
  if (!Number.isInteger(shardRows) || shardRows < 1) {
    throw new FeedbackMinerError('INVALID_OPTION', `readShards: expected options.shardRows to be an integer >= 1, found ${String(shardRows)}`, { where: 'readShards' });
  }
  const columns = options.columns ?? {};
  const ids = new IdHashSet();
  let rows: (RawRow | UnreadableRow)[] = [];
  let shard = 0;
  let offset = 0;
  const cut = (): ShardInput => {
    const { shard: raw, lines } = toLinedShard(rows, shard, offset, path, columns);
    const records: FeedbackRecord[] = [];
    const rejected = [...raw.rejected];
    raw.records.forEach((record, i) => {
      if (ids.add(record.id)) records.push(record);
      else rejected.push({ file: path, line: lines[i] ?? -1, field: 'id', reason: `duplicate id ${JSON.stringify(record.id)} (seen earlier in the file)` });
    });
    rejected.sort((a, b) => a.line - b.line);
    const out: ShardInput = { ...raw, records, rejected };
    shard += 1;
    offset += rows.length;
    rows = [];
    return out;
  };
  for await (const batch of readRowBatches(path)) {
    for (const item of batch) {
      rows.push(item);
      if (rows.length >= shardRows) yield cut();
    }
  }
  if (rows.length > 0) yield cut();
  options.onIds?.(ids);
}
