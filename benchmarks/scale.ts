/**
 * Scale on one machine (issue 8): seeded synthetic feedback of 5 to 60 words (`generateFeedbackTexts`).
 *
 * Run: npx tsx benchmarks/scale.ts [--quick] [--only=feedback,anomalies,themes,minibatch] [--feedback=1e5,1e6]
 *        [--series=10000] [--themes=1e5] [--minibatch=1e6] [--pool=N]
 *
 * Sections, each timed in wall-clock seconds (this is about throughput on the machine, so wall time is the
 * figure; the machine's load average is recorded beside it):
 *  1. feedback: tokenize + sentiment + aspects of every text (the pool's 'feedback' task), single thread
 *     (`runTask`) vs the worker pool (`createPool().map`), with the results checked equal. Aspects are the default
 *     aspects' plain-word terms: `DEFAULT_ASPECTS.price` has the compromise pattern '#Money', which parses every
 *     text with compromise (about 10+ ms a text, measured separately on a small sample and reported).
 *     Target: 1e6 in <= 20 s with the pool, pool >= 1.7x single thread on 2 cores.
 *  2. anomalies: S-H-ESD (`detectAnomalies`, period 52) over 10,000 seeded weekly series of 156 points, single vs
 *     pool. Target <= 10 s.
 *  3. themes: `clusterTexts` end to end (vectorise, reduce, cluster, label) on 1e5 texts. Target <= 15 s.
 *  4. minibatch: 1e6 texts end to end with mini-batch k-means (Sculley 2010): analyse in chunks, mergeable
 *     document frequencies, vocabulary, BM25 rows, randomized SVD, mini-batch k-means, c-TF-IDF labels.
 *     Target <= 3 min and < 4 GB (peak RSS of this process, from `process.resourceUsage().maxRSS`).
 * Anchor: the single-threaded path of this library itself (no other library has these stages); the ratio
 * `poolSpeedup` is pool throughput over single-thread throughput measured in the same run.
 * Writes benchmarks/results/scale.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentFrequencies, mergeAll } from '../src/aggregates';
import { createPool, defaultPoolSize, runTask } from '../src/node/pool';
import { DEFAULT_ASPECTS } from '../src/sentiment/aspects';
import { generateFeedbackTexts } from '../src/simulate/texts';
import { analyzeTexts } from '../src/themes/analyze';
import { classTfidf, labelFromTerms } from '../src/themes/classTfidf';
import { clusterTexts } from '../src/themes/clusterTexts';
import { miniBatchKMeans } from '../src/themes/miniBatchKMeans';
import { createRandom } from '../src/themes/random';
import { randomizedSvd } from '../src/themes/randomizedSvd';
import { weightRows } from '../src/themes/vectorize';
import { buildVocabulary } from '../src/themes/vocabulary';
import type { Point } from '../src/timeseries/types';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const arg = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const sizes = (name: string, fallback: number[]): number[] => {
  const raw = arg(name);
  return raw === undefined ? fallback : raw.split(',').map((s) => Math.round(Number(s))).filter((n) => Number.isFinite(n) && n > 0);
};
const only = new Set((arg('only') ?? 'feedback,anomalies,themes,minibatch').split(','));
const poolSize = Number(arg('pool') ?? defaultPoolSize());
const feedbackSizes = sizes('feedback', quick ? [4000] : [100_000, 1_000_000]);
const seriesCount = sizes('series', quick ? [400] : [10_000])[0] as number;
const themeSize = sizes('themes', quick ? [5000] : [100_000])[0] as number;
const miniBatchSize = sizes('minibatch', quick ? [20_000] : [1_000_000])[0] as number;

const seconds = (start: number): number => (performance.now() - start) / 1000;
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
const load = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);

/** Texts in chunks (each text from its own seeded stream, so chunks concatenate to the same corpus). */
function texts(n: number, seed: number): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < n; offset += 50_000) {
    for (const t of generateFeedbackTexts(Math.min(50_000, n - offset), { seed, offset, minWords: 5, maxWords: 60 })) out.push(t);
  }
  return out;
}

