import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/node/load';
import { validateFeedback } from '../../src/records';

const quiet = { tick() {}, done() {} };

describe('loadFile(path, validateFeedback)', () => {
  it('catches a duplicate id across validation batches and gives both lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fm-load-'));
    const path = join(dir, 'f.csv');
    const rows = ['id,text,date'];
    for (let i = 1; i <= 6000; i += 1) rows.push(`${i},text number ${i},2026-01-01`);
    rows.push('17,a late duplicate,2026-01-02');
    await writeFile(path, rows.join('\n'));
    const result = await loadFile(path, validateFeedback, {}, quiet, 'feedback');
    expect(result.rows).toBe(6001);
    expect(result.records).toHaveLength(6000);
    expect(result.rejected).toEqual([{ file: path, line: 6002, field: 'id', reason: 'duplicate id "17" (first at line 18)' }]);
  });

  it('without an id column, generated ids stay unique across batches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fm-load-'));
    const path = join(dir, 'f.csv');
    const rows = ['text,date'];
    for (let i = 1; i <= 5100; i += 1) rows.push(`text ${i},2026-01-01`);
    await writeFile(path, rows.join('\n'));
    const result = await loadFile(path, validateFeedback, {}, quiet, 'feedback');
    expect(result.rejected).toEqual([]);
    expect(new Set(result.records.map((r) => r.id)).size).toBe(5100);
  });
});
