/**
 * Import time of the BUILT package in fresh `node` processes: `dist/index.js` (ESM, `import`) and `dist/index.cjs`
 * (CommonJS, `require`), each several times, reporting the median time of the import itself (measured inside the
 * child around the `import()`/`require()` call) and of the whole process (spawn to exit), beside node with no
 * import and the anchor libraries imported the same way. Also checks that importing prints nothing.
 *
 * Target (issue 2): well under 300 ms cold, silent. Needs a build: run `npx tsup` first (dist/ is git-ignored).
 * Run: npx tsx benchmarks/import-time.ts [--quick] [--dist=<folder with index.js and index.cjs>]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const quick = process.argv.includes('--quick');
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const distArg = process.argv.find((a) => a.startsWith('--dist='));
const dist = distArg === undefined ? join(root, 'dist') : resolve(distArg.slice('--dist='.length));
const esm = join(dist, 'index.js');
const cjs = join(dist, 'index.cjs');

if (!existsSync(esm) || !existsSync(cjs)) {
  console.log(`SKIP import-time benchmark: ${esm} or ${cjs} not found; run \`npx tsup\` first to build the package.`);
  process.exit(0);
}

const MARK = '@@import-ms@@';
const runs = quick ? 3 : 9;

interface Case {
  readonly name: string;
  /** Source of the child program; it must print MARK followed by the import time in ms, and nothing else. */
  readonly source: string;
  readonly module: boolean;
}

const esmCase = (name: string, specifier: string): Case => ({
  name,
  module: true,
  source: `const t0 = performance.now(); await import(${JSON.stringify(specifier)}); const ms = performance.now() - t0; process.stdout.write(${JSON.stringify(MARK)} + ms);`,
});
const cjsCase = (name: string, specifier: string): Case => ({
  name,
  module: false,
  source: `const t0 = performance.now(); require(${JSON.stringify(specifier)}); const ms = performance.now() - t0; process.stdout.write(${JSON.stringify(MARK)} + ms);`,
});

// One-line modules: what any package pays just for being loaded through node's ESM or CommonJS loader.
const tiny = mkdtempSync(join(tmpdir(), 'fm-import-time-'));
writeFileSync(join(tiny, 'tiny.mjs'), 'export const x = 1;\n');
writeFileSync(join(tiny, 'tiny.cjs'), 'exports.x = 1;\n');
process.on('exit', () => rmSync(tiny, { recursive: true, force: true }));

const cases: Case[] = [
  { name: 'node, nothing imported (baseline)', module: true, source: `process.stdout.write(${JSON.stringify(MARK)} + 0);` },
  esmCase('baseline: a one-line ESM module (import)', pathToFileURL(join(tiny, 'tiny.mjs')).href),
  cjsCase('baseline: a one-line CommonJS module (require)', join(tiny, 'tiny.cjs')),
  esmCase('feedback-miner dist/index.js (import)', pathToFileURL(esm).href),
  cjsCase('feedback-miner dist/index.cjs (require)', cjs),
  cjsCase('anchor: natural (top-level require)', 'natural'),
  cjsCase('anchor: wink-nlp + wink-eng-lite-web-model', 'wink-eng-lite-web-model'),
  cjsCase('anchor: compromise', 'compromise'),
];

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const results = cases.map((c) => {
  const importMs: number[] = [];
  const processMs: number[] = [];
  const printed: string[] = [];
  for (let i = 0; i < runs; i++) {
    const args = c.module ? ['--input-type=module', '-e', c.source] : ['-e', c.source];
    const started = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    processMs.push(performance.now() - started);
    const stdout = child.stdout ?? '';
    const at = stdout.lastIndexOf(MARK);
    if (child.status !== 0 || at < 0) throw new Error(`${c.name}: child failed (${child.status}): ${child.stderr}`);
    importMs.push(Number(stdout.slice(at + MARK.length)));
    const extra = (stdout.slice(0, at) + (child.stderr ?? '')).trim();
    if (extra !== '') printed.push(extra);
  }
  return {
    name: c.name,
    importMsMedian: median(importMs),
    processMsMedian: median(processMs),
    silent: printed.length === 0,
    printed: printed[0]?.slice(0, 200) ?? '',
  };
});

console.log(`\nImport time in fresh node ${process.version} processes, median of ${runs} runs${quick ? ' (--quick)' : ''}\n`);
console.log('| what | import (ms) | whole process (ms) | silent |');
console.log('|---|---:|---:|---|');
for (const r of results) {
  console.log(`| ${r.name} | ${r.importMsMedian.toFixed(1)} | ${r.processMsMedian.toFixed(1)} | ${r.silent ? 'yes' : `NO: ${JSON.stringify(r.printed.slice(0, 60))}`} |`);
}
const ours = results.filter((r) => r.name.startsWith('feedback-miner'));
const worst = Math.max(...ours.map((r) => r.importMsMedian));
const allSilent = ours.every((r) => r.silent);
console.log('');
console.log(`Target import well under 300 ms cold: worst ${worst.toFixed(1)} ms -> ${worst < 300 ? 'met' : 'MISSED'}`);
console.log(`Target silent import: ${allSilent ? 'met' : 'MISSED'}`);

const out = join(here, 'results', 'import-time.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ benchmark: 'import-time', quick, node: process.version, dist, runs, results, targets: { importMs: { value: worst, target: 300, met: worst < 300 }, silent: { met: allSilent } } }, null, 2)}\n`,
);
console.log(`\nwrote ${out}`);
