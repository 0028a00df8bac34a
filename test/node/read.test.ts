import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseSync } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { planShards, readShardRows } from '../../src/node/distributed/plan';
import { formatOf, readCsvItems, readRows } from '../../src/node/read';

async function file(name: string, body: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fm-read-'));
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}

async function collect(path: string) {
  const rows: { line: number; value?: unknown; reason?: string }[] = [];
  for await (const item of readRows(path)) rows.push(item);
  return rows.sort((a, b) => a.line - b.line);
}

describe('readRows(path)', () => {
  it('reads CSV with quoted commas, doubled quotes and embedded newlines, giving line numbers', async () => {
    const path = await file('a.csv', 'id,text\n1,"a, ""b"""\n2,"two\nlines"\n3,plain\n');
    const rows = await collect(path);
    expect(rows).toEqual([
      { line: 2, value: { id: '1', text: 'a, "b"' } },
      { line: 4, value: { id: '2', text: 'two\nlines' } },
      { line: 5, value: { id: '3', text: 'plain' } },
    ]);
  });

  it('strips a BOM and trims header names; CRLF and CR-only line endings read the same', async () => {
    for (const eol of ['\r\n', '\r']) {
      const path = await file('b.csv', `\uFEFF id , text ${eol}1,x${eol}2,y${eol}`);
      const rows = await collect(path);
      expect(rows.map((r) => r.value)).toEqual([
        { id: '1', text: 'x' },
        { id: '2', text: 'y' },
      ]);
    }
  });

  it('reports a row with too many fields and keeps the good rows after it', async () => {
    const path = await file('c.csv', 'id,text\n1,ok\n2,bad,extra\n3,"broken "quote\n4,fine\n');
    const rows = await collect(path);
    const bad = rows.filter((r): r is { line: number; reason: string } => r.reason !== undefined);
    expect(bad).toHaveLength(1);
    expect(bad[0]!.line).toBe(3);
    expect(bad[0]!.reason).toMatch(/Record Length/);
    expect(rows.filter((r) => r.reason === undefined).map((r) => (r.value as { id: string }).id)).toEqual(['1', '3', '4']);
  });

  it('a header-only file gives no rows', async () => {
    expect(await collect(await file('d.csv', 'id,text\n'))).toEqual([]);
  });

  it('reads JSONL, reporting invalid JSON lines with their line number', async () => {
    const path = await file('e.jsonl', '{"id":1}\n\nnot json\n{"id":2}\r\n');
    const rows = await collect(path);
    expect(rows[0]).toEqual({ line: 1, value: { id: 1 } });
    expect(rows[1]!.line).toBe(3);
    expect(rows[1]!.reason).toMatch(/^invalid JSON/);
    expect(rows[2]).toEqual({ line: 4, value: { id: 2 } });
  });

  it('throws IO_ERROR for a missing file', async () => {
    const it = readRows('/nonexistent/feedback.csv');
    await expect(it.next()).rejects.toMatchObject({ code: 'IO_ERROR' });
    await expect(readRows('/nonexistent/x.csv').next()).rejects.toBeInstanceOf(FeedbackMinerError);
  });
});

describe('readRows(path) on plain CSV (read without csv-parse)', () => {
  // Reference: csv-parse's synchronous parser, with the options the streaming reader gives csv-parse.
  const reference = (body: string) =>
    parseSync(body, { columns: (names: string[]) => names.map((n) => n.trim()), bom: true, relax_quotes: true, skip_empty_lines: true }) as Record<string, string>[];
  const field = fc.oneof(
    fc.stringMatching(/^[a-z0-9 é✓-]{0,12}$/),
    fc.stringMatching(/^[a-z ,"\n\r\t]{0,12}$/).map((t) => `"${t.replaceAll('"', '""')}"`),
  );

  it('property: rows equal csv-parse/sync on random plain files (quoted commas, quotes and line breaks, LF or CRLF, BOM, blank lines, 64 KiB chunks crossed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field, fc.boolean()), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 0, max: 3000 }),
        async (rows, eol, bom, padding) => {
          const lines = rows.map(([a, b, blank]) => `${a},${b}${blank ? eol : ''}`);
          // A long first row makes later rows cross the reader's chunk boundaries.
          const body = `${bom ? '\uFEFF' : ''} id , text ${eol}long,${'x'.repeat(padding * 40)}${eol}${lines.join(eol)}${eol}`;
          const path = await file('p.csv', body);
          const values = (await collect(path)).map((r) => r.value);
          expect(values).toEqual(reference(body));
        },
      ),
      { numRuns: 60, seed: 5 },
    );
  });

  it('a plain prefix, then a stray quote: the rows after it are csv-parse\'s (read again from the start)', async () => {
    const body = 'id,text\n1,ok\n2,"fine, quoted"\n3,bro"ken\n4,after\n';
    const rows = await collect(await file('q.csv', body));
    expect(rows).toEqual([
      { line: 2, value: { id: '1', text: 'ok' } },
      { line: 3, value: { id: '2', text: 'fine, quoted' } },
      { line: 4, value: { id: '3', text: 'bro"ken' } },
      { line: 5, value: { id: '4', text: 'after' } },
    ]);
  });
});