const plainAspects = Object.fromEntries(
  Object.entries(DEFAULT_ASPECTS).map(([name, terms]) => [name, terms.filter((t) => !/[#()[\]|]/.test(t))]),
);

const results: Record<string, unknown> = {};
const ratios: Record<string, number> = {};
const rows: string[] = [];
const table = (...cells: (string | number)[]): void => {
  rows.push(`| ${cells.join(' | ')} |`);
};

async function feedbackSection(): Promise<void> {
  const pool = createPool({ size: poolSize });
  try {
    // Warm-up: workers load and compile the stages once.
    await pool.map('feedback', texts(2000, 99), { options: { aspects: plainAspects } });
    runTask('feedback', texts(2000, 99), { options: { aspects: plainAspects } });
    const sample = texts(quick ? 20 : 100, 5);
    let start = performance.now();
    runTask('feedback', sample);
    const defaultAspectsMsPerText = (1000 * seconds(start)) / sample.length;
    const perSize: unknown[] = [];
    for (const n of feedbackSizes) {
      const corpus = texts(n, 1);
      // The single thread at 1e6 takes minutes on a loaded machine: measured on a 1e5 prefix and scaled linearly.
      const singleN = Math.min(n, quick ? n : 100_000);
      start = performance.now();
      const single = runTask('feedback', corpus.slice(0, singleN), { options: { aspects: plainAspects } });
      const singleSeconds = seconds(start);
      start = performance.now();
      const parallel = await pool.map('feedback', corpus, { options: { aspects: plainAspects } });
      const poolSeconds = seconds(start);
      const identical = JSON.stringify(parallel.slice(0, singleN)) === JSON.stringify(single);
      const singlePerSecond = singleN / singleSeconds;
      const poolPerSecond = n / poolSeconds;
      const speedup = poolPerSecond / singlePerSecond;
      perSize.push({ n, singleN, singleSeconds, singleRecordsPerSecond: singlePerSecond, poolSeconds, poolRecordsPerSecond: poolPerSecond, poolSpeedup: speedup, identical, load: load() });
      ratios[`feedbackPoolSpeedup_${n}`] = speedup;
      table(`feedback ${n.toLocaleString('en')}`, `${singleSeconds.toFixed(1)} s${singleN < n ? ` (${singleN.toLocaleString('en')})` : ''}`, `${poolSeconds.toFixed(1)} s`, `${speedup.toFixed(2)}x`, identical ? 'yes' : 'NO', n === 1_000_000 ? `<= 20 s, >= 1.7x` : '>= 1.7x');
    }
    results.feedback = { poolSize: pool.size, aspects: 'DEFAULT_ASPECTS without the #Money pattern', defaultAspectsMsPerText, sizes: perSize };
    table(`(default aspects incl. '#Money': ${defaultAspectsMsPerText.toFixed(1)} ms a text, single thread)`, '', '', '', '', '');
  } finally {
    await pool.close();
  }
}

function weeklySeries(count: number, seed: number): Point[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const level = 50 + random.next() * 500;
    const amplitude = random.next() * 0.3 * level;
    return Array.from({ length: 156 }, (_, week) => ({
      t: Date.UTC(2023, 0, 2) + week * 7 * 86_400_000,
      value: level + amplitude * Math.sin((2 * Math.PI * week) / 52) + (random.next() - 0.5) * 0.1 * level + (random.next() < 0.01 ? level : 0),
    }));
  });
}

async function anomaliesSection(): Promise<void> {
  const series = weeklySeries(seriesCount, 3);
  const options = { options: { method: 'shesd' as const, period: 52 } };
  const singleN = Math.min(series.length, quick ? series.length : 2000);
  let start = performance.now();
  const single = runTask('anomalies', series.slice(0, singleN), options);
  const singleSeconds = seconds(start);
  const pool = createPool({ size: poolSize, batchSize: 100 });
  try {
    await pool.map('anomalies', series.slice(0, 50), options);
    start = performance.now();
    const parallel = await pool.map('anomalies', series, options);
    const poolSeconds = seconds(start);
    const identical = JSON.stringify(parallel.slice(0, singleN)) === JSON.stringify(single);
    const speedup = series.length / poolSeconds / (singleN / singleSeconds);
    const singleAllSeconds = (singleSeconds * series.length) / singleN;
    results.anomalies = { series: series.length, points: 156, singleN, singleSeconds, singleSecondsScaled: singleAllSeconds, poolSeconds, poolSpeedup: speedup, identical, anomalies: parallel.reduce((s, r) => s + r.anomalies.length, 0), load: load() };
    ratios.anomaliesPoolSpeedup = speedup;
    table(`S-H-ESD ${series.length.toLocaleString('en')} x 156`, `${singleAllSeconds.toFixed(1)} s${singleN < series.length ? ` (from ${singleN})` : ''}`, `${poolSeconds.toFixed(1)} s`, `${speedup.toFixed(2)}x`, identical ? 'yes' : 'NO', '<= 10 s');
  } finally {
    await pool.close();
  }
}

function themesSection(): void {
  const corpus = texts(themeSize, 2);
  const start = performance.now();
  const result = clusterTexts(corpus, { seed: 1 });
  const wall = seconds(start);
  results.themes = { n: themeSize, seconds: wall, k: result.k, labels: result.themes.map((t) => t.label), peakRssMb: peakRssMb(), load: load() };
  table(`clusterTexts ${themeSize.toLocaleString('en')}`, `${wall.toFixed(1)} s`, '', '', '', '<= 15 s');
}

function miniBatchSection(): void {
  const n = miniBatchSize;
  const k = 8;
  const start = performance.now();
  const steps: Record<string, number> = {};
  let t = performance.now();
  const documents: string[][] = [];
  const surface = new Map<string, string>();
  const df = documentFrequencies<readonly string[]>();
  const partials = [];
  for (let offset = 0; offset < n; offset += 50_000) {
    const chunk = generateFeedbackTexts(Math.min(50_000, n - offset), { seed: 4, offset, minWords: 5, maxWords: 60 });
    const analyzed = analyzeTexts(chunk);
    for (const d of analyzed.documents) documents.push(d);
    for (const [term, form] of analyzed.surface) if (!surface.has(term)) surface.set(term, form);
    partials.push(df.partial(analyzed.documents, offset));
  }
  const statistics = mergeAll(df, partials).statistics;
  steps.analyze = seconds(t);
  t = performance.now();
  const vocabulary = buildVocabulary(statistics, { maxTerms: 20_000 });
  const columnOf = new Map<string, number>();
  vocabulary.terms.forEach((term, column) => columnOf.set(term, column));
  const ids = documents.map((terms) => {
    const out: number[] = [];
    for (const term of terms) {
      const column = columnOf.get(term);
      if (column !== undefined) out.push(column);
    }
    return out;
  });
  documents.length = 0;
  const matrix = weightRows(ids, vocabulary, { weighting: 'bm25', sublinear: true, normalize: true, k1: 1.2, b: 0.75 });
  steps.vectorize = seconds(t);
  t = performance.now();
  const svd = randomizedSvd(matrix, { rank: 40, seed: 1, rightVectors: false });
  const { rows, cols } = svd.u;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let j = 0; j < cols; j++) {
      const v = svd.u.data[i * cols + j]! * svd.singularValues[j]! ** 2;
      data[i * cols + j] = v;
      norm += v * v;
    }
    if (norm > 0) for (let j = 0; j < cols; j++) data[i * cols + j]! /= Math.sqrt(norm);
  }
  steps.reduce = seconds(t);
  t = performance.now();
  const clustering = miniBatchKMeans({ rows, cols, data }, { k, seed: 1, batchSize: 2048, maxIterations: 200, spherical: true });
  steps.cluster = seconds(t);
  t = performance.now();
  const top = classTfidf(ids, clustering.assignments, k, vocabulary.terms.length, 5);
  const labels = top.map((terms) => labelFromTerms(terms.map((x) => ({ term: surface.get(vocabulary.terms[x.column]!) ?? vocabulary.terms[x.column]!, weight: x.weight }))));
  steps.label = seconds(t);
  const wall = seconds(start);
  results.minibatch = { n, k, seconds: wall, steps, iterations: clustering.iterations, vocabularySize: vocabulary.terms.length, labels, peakRssMb: peakRssMb(), load: load() };
  table(`mini-batch k-means ${n.toLocaleString('en')}`, `${wall.toFixed(1)} s (peak RSS ${(peakRssMb() / 1024).toFixed(2)} GB)`, '', '', '', '<= 180 s, < 4 GB');
}

console.log(`# Scale (${quick ? 'quick' : 'full'}): ${cpus().length} cpus, pool of ${poolSize}, load ${load().join(' ')}\n`);
if (only.has('feedback')) await feedbackSection();
if (only.has('anomalies')) await anomaliesSection();
if (only.has('themes')) themesSection();
if (only.has('minibatch')) miniBatchSection();
console.log('| case | single thread | pool | pool / single | same results | target |\n|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(`\nLoad average at the end: ${load().join(' ')} (on ${cpus().length} cpus); peak RSS ${(peakRssMb() / 1024).toFixed(2)} GB.`);
const out = join(here, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'scale.json'),
  `${JSON.stringify({ benchmark: 'scale', quick, node: process.version, cpus: cpus().length, memoryBytes: totalmem(), poolSize, ratios, ...results, peakRssMb: peakRssMb() }, null, 2)}\n`,
);
console.log(`Wrote ${join(out, 'scale.json')}`);
