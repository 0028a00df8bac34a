/**
 * Node-side reliability (issue #9): the CSV/JSONL readers on hostile files (BOM, CRLF, CR-only, quoted fields with
 * embedded newlines, NUL bytes, lone surrogates, a header-only file, a malformed line between good ones), and a
 * catalogue entry for every export of src/node/index.ts, checked for completeness like the core catalogue.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as node from '../../src/node/index';
import { FeedbackMinerError } from '../../src/errors';
import { validateFeedback, validateSales } from '../../src/records';
import type { RawRow, UnreadableRow } from '../../src/node/read';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fm-reliability-'));
});
afterEach(() => vi.restoreAllMocks());

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function collect(path: string): Promise<(RawRow | UnreadableRow)[]> {
  const items: (RawRow | UnreadableRow)[] = [];
  for await (const item of node.readRows(path)) items.push(item);
  return items;
}

const silent = { tick() {}, done() {} };
const HEADER = 'id,text,date';

/** Each case: file name, content, and the rows (values) and unreadable lines expected, worked by hand. */
const FILES: { name: string; content: string; rows: Record<string, string>[]; unreadable?: number[] }[] = [
  { name: 'bom.csv', content: `\ufeff${HEADER}\n1,late,2026-01-05\n`, rows: [{ id: '1', text: 'late', date: '2026-01-05' }] },
  { name: 'crlf.csv', content: `${HEADER}\r\n1,late,2026-01-05\r\n2,rude,2026-01-06\r\n`, rows: [{ id: '1', text: 'late', date: '2026-01-05' }, { id: '2', text: 'rude', date: '2026-01-06' }] },
  { name: 'cr-only.csv', content: `${HEADER}\r1,late,2026-01-05\r2,rude,2026-01-06\r`, rows: [{ id: '1', text: 'late', date: '2026-01-05' }, { id: '2', text: 'rude', date: '2026-01-06' }] },
  { name: 'quoted-newlines.csv', content: `${HEADER}\n1,"late,\nvery ""late""\r\nagain",2026-01-05\n2,ok,2026-01-06\n`, rows: [{ id: '1', text: 'late,\nvery "late"\r\nagain', date: '2026-01-05' }, { id: '2', text: 'ok', date: '2026-01-06' }] },
  { name: 'header-only.csv', content: `${HEADER}\n`, rows: [] },
  { name: 'header-only-no-newline.csv', content: HEADER, rows: [] },
  { name: 'empty.csv', content: '', rows: [] },
  { name: 'nul-surrogate.csv', content: `${HEADER}\n1,late\u0000again \ud83d,2026-01-05\n`, rows: [{ id: '1', text: 'late\u0000again \ufffd', date: '2026-01-05' }] },
  { name: 'malformed-middle.csv', content: `${HEADER}\n1,late,2026-01-05\n2,too,many,fields,here\n3,rude,2026-01-07\n`, rows: [{ id: '1', text: 'late', date: '2026-01-05' }, { id: '3', text: 'rude', date: '2026-01-07' }], unreadable: [3] },
  { name: 'unclosed-quote-crlf.csv', content: [HEADER, '1,late,2026-01-05', '2,"open,2026-01-06', '3,a,2026-01-07', '4,b,2026-01-08', '5,c,2026-01-09', '6,d,2026-01-10', '7,e,2026-01-11'].join('\r\n') + '\r\n', rows: [{ id: '1', text: 'late', date: '2026-01-05' }, ...['3', '4', '5', '6', '7'].map((id, i) => ({ id, text: 'abcde'[i]!, date: `2026-01-${String(7 + i).padStart(2, '0')}` }))], unreadable: [3] },
  { name: 'crlf-multiline-lines.csv', content: `${HEADER}\r\n1,"multi\r\nline",2026-01-05\r\n2,bad\r\n3,ok,2026-01-07\r\n`, rows: [{ id: '1', text: 'multi\r\nline', date: '2026-01-05' }, { id: '3', text: 'ok', date: '2026-01-07' }], unreadable: [4] },
  { name: 'bom.jsonl', content: `\ufeff{"id":"1","text":"late","date":"2026-01-05"}\n`, rows: [{ id: '1', text: 'late', date: '2026-01-05' }] },
  { name: 'crlf.jsonl', content: `{"id":"1","text":"a"}\r\n{"id":"2","text":"b"}\r\n`, rows: [{ id: '1', text: 'a' }, { id: '2', text: 'b' }] },
  { name: 'malformed.jsonl', content: `{"id":"1"}\n{"id":\n{"id":"3"}\n\n`, rows: [{ id: '1' }, { id: '3' }], unreadable: [2] },
];

