/**
 * Scale on one machine (issue 8): seeded synthetic feedback of 5 to 60 words (`generateFeedbackTexts`).
 *
 * Run: npx tsx benchmarks/scale.ts [--quick] [--only=feedback,anomalies,themes,minibatch] [--feedback=1e5,1e6]
 *        [--series=10000] [--themes=1e5] [--minibatch=1e6] [--pool=N] [--pools=1,2,3] [--reps=3]
 *        [--ratio-texts=20000] [--ratio-tokens=100000] [--no-split]
 *
 * Sections, each timed in wall-clock seconds (this is about throughput on the machine, so wall time is the
 * figure; the machine's load average is recorded beside it):
 *  1. feedback: tokenize + sentiment + aspects of every text (the pool's 'feedback' task), single thread
 *     (`runTask`) vs the worker pool (`createPool().map`), with the results checked equal. Aspects are the default
 *     aspects' plain-word terms: `DEFAULT_ASPECTS.price` has the compromise pattern '#Money', which parses every
 *     text with compromise (measured separately on a small sample and reported).
 *     a. pool efficiency: the single thread and pools of each size in --pools, interleaved --reps times on the
 *        same texts (--ratio-texts), for the 'feedback' task and for the cheap 'tokenize' task (--ratio-tokens
 *        texts), where the pool's own costs weigh most. Medians of the repetitions.
 *     b. throughput: every size in --feedback (default 1e5 and 1e6; none in --quick) with the pool of --pool
 *        workers (the single thread on at most a 1e5 prefix, scaled linearly). Target: 1e6 in <= 20 s with the
 *        pool, pool >= 1.7x single thread on 2 cores.
 *  2. anomalies: S-H-ESD (`detectAnomalies`, period 52) over 10,000 seeded weekly series of 156 points, single
 *     vs pools of each size in --pools, interleaved --reps times. Target <= 10 s.
 *  2b. wire (only with --only=wire): CPU cost of moving 4,000 series and their results, and 20,000 feedback results,
 *     between threads: structured cloning (`v8.serialize` / `deserialize`, what `postMessage` does) against the
 *     pool's packed typed arrays (`packInputs` / `packResults` and their decoders), beside the detection itself.
 *  3. themes: `clusterTexts` end to end (vectorise, reduce, cluster, label) on 1e5 texts. Target <= 15 s.
 *  4. minibatch: 1e6 texts end to end with mini-batch k-means (Sculley 2010): analyse in chunks, mergeable
 *     document frequencies, vocabulary, BM25 rows, randomized SVD, mini-batch k-means, c-TF-IDF labels.
 *     Target <= 3 min and < 4 GB (peak RSS of this process, from `process.resourceUsage().maxRSS`).
 * Anchor: the single-threaded path of this library itself (no other library has these stages); the ratio
 * `poolSpeedup` is pool throughput over single-thread throughput measured in the same run.
 *
 * The development machine is shared (2 cores, several engineers), so a wall-clock ratio there measures the
 * load as much as the pool. Beside it, from the kernel's per-thread accounting (/proc/self/task/<tid>/schedstat,
 * Linux only): `cpuRatio`, single-thread CPU over the pool's CPU in all threads (1 means the pool adds no work;
 * below 1, the share of extra work for cloning, decoding and garbage collection); `waitShare`, the share of
 * the runnable time our threads spent waiting for a core (the load of others); `idleShare`, the share of the
 * pool's wall time its workers had nothing to do (waiting for the main thread, or finished early); and
 * `projectedSpeedup`, the speedup expected on otherwise idle cores: single-thread wall without its waiting,
 * over the larger of the slowest worker's wall without its waiting and the CPU of all threads divided by the
 * cores. It assumes CPU times do not change with the load (they grow a little under load: caches, shared cores).
 * Writes benchmarks/results/scale.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { documentFrequencies, mergeAll } from '../src/aggregates';
import { createPool, defaultPoolSize, runTask, type MapOptions, type WorkerPool } from '../src/node/pool';
import { packInputs, packResults, unpackInputs, unpackResults, type TaskName } from '../src/node/poolTasks';
import { deserialize, serialize } from 'node:v8';
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
const poolSizes = sizes('pools', quick ? [2] : [1, 2, 3]);
const reps = sizes('reps', [quick ? 1 : 3])[0] as number;
const ratioTexts = sizes('ratio-texts', [quick ? 2000 : 20_000])[0] as number;
const ratioTokens = sizes('ratio-tokens', [quick ? 10_000 : 100_000])[0] as number;
const cores = availableParallelism();
// The static split costs a worker start-up (the tsx loader compiling the sources) per thread and task: full runs only.
const withStaticSplit = !quick && !argv.includes('--no-split');
// In --quick the efficiency measurement (2,000 texts) stands in for the throughput runs, to keep CI short.
const feedbackSizes = sizes('feedback', quick ? [] : [100_000, 1_000_000]);
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

/** Run and run-queue wait (ms) of every thread of this process, from /proc (Linux); empty elsewhere. */
function threadTimes(): Map<number, { run: number; wait: number }> {
  const out = new Map<number, { run: number; wait: number }>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const [run, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
        if (Number.isFinite(run) && Number.isFinite(wait)) out.set(Number(tid), { run: (run as number) / 1e6, wait: (wait as number) / 1e6 });
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  } catch {
    // No /proc: not Linux.
  }
  return out;
}

