import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../../src/errors';
import { planShards, readShardRows, type ShardPlan } from '../../../src/node/distributed/plan';
import { readRows } from '../../../src/node/read';

let dir: string | undefined;
async function file(name: string, body: string | Buffer): Promise<string> {
  dir ??= await mkdtemp(join(tmpdir(), 'fm-plan-'));
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  await writeFile(path, body);
  return path;
}

async function whole(path: string) {
  const rows: { line: number; value?: unknown; reason?: string }[] = [];
  for await (const item of readRows(path)) rows.push(item);
  return rows.sort((a, b) => a.line - b.line);
}

async function sharded(plan: ShardPlan) {
  const { shards, rows, ...shape } = plan;
  const out: { line: number; value?: unknown; reason?: string }[] = [];
  for (const range of shards) {
    const items = await readShardRows({ ...shape, range });
    expect(items.length).toBe(range.rows);
    out.push(...items);
  }
  expect(out.length).toBe(rows);
  return out;
}

describe('planShards(path, { shardRows }) and readShardRows(ref)', () => {
  it('cuts a CSV into shards of shardRows rows with their first line; quoted newlines stay in one shard', async () => {
    const path = await file('a.csv', 'id,text\n1,"two\nlines"\n2,b\n3,c\n');
    const plan = await planShards(path, { shardRows: 2 });
    expect(plan.header).toEqual(['id', 'text']);
    // Bytes: 'id,text\n' = 8, '1,"two\nlines"\n' = 14, '2,b\n' = 4: the second shard starts at byte 26, line 5.
    expect(plan.shards.map((s) => [s.offset, s.rows, s.firstLine, s.byteStart])).toEqual([
      [0, 2, 2, 8],
      [2, 1, 5, 26],
    ]);
    expect(await sharded(plan)).toEqual(await whole(path));
  });

  it('gives the same rows, lines and reasons as readRows for the whole file: malformed rows, BOM, CRLF, blank lines', async () => {
    const body = '\uFEFF id , text \r\n1,a\r\n\r\n2,b,extra\r\n3,"q ""x"" y"\r\n4,"multi\r\nline"\r\n5\r\n6,f';
    const path = await file('b.csv', body);
    for (const shardRows of [1, 2, 3, 7]) {
      expect(await sharded(await planShards(path, { shardRows }))).toEqual(await whole(path));
    }
    const rows = await whole(path);
    // Lines: 1 header, 2 '1,a', 3 blank, 4 '2,b,extra', 5 '3,...', 6-7 the quoted field with a CRLF inside, 8 '5'
    // (a CRLF inside a quoted field is one line break, not two).
    expect(rows.filter((r) => r.reason !== undefined).map((r) => r.line)).toEqual([4, 8]);
  });

  it('JSONL: lines split at LF, CRLF and lone CR; blank lines and invalid JSON as readRows', async () => {
    const path = await file('c.jsonl', '\uFEFF{"id":"1"}\r\n\n  \r{"id":"2"}\rnot json\n{"id":"3"}');
    for (const shardRows of [1, 2, 5]) {
      expect(await sharded(await planShards(path, { shardRows }))).toEqual(await whole(path));
    }
  });

  it('property: any shard size reads back exactly the rows of readRows (random CSV and JSONL)', async () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z ]{0,6}$/),
      fc.stringMatching(/^[a-z,"\n ]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
      fc.constant('a"b'),
      fc.constantFrom('é', '😀x', ''),
    );
    const row = fc.array(field, { minLength: 1, maxLength: 4 }).map((fields) => fields.join(','));
    const eol = fc.constantFrom('\n', '\r\n');
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), eol, fc.integer({ min: 1, max: 6 }), fc.boolean(), async (rows, newline, shardRows, trailing) => {
        const body = ['id,text,x', ...rows].join(newline) + (trailing ? newline : '');
        const path = await file('p.csv', body);
        expect(await sharded(await planShards(path, { shardRows }))).toEqual(await whole(path));
      }),
      { numRuns: 60 },
    );
    const jsonLine = fc.oneof(fc.json(), fc.constantFrom('', '  ', '{bad', '"\u00e9"'));
    await fc.assert(
      fc.asyncProperty(fc.array(jsonLine, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'), fc.integer({ min: 1, max: 6 }), async (lines, newline, shardRows) => {
        const path = await file('p.jsonl', lines.join(newline));
        expect(await sharded(await planShards(path, { shardRows }))).toEqual(await whole(path));
      }),
      { numRuns: 60 },
    );
  });

  it('a header-only or empty file has no shards', async () => {
    expect((await planShards(await file('h.csv', 'id,text\n'))).shards).toEqual([]);
    expect((await planShards(await file('e.jsonl', ''))).shards).toEqual([]);
  });

  it('refuses a file changed since it was planned, and a bad shardRows', async () => {
    const path = await file('d.csv', 'id,text\n1,a\n');
    const { shards, rows, ...shape } = await planShards(path);
    await writeFile(path, 'id,text\n1,a\n2,b\n');
    await expect(readShardRows({ ...shape, range: shards[0]! })).rejects.toThrow(/is not the file the coordinator planned \(size 16 bytes/);
    await expect(planShards(path, { shardRows: 0 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: 'planShards: expected options.shardRows to be an integer >= 1, found 0',
    });
    await expect(planShards(path, { shardRows: 0 })).rejects.toBeInstanceOf(FeedbackMinerError);
    await expect(planShards(join(dir!, 'missing.csv'))).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});