describe('formatOf(path)', () => {
  it('infers csv and jsonl from the extension and refuses others', () => {
    expect(formatOf('a.CSV')).toBe('csv');
    expect(formatOf('a.ndjson')).toBe('jsonl');
    expect(() => formatOf('a.xlsx')).toThrow(/cannot tell the format of a\.xlsx/);
  });
});

describe('readRows(path) recovery (issue #9)', () => {
  it('an unclosed quote is reported at its first line and every later good row is kept (CRLF, 8 lines)', async () => {
    const body = ['id,text', '1,a', '2,"open', '3,c', '4,d', '5,e', '6,f', '7,g'].join('\r\n') + '\r\n';
    const rows = await collect(await file('u.csv', body));
    expect(rows.filter((r) => r.reason !== undefined).map((r) => [r.line, r.reason])).toEqual([[3, expect.stringMatching(/^unclosed quote/)]]);
    expect(rows.filter((r) => r.reason === undefined).map((r) => [r.line, (r.value as { id: string }).id])).toEqual([
      [2, '1'], [4, '3'], [5, '4'], [6, '5'], [7, '6'], [8, '7'],
    ]);
  });

  it('a blank line before the unclosed row and a legal multi-line quoted field before it', async () => {
    const body = 'id,text\n1,"ok\nstill"\n\n2,"open\n3,c\n\n4,d';
    const rows = await collect(await file('u2.csv', body));
    // Lines 2-3 are one legal quoted field; line 5 opens a quote the file never closes: reported at line 5, and
    // reading resumes at line 6.
    expect(rows).toEqual([
      { line: 3, value: { id: '1', text: 'ok\nstill' } },
      { line: 5, reason: expect.stringMatching(/^unclosed quote/) },
      { line: 6, value: { id: '3', text: 'c' } },
      { line: 8, value: { id: '4', text: 'd' } },
    ]);
  });

  it('shards read the same rows as readRows across an unclosed quote and CRLF multi-line fields', async () => {
    const body = ['id,text', '1,"a\r\nb"', '2,x,extra', '3,"open', '4,c', '', '5,d', '6,f'].join('\r\n');
    const path = await file('s.csv', body);
    const whole = await collect(path);
    expect(whole.map((r) => [r.line, r.reason === undefined])).toEqual([[3, true], [4, false], [5, false], [6, true], [8, true], [9, true]]);
    for (const shardRows of [1, 2, 3, 4]) {
      const { shards, rows, ...shape } = await planShards(path, { shardRows });
      const out = [];
      for (const range of shards) out.push(...(await readShardRows({ ...shape, range })));
      expect(rows).toBe(whole.length);
      expect(out).toEqual(whole);
    }
  });

  it('a record longer than the cap is reported as an unclosed quote even when its quote closes later (readCsvItems)', async () => {
    // Cap 64 bytes: the quoted field of row 20 runs over 100 bytes and closes on line 23.
    const lines = ['id,text', ...Array.from({ length: 18 }, (_, i) => `${i + 1},t${i + 1}`), `19,"${'x'.repeat(100)}`, 'y', '20,z', 'w"', '21,last'];
    const path = await file('cap.csv', lines.join('\n'));
    const items = [];
    for await (const { item } of readCsvItems({ path, delimiter: ',', start: 0, end: Infinity, firstLine: 1, header: null, maxRecordBytes: 64 })) items.push(item);
    // Rows 2-19 kept (csv-parse had read past some of them when it stopped: they are read again, once); line 20 is
    // reported; reading resumes at line 21: 'y' (one field: wrong length), '20,z', 'w"' (wrong length), '21,last'.
    expect(items.map((r) => [r.line, 'reason' in r ? r.reason.slice(0, 14) : (r.value as { id: string }).id])).toEqual([
      ...Array.from({ length: 18 }, (_, i) => [i + 2, String(i + 1)]),
      [20, 'unclosed quote'],
      [21, 'Invalid Record'],
      [22, '20'],
      [23, 'Invalid Record'],
      [24, '21'],
    ]);
  });

  it('a header whose quote never closes is reported and nothing more is read', async () => {
    expect(await collect(await file('h.csv', 'id,"text\n1,a\n'))).toEqual([{ line: 1, reason: expect.stringMatching(/^unclosed quote/) }]);
  });

  it('line numbers after a multi-line quoted field in a CRLF file count the CRLF once', async () => {
    const body = 'id,text\r\n1,"multi\r\nline"\r\n2\r\n3,ok\r\n';
    const rows = await collect(await file('m.csv', body));
    expect(rows.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(rows[1]!.reason).toMatch(/on line 4\b/);
    expect(rows[2]!.value).toEqual({ id: '3', text: 'ok' });
  });
});