interface Measured {
  readonly wallMs: number;
  /** CPU of the whole process (all threads), ms. */
  readonly cpuMs: number;
  /** Sum over threads of run-queue waits, and of run + wait, ms (Linux only, else 0). */
  readonly waitMs: number;
  readonly runnableMs: number;
  /** Wall minus the run-queue wait of the thread(s) doing the work: the wall time expected on idle cores. */
  readonly idleCoresWallMs?: number;
  /** Pool only: mean share of the wall time the workers had nothing to do. */
  readonly idleShare?: number;
}

/** Runs `work` and measures wall, CPU and per-thread accounting; `workers` picks the pool's threads. */
async function measure(work: () => unknown, workers?: { before: Set<number>; size: number }): Promise<Measured> {
  const threadsBefore = threadTimes();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const threadsAfter = threadTimes();
  let waitMs = 0;
  let runnableMs = 0;
  const deltas: { tid: number; run: number; wait: number }[] = [];
  for (const [tid, after] of threadsAfter) {
    const before = threadsBefore.get(tid) ?? { run: 0, wait: 0 };
    const run = after.run - before.run;
    const wait = after.wait - before.wait;
    deltas.push({ tid, run, wait });
    waitMs += wait;
    runnableMs += run + wait;
  }
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (deltas.length === 0) return { wallMs, cpuMs, waitMs: 0, runnableMs: 0 };
  if (workers === undefined) {
    const main = deltas.find((d) => d.tid === process.pid);
    return { wallMs, cpuMs, waitMs, runnableMs, ...(main === undefined ? {} : { idleCoresWallMs: wallMs - main.wait }) };
  }
  const pool = deltas.filter((d) => !workers.before.has(d.tid)).sort((a, b) => b.run - a.run).slice(0, workers.size);
  const slowest = Math.max(...pool.map((w) => wallMs - w.wait));
  const idleShare = pool.reduce((sum, w) => sum + Math.max(0, wallMs - w.run - w.wait), 0) / (pool.length * wallMs);
  return { wallMs, cpuMs, waitMs, runnableMs, idleCoresWallMs: Math.max(slowest, cpuMs / cores), idleShare };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** One pool per size for the whole run (a pool runs any task; starting workers under tsx costs seconds). */
const sharedPools = new Map<number, { pool: WorkerPool; before: Set<number> }>();

function sharedPool(size: number): { pool: WorkerPool; before: Set<number> } {
  let entry = sharedPools.get(size);
  if (entry === undefined) {
    const before = new Set(threadTimes().keys());
    entry = { pool: createPool({ size }), before };
    sharedPools.set(size, entry);
  }
  return entry;
}

/** Inputs described by how to make them, so that a reference worker can make its own share. */
type Source = { readonly kind: 'texts'; readonly n: number; readonly seed: number } | { readonly kind: 'series'; readonly count: number; readonly seed: number };

function materialize(source: Source): unknown[] {
  return source.kind === 'texts' ? texts(source.n, source.seed) : weeklySeries(source.count, source.seed);
}

/**
 * The ideal the pool is held against: `size` worker threads that each make their own contiguous share of the
 * inputs and run `runTask` on it, with no message but 'go' and 'done' (a static split with no data crossing
 * threads). Its wall time is what the machine allows for that much parallel work in that moment; the pool's wall
 * time over it is the pool's own efficiency, whatever the load of others. Run as this script in a worker.
 */
async function startStaticSplit(task: TaskName, source: Source, options: unknown, size: number): Promise<{ run(): Promise<void>; close(): Promise<void>; before: Set<number> }> {
  const before = new Set(threadTimes().keys());
  const count = source.kind === 'texts' ? source.n : source.count;
  const workers: Worker[] = [];
  await Promise.all(
    Array.from({ length: size }, (_, w) => {
      const from = Math.floor((w * count) / size);
      const to = Math.floor(((w + 1) * count) / size);
      const worker = new Worker(new URL('../src/node/pool-bootstrap.mjs', import.meta.url), {
        workerData: { entry: import.meta.url, role: 'static-split', task, source, options, from, to },
      });
      workers.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
    }),
  );
  return {
    before,
    run: () => Promise.all(workers.map((worker) => new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.postMessage('go');
    }))).then(() => undefined),
    close: () => Promise.all(workers.map((worker) => worker.terminate())).then(() => undefined),
  };
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'static-split') {
  const { task, source, options, from, to } = workerData as { task: TaskName; source: Source; options: MapOptions<TaskName>; from: number; to: number };
  const share = materialize(source).slice(from, to) as never[];
  runTask(task, share.slice(0, 2000), options);
  const port = parentPort;
  port?.on('message', () => {
    runTask(task, share, options);
    port.postMessage('done');
  });
  port?.postMessage('ready');
}

