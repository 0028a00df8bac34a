// Static checks of the examples (running them is scripts/run-examples.sh's job, under tsx and Deno): they use the
// package as a user would, say how to run themselves, resolve the same files under Node and Deno, and the review
// data they ship has the broken rows the score-reviews example promises to report.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFeedback } from '../src/records';
import { isUnreadable, readRows } from '../src/node/read';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .sort();
const source = (file: string): string => readFileSync(join(root, 'examples', file), 'utf8');
const importsOf = (text: string): string[] => [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gms)].map((m) => m[1] as string);

describe('examples/', () => {
  it('has one script per use case of issue 7', () => {
    for (const name of ['score-reviews', 'find-themes', 'detect-sales-anomalies', 'explain-sales-drop', 'evaluate-forecasts', 'full-loop']) {
      expect(examples).toContain(`${name}.ts`);
    }
  });

  it.each(examples)('%s imports only the package and node: built-ins', (file) => {
    const imports = importsOf(source(file));
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) {
      expect(['feedback-miner', 'feedback-miner/node'].includes(specifier) || specifier.startsWith('node:'), specifier).toBe(true);
    }
  });

  it.each(examples)('%s says how to run it under tsx and under Deno', (file) => {
    const text = source(file);
    expect(text).toContain(`npx tsx examples/${file}`);
    expect(text).toMatch(new RegExp(`npx deno run [^\\n]*examples/${file.replace('.', '\\.')}`));
  });

  it.each(examples)('%s reads no clock and draws no unseeded randomness', (file) => {
    const text = source(file);
    expect(text).not.toMatch(/Math\.random|Date\.now|new Date\(\)|performance\.now/);
  });
});

describe('deno.json', () => {
  const deno = JSON.parse(readFileSync(join(root, 'deno.json'), 'utf8')) as { imports: Record<string, string>; nodeModulesDir?: string; lock?: boolean };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };

  it('maps feedback-miner and feedback-miner/node to the files package.json exports to Node', () => {
    expect(deno.imports['feedback-miner']).toBe(pkg.exports['.']?.import.default);
    expect(deno.imports['feedback-miner/node']).toBe(pkg.exports['./node']?.import.default);
  });

  it('resolves npm dependencies from node_modules, never from the network, and writes no lock file', () => {
    expect(deno.nodeModulesDir).toBe('manual');
    expect(deno.lock).toBe(false);
  });
});

describe('examples/data/reviews.csv', () => {
  it('validateFeedback(rows, fields) keeps 29 reviews and rejects the three broken rows with line and reason', async () => {
    const rows: unknown[] = [];
    const lines: number[] = [];
    for await (const item of readRows(join(root, 'examples', 'data', 'reviews.csv'))) {
      expect(isUnreadable(item)).toBe(false);
      if (!isUnreadable(item)) {
        rows.push(item.value);
        lines.push(item.line);
      }
    }
    // Written by hand: 32 made-up reviews, r14 dated 30 February, r20 rated "five", r30 without a text.
    expect(rows.length).toBe(32);
    const result = validateFeedback(rows, { fields: { id: 'review_id', date: 'posted_on', rating: 'stars', text: 'review' } });
    expect(result.records.length).toBe(29);
    expect(result.rejected.map((r) => [lines[r.row], r.field, r.reason])).toEqual([
      [15, 'posted_on', 'date: day 30 does not exist in 2026-02'],
      [21, 'stars', 'rating: expected a number, found "five"'],
      [31, 'review', 'empty text'],
    ]);
  });
});
