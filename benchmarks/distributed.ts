/**
 * The analysis on a BullMQ fleet over Redis (issue 10): throughput with 1 and 2 worker processes against
 * `analyzeShards` in one process on the same shards, and the fleet's overhead per shard.
 *
 * Run: npx tsx benchmarks/distributed.ts [--records=1000000] [--overhead-records=20000] [--seed=7] [--only=throughput|overhead]
 *
 * 1. Writes (once; reused when present) a feedback CSV of `--records` rows to .tmp/distributed-bench/: the texts of
 *    the seeded `generateFeedbackTexts` (5-60 words), dated over the two years of `simulate({ seed, weeks: 104 })`,
 *    whose sales CSV is written beside it; products, regions, sources and ratings drawn from a seeded hash of the row.
 * 2. Starts a private redis-server (loopback, free port, no persistence), then for each setting times the whole
 *    analysis (sales side, both passes, theme fitting, report) on the same shards of 5000 rows:
 *    - one process: `analyzeShards` reading the shards with `readShardRows` + `toShard` in this process;
 *    - fleet, 1 and 2 workers: `runOnFleet` from this process with 1 or 2 worker processes (`worker-main.ts` under tsx).
 *    Every report must equal the one-process report (JSON, byte for byte), or the script fails.
 * 3. Overhead per shard: the fleet (1 worker) on `--overhead-records` rows cut into shards of 5000 and of 50 rows;
 *    (time with small shards - time with large shards) / (extra shards x passes). The one-process run with the same
 *    two shard sizes gives the part of that difference that is not the fleet's.
 * Prints a markdown table with the load average before and after, and writes benchmarks/results/distributed.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeShards, type ShardInput } from '../src/analyze';
import { validateSales, type SalesRecord } from '../src/records';
import { renderJson } from '../src/report';
import { simulate } from '../src/simulate';
import { writeFeedbackCsv, writeSalesCsv } from './lib/synthetic-csv';
import { analysisProtocol } from '../src/node/distributed/analysisProtocol';
import type { FleetAnalyzeInput } from '../src/node/distributed/cli';
import { runOnFleet } from '../src/node/distributed/coordinator';
import { planShards, readShardRows, type ShardPlan } from '../src/node/distributed/plan';
import { loadFile } from '../src/node/load';
import { progress } from '../src/node/progress';
import { startRedis } from '../test/node/distributed/redis';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const records = Number(arg('records') ?? '1000000');
const overheadRecords = Number(arg('overhead-records') ?? '20000');
const seed = Number(arg('seed') ?? '7');
const only = arg('only');
const tmp = join(root, '.tmp', 'distributed-bench');
mkdirSync(tmp, { recursive: true });
const salesPath = join(tmp, `sales-seed${seed}.csv`);
const quiet = progress({ enabled: false, stream: process.stderr });
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

async function generate(rows: number): Promise<string> {
  const path = join(tmp, `feedback-${rows}-seed${seed}.csv`);
  const data = simulate({ seed, weeks: 104 });
  if (!existsSync(salesPath)) writeSalesCsv(salesPath, data);
  if (existsSync(path)) return path;
  await writeFeedbackCsv(path, data, { seed, stop: (generated) => generated >= rows });
  return path;
}

async function inputFor(plan: ShardPlan): Promise<FleetAnalyzeInput> {
  const sales = await loadFile<SalesRecord>(salesPath, validateSales as never, {}, quiet, 'sales');
  return {
    sales: sales.records,
    rejected: sales.rejected,
    rowsRead: { feedback: plan.rows, sales: sales.rows },
    sources: { feedback: plan.file, sales: salesPath },
    feedbackSource: plan.file,
  };
}

const OPTIONS = { title: 'distributed benchmark' };

/** One process: analyzeShards over the plan's shards, read again for each pass. */
async function oneProcess(plan: ShardPlan): Promise<{ seconds: number; json: string }> {
  const started = performance.now();
  const input = await inputFor(plan);
  const { shards, rows: _rows, ...shape } = plan;
  const report = await analyzeShards(
    input,
    async function* (): AsyncIterable<ShardInput> {
      for (const range of shards) yield analysisProtocol.toShard(await readShardRows({ ...shape, range }), range.shard, range.offset, plan.file, {});
    },
    OPTIONS,
  );
  return { seconds: (performance.now() - started) / 1000, json: renderJson(report) };
}

async function startWorkers(n: number, url: string, queue: string): Promise<ChildProcess[]> {
  const main = join(root, 'src/node/distributed/worker-main.ts');
  return Promise.all(
    Array.from({ length: n }, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', main, '--redis', url, '--queue', queue, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
      // --quiet prints nothing: wait until the worker's connection is visible instead.
      await new Promise((r) => setTimeout(r, 100));
      return child;
    }),
  );
}

async function stopWorkers(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }),
  );
}