/**
 * The single thread against pools of each size in `poolSizes` and against the static split of the same size,
 * interleaved `reps` times on the same inputs: medians of wall speedup, pool over static split, CPU ratio,
 * waiting and idle shares, projected speedup. Checks results equal.
 */
async function efficiency<T extends TaskName>(label: string, task: T, source: Source, options: MapOptions<T>): Promise<unknown> {
  const inputs = materialize(source);
  const warm = inputs.slice(0, Math.min(inputs.length, 2000)) as never[];
  runTask(task, warm, options);
  let reference: unknown[] | undefined;
  const singles: Measured[] = [];
  const perPool = new Map<number, Measured[]>();
  const perSplit = new Map<number, Measured[]>();
  const pools = [];
  for (const size of poolSizes) {
    const { pool, before } = sharedPool(size);
    await pool.map(task, warm, options);
    const split = withStaticSplit ? await startStaticSplit(task, source, options, size) : undefined;
    pools.push({ size, pool, before, split });
    perPool.set(size, []);
    perSplit.set(size, []);
  }
  let identical = true;
  try {
    for (let rep = 0; rep < reps; rep++) {
      singles.push(
        await measure(() => {
          reference = runTask(task, inputs as never[], options);
        }),
      );
      for (const { size, pool, before, split } of pools) {
        if (split !== undefined) perSplit.get(size)?.push(await measure(() => split.run(), { before: split.before, size }));
        let parallel: unknown[] = [];
        perPool.get(size)?.push(
          await measure(async () => {
            parallel = await pool.map(task, inputs as never[], options);
          }, { before, size }),
        );
        if (rep === 0) identical &&= JSON.stringify(parallel) === JSON.stringify(reference);
      }
    }
  } finally {
    await Promise.all(pools.map(({ split }) => split?.close()));
  }
  const single = {
    wallMs: median(singles.map((m) => m.wallMs)),
    cpuMs: median(singles.map((m) => m.cpuMs)),
    idleCoresWallMs: median(singles.map((m) => m.idleCoresWallMs ?? m.wallMs)),
    waitShare: median(singles.map((m) => (m.runnableMs > 0 ? m.waitMs / m.runnableMs : 0))),
  };
  const rows = poolSizes.map((size) => {
    const runs = perPool.get(size) ?? [];
    const splits = perSplit.get(size) ?? [];
    const figure = {
      size,
      wallMs: median(runs.map((m) => m.wallMs)),
      cpuMs: median(runs.map((m) => m.cpuMs)),
      poolSpeedup: median(runs.map((m, i) => (singles[i] as Measured).wallMs / m.wallMs)),
      ...(splits.length === 0
        ? {}
        : {
            staticSplitWallMs: median(splits.map((m) => m.wallMs)),
            staticSplitSpeedup: median(splits.map((m, i) => (singles[i] as Measured).wallMs / m.wallMs)),
            poolVsStaticSplit: median(runs.map((m, i) => (splits[i] as Measured).wallMs / m.wallMs)),
          }),
      cpuRatio: median(runs.map((m, i) => (singles[i] as Measured).cpuMs / m.cpuMs)),
      waitShare: median(runs.map((m) => (m.runnableMs > 0 ? m.waitMs / m.runnableMs : 0))),
      idleShare: median(runs.map((m) => m.idleShare ?? 0)),
      projectedSpeedup: median(runs.map((m, i) => ((singles[i] as Measured).idleCoresWallMs ?? NaN) / (m.idleCoresWallMs ?? NaN))),
    };
    ratios[`${task}Pool${size}Speedup`] = figure.poolSpeedup;
    if (figure.poolVsStaticSplit !== undefined) ratios[`${task}Pool${size}VsStaticSplit`] = figure.poolVsStaticSplit;
    const split = figure.staticSplitWallMs === undefined ? 'not run' : `${(figure.staticSplitWallMs / 1000).toFixed(2)} s (${(figure.staticSplitSpeedup as number).toFixed(2)}x)`;
    efficiencyRows.push(
      `| ${label} | ${inputs.length.toLocaleString('en')} | ${size} | ${(single.wallMs / 1000).toFixed(2)} s | ${split} | ${(figure.wallMs / 1000).toFixed(2)} s | **${figure.poolSpeedup.toFixed(2)}x** | ${figure.poolVsStaticSplit === undefined ? 'n/a' : `**${figure.poolVsStaticSplit.toFixed(2)}**`} | ${figure.cpuRatio.toFixed(2)} | ${(100 * single.waitShare).toFixed(0)}% / ${(100 * figure.waitShare).toFixed(0)}% | ${(100 * figure.idleShare).toFixed(1)}% | ${Number.isFinite(figure.projectedSpeedup) ? `${figure.projectedSpeedup.toFixed(2)}x` : 'n/a'} | ${identical ? 'yes' : 'NO'} | ${load()[0]} |`,
    );
    return figure;
  });
  return { task, n: inputs.length, reps, identical, single, pools: rows, load: load() };
}