describe('readRows on hostile files', () => {
  for (const f of FILES) {
    it(`readRows(${f.name}) keeps every good row${f.unreadable ? ` and reports line ${f.unreadable.join(', ')}` : ''}`, async () => {
      const items = await collect(await file(f.name, f.content));
      const rows = items.filter((i): i is RawRow => !node.isUnreadable(i)).map((i) => i.value);
      expect(rows).toEqual(f.rows);
      const bad = items.filter(node.isUnreadable);
      expect(bad.map((b) => b.line)).toEqual(f.unreadable ?? []);
      for (const b of bad) expect(b.reason.length).toBeGreaterThan(0);
    });
  }

  it('readRows on a 3 MB CSV line (one 3 MB quoted field) keeps it whole', async () => {
    const text = 'late delivery, again! '.repeat(150_000);
    const items = await collect(await file('big-field.csv', `${HEADER}\n1,"${text}",2026-01-05\n`));
    expect(items).toHaveLength(1);
    expect((items[0] as RawRow).value).toEqual({ id: '1', text, date: '2026-01-05' });
  });
});

describe('loadFile never loses the good rows of a malformed file', () => {
  it('loadFile(feedback with a stray quote, a bad date, an empty text, a duplicate id, CRLF) keeps the 4 good rows', async () => {
    const path = await file(
      'mixed.csv',
      [HEADER, '1,late,2026-01-05', '2,"bad"quote,2026-01-06', '3,rude,2026-02-30', '4,,2026-01-07', '5,ok,2026-01-08', '5,dup,2026-01-09', '6,fine,2026-01-10'].join('\r\n'),
    );
    const result = await node.loadFile(path, validateFeedback as never, {}, silent, 'feedback');
    expect(result.records.map((r: any) => r.id)).toEqual(['1', '2', '5', '6']);
    // Every other row is reported with its line (1-based, the header is line 1) and a reason: nothing vanishes.
    expect(result.rejected.map((r) => [r.line, r.field])).toEqual([[4, 'date'], [5, 'text'], [7, 'id']]);
    expect(result.records.length + result.rejected.length).toBe(result.rows);
  });

  it('loadFile(sales with NaN, Infinity, "12abc" and a BOM header) reports each bad row with its line', async () => {
    const path = await file('sales.csv', `\ufeffdate,units\n2026-01-05,10\n2026-01-12,NaN\n2026-01-19,Infinity\n2026-01-26,12abc\n2026-02-02,7\n`);
    const result = await node.loadFile(path, validateSales as never, {}, silent, 'sales');
    expect(result.records.map((r: any) => r.units)).toEqual([10, 7]);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
  });
});