async function fleet(plan: ShardPlan, url: string, workers: number, queue: string): Promise<{ seconds: number; json: string; passes: { name: string; ms: number }[] }> {
  const children = await startWorkers(workers, url, queue);
  try {
    // Workers connect in ~2-4 s (tsx): start the clock once they are all there, so start-up is not counted.
    const { Queue } = await import('bullmq');
    const q = new Queue(queue, { connection: { host: '127.0.0.1', port: Number(new URL(url).port) }, prefix: 'fm' });
    while ((await q.getWorkers()).length < workers) await new Promise((r) => setTimeout(r, 100));
    await q.close();
    const started = performance.now();
    const input = await inputFor(plan);
    const { report, meta } = await runOnFleet(analysisProtocol, input, OPTIONS, plan, { redis: url, queueName: queue, pollMs: 100 });
    return { seconds: (performance.now() - started) / 1000, json: renderJson(report), passes: meta.passes.map((p) => ({ name: p.name, ms: p.ms })) };
  } finally {
    await stopWorkers(children);
  }
}

const redis = await startRedis();
const loadBefore = load();
const rowsOut: string[] = [];
const results: Record<string, unknown> = { machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, loadBefore };
try {
  if (only !== 'overhead') {
    const path = await generate(records);
    const plan = await planShards(path, { shardRows: 5000 });
    console.error(`throughput: ${plan.rows} rows, ${plan.shards.length} shards (load ${load()})`);
    const single = await oneProcess(plan);
    console.error(`one process: ${single.seconds.toFixed(1)} s (load ${load()})`);
    const one = await fleet(plan, redis.url, 1, 'bench-1');
    console.error(`fleet, 1 worker: ${one.seconds.toFixed(1)} s (load ${load()})`);
    const two = await fleet(plan, redis.url, 2, 'bench-2');
    console.error(`fleet, 2 workers: ${two.seconds.toFixed(1)} s (load ${load()})`);
    for (const [name, run] of [['1 worker', one], ['2 workers', two]] as const) {
      if (run.json !== single.json) throw new Error(`the fleet report (${name}) differs from the one-process report`);
    }
    const rate = (s: number) => Math.round(plan.rows / s).toLocaleString('en');
    rowsOut.push(
      `| one process, analyzeShards | ${plan.rows.toLocaleString('en')} | ${single.seconds.toFixed(1)} | ${rate(single.seconds)} | 1.00 | |`,
      `| fleet, 1 worker process | ${plan.rows.toLocaleString('en')} | ${one.seconds.toFixed(1)} | ${rate(one.seconds)} | ${(single.seconds / one.seconds).toFixed(2)} | ${one.passes.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(', ')} |`,
      `| fleet, 2 worker processes | ${plan.rows.toLocaleString('en')} | ${two.seconds.toFixed(1)} | ${rate(two.seconds)} | ${(single.seconds / two.seconds).toFixed(2)} | ${two.passes.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(', ')} |`,
    );
    results.throughput = { rows: plan.rows, shards: plan.shards.length, oneProcess: single.seconds, fleet1: { seconds: one.seconds, passes: one.passes }, fleet2: { seconds: two.seconds, passes: two.passes }, reportsEqual: true };
  }
  if (only !== 'throughput') {
    const path = await generate(overheadRecords);
    const large = await planShards(path, { shardRows: 5000 });
    const small = await planShards(path, { shardRows: 50 });
    const localLarge = await oneProcess(large);
    const localSmall = await oneProcess(small);
    const fleetLarge = await fleet(large, redis.url, 1, 'overhead-large');
    const fleetSmall = await fleet(small, redis.url, 1, 'overhead-small');
    const extra = (small.shards.length - large.shards.length) * 2; // two passes
    const perShard = ((fleetSmall.seconds - fleetLarge.seconds) * 1000) / extra;
    const localPerShard = ((localSmall.seconds - localLarge.seconds) * 1000) / extra;
    rowsOut.push(
      `| overhead: fleet, 1 worker, ${large.shards.length} vs ${small.shards.length} shards of ${overheadRecords.toLocaleString('en')} rows | | ${fleetLarge.seconds.toFixed(1)} / ${fleetSmall.seconds.toFixed(1)} | | | **${perShard.toFixed(1)} ms per shard and pass**; one process, same shards: ${localLarge.seconds.toFixed(1)} / ${localSmall.seconds.toFixed(1)} s = ${localPerShard.toFixed(1)} ms |`,
    );
    results.overhead = {
      rows: overheadRecords,
      shards: [large.shards.length, small.shards.length],
      fleetSeconds: [fleetLarge.seconds, fleetSmall.seconds],
      oneProcessSeconds: [localLarge.seconds, localSmall.seconds],
      msPerShardAndPass: perShard,
      oneProcessMsPerShardAndPass: localPerShard,
    };
  }
} finally {
  await redis.stop();
}
results.loadAfter = load();
console.log(`\n## Distributed analysis (BullMQ over Redis), ${cpus().length} cores, load average before ${loadBefore}, after ${results.loadAfter as string}\n`);
console.log('| run | rows | seconds | rows/s | speed-up vs one process | passes |');
console.log('|---|---|---|---|---|---|');
for (const line of rowsOut) console.log(line);
const resultsDir = join(root, 'benchmarks', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'distributed.json'), `${JSON.stringify(results, null, 2)}\n`);
