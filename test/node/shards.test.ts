import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARD_ROWS, type ShardInput } from '../../src/analyze';
import { validateFeedback } from '../../src/records';
import { loadFile } from '../../src/node/load';
import { progress } from '../../src/node/progress';
import { isUnreadable, readRows } from '../../src/node/read';
import { IdHashSet, readShards, toShard } from '../../src/node/shards';

const CSV = [
  'id,text,date,region',
  'a,late delivery,2026-01-05,North', // line 2
  'b,great value,2026-01-06,South',
  'c,,2026-01-07,North', // line 4: empty text
  'd,"broken ""quote"" ok",2026-01-08,North',
  'e,rude agent,not-a-date,South', // line 6: bad date
  'a,same id again,2026-01-09,North', // line 7: duplicate of line 2, in another shard
  'f,fine,2026-01-10,North,EXTRA', // line 8: an extra field
  'g,last one,2026-01-11,South',
].join('\n');

async function file(body: string, name = 'f.csv'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fm-shards-'));
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}

async function collect(shards: AsyncIterable<ShardInput>): Promise<ShardInput[]> {
  const out: ShardInput[] = [];
  for await (const s of shards) out.push(s);
  return out;
}

describe('readShards(path, { shardRows })', () => {
  it('cuts every shardRows rows read, with offsets, and reports rejected rows with their lines as loadFile does', async () => {
    const path = await file(CSV);
    const shards = await collect(readShards(path, { shardRows: 3 }));
    expect(shards.map((s) => [s.shard, s.offset, s.rowsRead])).toEqual([
      [0, 0, 3],
      [1, 3, 3],
      [2, 6, 2],
    ]);
    expect(shards.flatMap((s) => s.records.map((r) => r.id))).toEqual(['a', 'b', 'd', 'g']);
    const rejected = shards.flatMap((s) => s.rejected);
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [4, 'text'],
      [6, 'date'],
      [7, 'id'],
      [8, ''],
    ]);
    expect(rejected[2]!.reason).toBe('duplicate id "a" (seen earlier in the file)');
    // The same rows and reasons as the whole-file loader (whose duplicate message names the first line).
    const whole = await loadFile(path, validateFeedback as never, {}, progress({ enabled: false, stream: process.stderr }), 'feedback');
    expect(whole.records.map((r) => (r as { id: string }).id)).toEqual(['a', 'b', 'd', 'g']);
    expect(whole.rejected.map((r) => [r.line, r.field]).sort((x, y) => (x[0] as number) - (y[0] as number))).toEqual([
      [4, 'text'],
      [6, 'date'],
      [7, 'id'],
      [8, ''],
    ]);
    expect(whole.rejected.find((r) => r.line === 8)?.reason).toBe(rejected[3]!.reason);
    expect(SHARD_ROWS).toBe(5000);
  });

  it('gives the same shards however often it is read (one read per pass)', async () => {
    const path = await file(CSV);
    expect(await collect(readShards(path, { shardRows: 2 }))).toEqual(await collect(readShards(path, { shardRows: 2 })));
  });
});

describe('toShard(rows, shard, offset, file, columns)', () => {
  it('validates one shard of raw rows: unreadable rows keep the reader reason, default ids number rows of the whole file', async () => {
    const rows = [
      { line: 10, value: { comment: 'late again', created: '2026-01-05' } },
      { line: 11, reason: 'invalid JSON: Unexpected token' },
      { line: 12, value: { comment: 'fine', created: '2026-01-06' } },
    ];
    const shard = toShard(Object.freeze(rows), 4, 20_000, 'f.jsonl', { text: 'comment', date: 'created' });
    expect(shard).toEqual({
      shard: 4,
      offset: 20_000,
      rowsRead: 3,
      records: [
        { id: 'row-20000', text: 'late again', date: '2026-01-05' },
        { id: 'row-20002', text: 'fine', date: '2026-01-06' },
      ],
      rejected: [{ file: 'f.jsonl', line: 11, field: '', reason: 'invalid JSON: Unexpected token' }],
    });
  });

  it('matches readShards on the rows readRows yields', async () => {
    const path = await file(CSV);
    const raw = [];
    for await (const item of readRows(path)) raw.push(item);
    expect(raw.some(isUnreadable)).toBe(true);
    const first = toShard(raw.slice(0, 3), 0, 0, path);
    const [read] = await collect(readShards(path, { shardRows: 3 }));
    expect(first).toEqual(read);
  });

  it('throws FeedbackMinerError when rows is not an array', () => {
    expect(() => toShard('x' as never, 0, 0, 'f')).toThrow('toShard: expected rows to be an array, found string');
  });
});

describe('IdHashSet', () => {
  it('add(id) is false for an id seen before, across growth, and holds about 11 bytes per id', () => {
    const set = new IdHashSet();
    let added = 0;
    for (let i = 0; i < 200_000; i++) if (set.add(`id-${i}`)) added++;
    expect(added).toBe(200_000);
    expect(set.add('id-0')).toBe(false);
    expect(set.add('id-199999')).toBe(false);
    expect(set.add('')).toBe(true);
    expect(set.add('')).toBe(false);
    expect(set.size).toBe(200_001);
    expect(set.bytes / set.size).toBeLessThan(22);
  });
});
