import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedbackMinerError } from '../../src/errors';
import { formatOf, readRows } from '../../src/node/read';

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

describe('formatOf(path)', () => {
  it('infers csv and jsonl from the extension and refuses others', () => {
    expect(formatOf('a.CSV')).toBe('csv');
    expect(formatOf('a.ndjson')).toBe('jsonl');
    expect(() => formatOf('a.xlsx')).toThrow(/cannot tell the format of a\.xlsx/);
  });
});
