import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeShards, type ShardInput } from '../../../src/analyze';
import { validateSales, type SalesRecord } from '../../../src/records';
import { renderJson } from '../../../src/report';
import { simulate } from '../../../src/simulate';
import { analysisProtocol } from '../../../src/node/distributed/analysisProtocol';
import { runDistributedAnalyze } from '../../../src/node/distributed/cli';
import { loadFile } from '../../../src/node/load';
import { progress } from '../../../src/node/progress';
import { readShards } from '../../../src/node/shards';
import { redisMissing, startRedis, startWorkerProcess, type TestRedis, type WorkerProcess } from './redis';

const WORKER_MAIN = join(import.meta.dirname, '../../../src/node/distributed/worker-main.ts');

function toCsv(rows: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => typeof r[k] !== 'object')))];
  const cell = (v: unknown) => (v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n')}\n`;
}

/** The one-machine reference: the local CLI's reader (readShards, src/node/shards.ts) into analyzeShards. */
async function reference(feedback: string, sales: string, shardRows: number): Promise<string> {
  const shards: ShardInput[] = [];
  for await (const shard of readShards(feedback, { shardRows })) shards.push(shard);
  const items = shards.reduce((n, s) => n + s.rowsRead, 0);
  const loaded = await loadFile<SalesRecord>(sales, validateSales as never, {}, progress({ enabled: false, stream: process.stderr }), 'sales');
  const report = await analyzeShards(
    { sales: loaded.records, rejected: loaded.rejected, rowsRead: { feedback: items, sales: loaded.rows }, sources: { feedback, sales }, feedbackSource: feedback },
    shards,
    { title: 'feedback-miner report' },
  );
  return renderJson(report);
}

describe.skipIf(redisMissing !== null)('feedback-miner analyze --redis: the real analysis on worker processes', () => {
  let redis: TestRedis;
  let dir: string;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fm-fleet-analyze-'));
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });

  it('two workers write the report.json of analyzeShards on the same shards, byte for byte, malformed rows reported', async () => {
    const data = simulate({ seed: 5, weeks: 40, products: 2, regions: 2, feedbackPerWeek: 30 });
    const lines = toCsv(data.feedback as unknown as Record<string, unknown>[]).split('\n');
    // A malformed CSV row, an empty text and an impossible date, among the simulated ones.
    lines.splice(300, 0, 'x1,"too",2024-01-01,many,columns,here,a,b,c,d,e,f,g');
    lines.splice(600, 0, lines[600]!.replace(/^([^,]*),("[^"]*"|[^,]*)/, 'empty-text,'));
    // An id seen in an earlier shard: rejected as the one-machine reader rejects it.
    lines.splice(900, 0, lines[900]!.replace(/^[^,]*/, lines[10]!.split(',')[0]!));
    const feedback = join(dir, 'feedback.csv');
    const sales = join(dir, 'sales.csv');
    await writeFile(feedback, lines.join('\n'));
    await writeFile(sales, toCsv(data.sales as unknown as Record<string, unknown>[]));
    const queue = 'fm-analyze';
    workers.push(...(await Promise.all([0, 1].map(() => startWorkerProcess(WORKER_MAIN, ['worker', '--redis', redis.url, '--queue', queue, '--lock-duration', '5000'])))));
    const out = join(dir, 'out');
    const { code, meta } = await runDistributedAnalyze(
      ['--feedback', feedback, '--sales', sales, '--out', out, '--redis', redis.url, '--queue', queue, '--shard-rows', '250', '--format', 'json', '--quiet'],
      analysisProtocol,
    );
    expect(code).toBe(0);
    expect(meta?.passes.map((p) => p.name)).toEqual(['scan', 'assign']);
    expect(meta?.workers.length).toBe(2);
    const written = await readFile(join(out, 'report.json'), 'utf8');
    expect(written).toBe(await reference(feedback, sales, 250));
    const report = JSON.parse(written) as { dataQuality: { sources: { rejected: { row: number; reason: string }[] }[] } };
    expect(report.dataQuality.sources[0]!.rejected.map((r) => r.row)).toContain(301);
    expect(report.dataQuality.sources[0]!.rejected.find((r) => r.row === 901)?.reason).toMatch(/^duplicate id ".*" \(seen earlier in the file\)$/);
    expect(JSON.parse(await readFile(join(out, 'fleet.json'), 'utf8'))).toMatchObject({ protocol: 'analyze', shards: meta!.shards });
  }, 90_000);

  it('usage errors name the flag', async () => {
    await expect(runDistributedAnalyze(['--feedback', 'f.csv', '--sales', 's.csv', '--out', 'o'], analysisProtocol)).rejects.toMatchObject({
      code: 'USAGE',
      message: 'analyze: --redis URL is required for a fleet run',
    });
    await expect(
      runDistributedAnalyze(['--feedback', 'f.csv', '--sales', 's.csv', '--out', 'o', '--redis', redis.url, '--shard-rows', '0'], analysisProtocol),
    ).rejects.toMatchObject({ code: 'USAGE', message: '--shard-rows: expected an integer >= 1, found "0"' });
  });
});