const efficiencyRows: string[] = [];

async function feedbackSection(): Promise<void> {
  const options = { options: { aspects: plainAspects } };
  results.feedbackEfficiency = await efficiency('feedback', 'feedback', { kind: 'texts', n: ratioTexts, seed: 1 }, options);
  results.tokenizeEfficiency = await efficiency('tokenize only', 'tokenize', { kind: 'texts', n: ratioTokens, seed: 1 }, {});
  const { pool } = sharedPool(poolSize);
  if (feedbackSizes.length > 0) {
    // Warm-up: workers load and compile the stages once.
    await pool.map('feedback', texts(2000, 99), options);
    runTask('feedback', texts(2000, 99), options);
  }
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
    const single = runTask('feedback', corpus.slice(0, singleN), options);
    const singleSeconds = seconds(start);
    start = performance.now();
    const parallel = await pool.map('feedback', corpus, options);
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
  const source = { kind: 'series', count: seriesCount, seed: 3 } as const;
  const series = weeklySeries(seriesCount, 3);
  const options = { options: { method: 'shesd' as const, period: 52 }, batchSize: 100 };
  const measured = (await efficiency('S-H-ESD (series)', 'anomalies', source, options)) as {
    single: { wallMs: number };
    pools: { size: number; wallMs: number; poolSpeedup: number }[];
    identical: boolean;
  };
  const best = measured.pools.find((p) => p.size === poolSize) ?? measured.pools[measured.pools.length - 1];
  const anomalies = runTask('anomalies', series.slice(0, Math.min(series.length, 1000)), options).reduce((s, r) => s + r.anomalies.length, 0);
  results.anomalies = { series: series.length, points: 156, ...measured, anomaliesInFirst1000: anomalies };
  if (best !== undefined) {
    ratios.anomaliesPoolSpeedup = best.poolSpeedup;
    table(`S-H-ESD ${series.length.toLocaleString('en')} x 156 (pool of ${best.size})`, `${(measured.single.wallMs / 1000).toFixed(1)} s`, `${(best.wallMs / 1000).toFixed(1)} s`, `${best.poolSpeedup.toFixed(2)}x`, measured.identical ? 'yes' : 'NO', '<= 10 s');
  }
}