type NodeApi = typeof node;
const NODE_CATALOGUE: { readonly [K in keyof NodeApi]: readonly { input: string; call: () => unknown; code?: string; check?: (v: any) => void }[] } = {
  readRows: [
    { input: 'a missing file', call: () => collect(join(dir, 'nope.csv')), code: 'IO_ERROR' },
    { input: 'a directory', call: () => collect(dir), code: 'IO_ERROR' },
  ],
  formatOf: [
    { input: 'report.xlsx', call: () => node.formatOf('report.xlsx'), code: 'USAGE' },
    { input: 'DATA.CSV', call: () => node.formatOf('DATA.CSV'), check: (v) => expect(v).toBe('csv') },
  ],
  isUnreadable: [{ input: 'a row', call: () => node.isUnreadable({ line: 1, value: {} }), check: (v) => expect(v).toBe(false) }],
  loadFile: [{ input: 'a missing file', call: () => node.loadFile(join(dir, 'nope.csv'), validateFeedback as never, {}, silent, 'x'), code: 'IO_ERROR' }],
  loadInput: [{ input: 'a missing sales file', call: async () => node.loadInput({ feedback: await file('f.csv', `${HEADER}\n1,late,2026-01-05\n`), sales: join(dir, 'nope.csv') }, {}, silent), code: 'IO_ERROR' }],
  runCli: [
    {
      input: 'analyze --out under a regular file',
      call: async () => {
        vi.spyOn(console, 'error').mockImplementation(() => {});
        vi.spyOn(console, 'log').mockImplementation(() => {});
        const blocker = await file('blocker', 'x');
        return node.runCli(['analyze', '--feedback', await file('f2.csv', `${HEADER}\n1,late,2026-01-05\n`), '--sales', await file('s2.csv', 'date,units\n2026-01-05,1\n'), '--out', join(blocker, 'report'), '--quiet']);
      },
      check: (code) => expect(code).toBe(1),
    },
  ],
  createPool: [{ input: 'size: 0', call: () => node.createPool({ size: 0 }), code: 'INVALID_OPTION' }],
  runTask: [
    { input: 'an unknown task', call: () => (node.runTask as any)('frobnicate', []), code: 'INVALID_OPTION' },
    { input: 'inputs: a string', call: () => (node.runTask as any)('feedback', 'late'), code: 'INVALID_ARGUMENT' },
  ],
  PoolTaskError: [{ input: 'is a FeedbackMinerError', call: () => node.PoolTaskError.prototype instanceof FeedbackMinerError, check: (v) => expect(v).toBe(true) }],
  defaultPoolSize: [{ input: 'no arguments', call: () => node.defaultPoolSize(), check: (v) => expect(Number.isInteger(v) && v >= 1).toBe(true) }],
  MAX_CSV_RECORD_BYTES: [{ input: 'the constant', call: () => node.MAX_CSV_RECORD_BYTES, check: (v) => expect(v).toBe(32 * 1024 * 1024) }],
  readShards: [
    { input: 'a missing file', call: async () => { for await (const s of node.readShards(join(dir, 'nope.csv'))) void s; }, code: 'IO_ERROR' },
    { input: 'shardRows: 0', call: async () => { for await (const s of node.readShards(await file('rs.csv', `${HEADER}\n1,late,2026-01-05\n`), { shardRows: 0 })) void s; }, code: 'INVALID_OPTION' },
    {
      input: 'a CRLF file with a bad date and a repeated id across shards of 1 row',
      call: async () => {
        const shards = [];
        for await (const s of node.readShards(await file('rs2.csv', [HEADER, '1,late,2026-01-05', '2,rude,2026-02-30', '1,again,2026-01-06', '3,ok,2026-01-07'].join('\r\n')), { shardRows: 1 })) shards.push(s);
        return shards;
      },
      check: (shards) => {
        expect(shards.map((s: any) => s.records.map((r: any) => r.id))).toEqual([['1'], [], [], ['3']]);
        expect(shards.flatMap((s: any) => s.rejected.map((r: any) => [r.line, r.field]))).toEqual([[3, 'date'], [4, 'id']]);
      },
    },
  ],
  toShard: [
    { input: 'rows: a string', call: () => (node.toShard as any)('rows', 0, 0, 'f.csv'), code: 'INVALID_ARGUMENT' },
    {
      input: 'a readable row and an unreadable one',
      call: () => node.toShard([{ line: 2, value: { id: 'a', text: 'late', date: '2026-01-05' } }, { line: 3, reason: 'invalid JSON' }], 0, 0, 'f.jsonl'),
      check: (v) => expect([v.records.length, v.rejected.map((r: any) => r.line)]).toEqual([1, [3]]),
    },
  ],
  IdHashSet: [{ input: 'is a class', call: () => typeof node.IdHashSet, check: (v) => expect(v).toBe('function') }],
  writeFileAtomic: [{ input: 'a path under a regular file', call: async () => node.writeFileAtomic(join(await file('wfa', 'x'), 'out.txt'), 'data'), code: 'IO_ERROR' }],
  ensureWritableDir: [
    { input: 'dir: empty string', call: () => node.ensureWritableDir(''), code: 'INVALID_ARGUMENT' },
    { input: 'a folder under a regular file', call: async () => node.ensureWritableDir(join(await file('ewd', 'x'), 'report')), code: 'IO_ERROR' },
  ],
  analyzeShardsParallel: [{ input: 'input: null', call: () => (node.analyzeShardsParallel as any)(null, [], {}, { threads: 2 }), code: 'INVALID_ARGUMENT' }],
  analyzeFileParallel: [{ input: 'a missing file', call: () => node.analyzeFileParallel({ sales: [] }, join(dir, 'nope.csv'), {}, { threads: 2 }), code: 'IO_ERROR' }],
  ShardError: [{ input: 'is a FeedbackMinerError', call: () => node.ShardError.prototype instanceof FeedbackMinerError, check: (v) => expect(v).toBe(true) }],
};

describe('catalogue of src/node/index.ts', () => {
  it('has an entry for every export', () => {
    expect(Object.keys(node).filter((k) => !(k in NODE_CATALOGUE))).toEqual([]);
  });
  for (const [name, cases] of Object.entries(NODE_CATALOGUE)) {
    for (const c of cases) {
      it(`${name}(${c.input}) -> ${c.code === undefined ? 'result' : `FeedbackMinerError ${c.code}`}`, async () => {
        if (c.code !== undefined) {
          const error = await (async () => c.call())().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(FeedbackMinerError);
          expect((error as FeedbackMinerError).code).toBe(c.code);
          expect((error as Error).message).not.toMatch(/\n/);
        } else {
          c.check?.(await c.call());
        }
      });
    }
  }
});
