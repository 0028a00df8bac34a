/**
 * Compares two benchmark result files and fails on a regression.
 *
 * Run: npx tsx benchmarks/compare.ts OLD.json NEW.json [--tolerance 0.25] [--quality-tolerance 0.02]
 *   (or npm run bench:compare -- OLD.json NEW.json)
 *
 * OLD and NEW are `benchmarks/results/all.json` files written by run.ts (or two results of one benchmark).
 * Absolute times are printed for information only: machines are noisy, so only machine-independent figures
 * decide:
 *  - ratios (keys containing `ratio`, `speedup` or `Vs`, e.g. this library's throughput over an anchor library's
 *    measured in the same run, or the pool over the single thread), all oriented higher-is-better. A ratio that
 *    falls by more than the tolerance (default 25%: NEW < OLD * 0.75) is a regression;
 *  - quality figures (keys `accuracy`, `macroF1`, `f1`, `nmi`, `ari`, `nabScore`, `standard`), higher-is-better,
 *    in absolute units: a drop of more than 0.02 (or 2% of a score above 1, such as NAB's 0-100) is a regression;
 *  - equality checks (boolean keys `identical`): true in OLD and false in NEW (a parallel path that no longer
 *    gives the single-threaded results) is a regression.
 * Ratios that describe the machine rather than the code (`staticSplit...`: what the load of others left for
 * parallel work in that run) are printed for information only.
 * Figures under a `targets` key are constants and are skipped. Exits 1 on any regression, 2 on bad usage.
 */
import { readFileSync } from 'node:fs';

type Leaf = { path: string; value: number };

function leaves(value: unknown, path: string, out: Leaf[]): Leaf[] {
  if (typeof value === 'number' && Number.isFinite(value)) out.push({ path, value });
  // Equality checks as 1 (true) / 0 (false), kind 'check'.
  else if (typeof value === 'boolean' && /(^|\.)identical$/.test(path)) out.push({ path, value: value ? 1 : 0 });
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${identity(v, i)}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) if (!/^targets?$/i.test(key)) leaves(v, path === '' ? key : `${path}.${key}`, out);
  }
  return out;
}

/** Array elements keyed by their name when they have one, so reordering does not misalign figures. */
function identity(value: unknown, index: number): string {
  if (value !== null && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['name', 'id', 'file', 'library', 'case', 'size']) if (typeof v[key] === 'string' || typeof v[key] === 'number') return `${key}=${String(v[key])}`;
  }
  return String(index);
}

const RATIO = /(ratio|speedup|Vs[A-Z])/i;
const MACHINE = /^staticSplit/;
const QUALITY = /^(accuracy|macroF1|f1|nmi|ari|nabScore|standard)$/i;
const TIME = /(ms|seconds|Ms|Seconds|PerSecond|rss|Mb|MB)$/;

function kind(path: string): 'ratio' | 'quality' | 'check' | 'machine' | 'time' | undefined {
  const key = path.split('.').pop()?.replace(/\[.*\]$/, '') ?? '';
  if (key === 'identical') return 'check';
  if (MACHINE.test(key)) return 'machine';
  if (RATIO.test(key)) return 'ratio';
  if (QUALITY.test(key)) return 'quality';
  if (TIME.test(key)) return 'time';
  return undefined;
}

function main(argv: readonly string[]): number {
  const files = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const option = (name: string, fallback: number): number => {
    const at = argv.indexOf(name);
    const value = at >= 0 ? Number(argv[at + 1]) : fallback;
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  if (files.length !== 2) {
    console.error('usage: tsx benchmarks/compare.ts OLD.json NEW.json [--tolerance 0.25] [--quality-tolerance 0.02]');
    return 2;
  }
  const tolerance = option('--tolerance', 0.25);
  const qualityTolerance = option('--quality-tolerance', 0.02);
  const [oldFile, newFile] = files as [string, string];
  let oldJson: unknown;
  let newJson: unknown;
  try {
    oldJson = JSON.parse(readFileSync(oldFile, 'utf8'));
    newJson = JSON.parse(readFileSync(newFile, 'utf8'));
  } catch (error) {
    console.error(`compare: cannot read the two files: ${(error as Error).message}`);
    return 2;
  }
  const figures = (json: unknown): Map<string, number> => {
    const root = (json as { figures?: unknown }).figures ?? json;
    return new Map(leaves(root, '', []).map((l) => [l.path, l.value]));
  };
  const before = figures(oldJson);
  const after = figures(newJson);
  const rows: string[] = [];
  let regressions = 0;
  let compared = 0;
  for (const [path, oldValue] of before) {
    const k = kind(path);
    const newValue = after.get(path);
    if (k === undefined || newValue === undefined) continue;
    const ratio = oldValue === 0 ? (newValue === 0 ? 1 : Infinity) : newValue / oldValue;
    let verdict = 'info';
    if (k === 'ratio') {
      compared++;
      if (newValue < oldValue * (1 - tolerance)) verdict = 'REGRESSION';
      else verdict = newValue > oldValue * (1 + tolerance) ? 'better' : 'ok';
    } else if (k === 'check') {
      compared++;
      verdict = oldValue === 1 && newValue !== 1 ? 'REGRESSION' : 'ok';
    } else if (k === 'quality') {
      compared++;
      const allowed = oldValue > 1 ? 0.02 * oldValue : qualityTolerance;
      if (newValue < oldValue - allowed) verdict = 'REGRESSION';
      else verdict = newValue > oldValue + allowed ? 'better' : 'ok';
    }
    if (verdict === 'REGRESSION') regressions++;
    rows.push(`| ${path} | ${k} | ${fmt(oldValue)} | ${fmt(newValue)} | ${Number.isFinite(ratio) ? ratio.toFixed(3) : 'inf'} | ${verdict} |`);
  }
  console.log(`# Benchmark comparison\n\n${oldFile} -> ${newFile}`);
  console.log(`Deciding: ratios (may fall at most ${(tolerance * 100).toFixed(0)}%) and quality figures (may fall at most ${qualityTolerance}, or 2% of scores above 1). Times are information only.\n`);
  console.log('| figure | kind | old | new | new/old | verdict |\n|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  const missing = [...before.keys()].filter((p) => kind(p) !== undefined && kind(p) !== 'time' && kind(p) !== 'machine' && !after.has(p));
  if (missing.length > 0) console.log(`\n${missing.length} deciding figures of OLD are absent from NEW (not counted): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  console.log(`\n${compared} deciding figures compared, ${regressions} regression(s).`);
  return regressions > 0 ? 1 : 0;
}

function fmt(value: number): string {
  return Math.abs(value) >= 1000 || Math.abs(value) < 0.001 ? value.toPrecision(4) : value.toFixed(3);
}

process.exitCode = main(process.argv.slice(2));