function wireSection(): void {
  const cpuMs = (run: () => unknown): number => {
    let best = Infinity;
    for (let rep = 0; rep < 5; rep++) {
      const before = process.cpuUsage();
      run();
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  };
  const series = weeklySeries(4000, 3);
  const options = { options: { period: 52 } };
  const detections = runTask('anomalies', series, options);
  const feedback = runTask('feedback', texts(20_000, 1), { options: { aspects: plainAspects } });
  const rowsOut: unknown[] = [];
  const row = (what: string, data: unknown, pack: () => unknown, unpack: () => unknown, work: number): void => {
    const blob = serialize(data);
    const cloneSend = cpuMs(() => serialize(data));
    const cloneReceive = cpuMs(() => deserialize(blob));
    const packSend = cpuMs(pack);
    const packReceive = cpuMs(unpack);
    rowsOut.push({ what, cloneSendMs: cloneSend, cloneReceiveMs: cloneReceive, packSendMs: packSend, packReceiveMs: packReceive, workMs: work });
    table(`wire: ${what}`, `clone ${cloneSend.toFixed(1)} + ${cloneReceive.toFixed(1)} ms`, `packed ${packSend.toFixed(1)} + ${packReceive.toFixed(1)} ms`, `${((cloneSend + cloneReceive) / (packSend + packReceive)).toFixed(1)}x less`, '', `work ${work.toFixed(0)} ms`);
  };
  const detectMs = cpuMs(() => runTask('anomalies', series.slice(0, 1000), options)) * 4;
  const packedSeries = packInputs('anomalies', series)?.packed;
  row('4,000 series x 156 (main -> worker)', series, () => packInputs('anomalies', series), () => unpackInputs(structuredClone(packedSeries as NonNullable<typeof packedSeries>)), detectMs);
  const packedAnomalies = packResults('anomalies', detections)?.packed;
  row('4,000 anomaly results (worker -> main)', detections, () => packResults('anomalies', detections), () => unpackResults(packedAnomalies as NonNullable<typeof packedAnomalies>, [], 0), detectMs);
  const packedFeedback = packResults('feedback', feedback)?.packed;
  const feedbackMs = cpuMs(() => runTask('feedback', texts(2000, 1), { options: { aspects: plainAspects } })) * 10;
  row('20,000 feedback results (worker -> main)', feedback, () => packResults('feedback', feedback), () => unpackResults(packedFeedback as NonNullable<typeof packedFeedback>, [], 0), feedbackMs);
  results.wire = { rows: rowsOut, load: load() };
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

if (isMainThread) {
  console.log(`# Scale (${quick ? 'quick' : 'full'}): ${cpus().length} cpus, pool of ${poolSize}, load ${load().join(' ')}\n`);
  if (only.has('feedback')) await feedbackSection();
  if (only.has('anomalies')) await anomaliesSection();
  if (only.has('wire')) wireSection();
  if (only.has('themes')) themesSection();
  if (only.has('minibatch')) miniBatchSection();
  await Promise.all([...sharedPools.values()].map(({ pool }) => pool.close()));
  if (efficiencyRows.length > 0) {
    console.log('## Pool efficiency (medians of interleaved repetitions)\n');
    console.log('| task | inputs | workers | single | static split (speedup) | pool | wall speedup | pool / static split | cpuRatio | waiting for a core (single / pool) | workers idle | projected on idle cores | same results | load |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of efficiencyRows) console.log(row);
    console.log('\nStatic split: the same number of threads, each making and running its own share, no data crossing threads (the ideal). cpuRatio: single-thread CPU over the pool CPU of all threads (1 = no added work). Projected: see the header of this script.\n');
  }
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
}
