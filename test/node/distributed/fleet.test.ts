import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnFleet, type FleetRunOptions } from '../../../src/node/distributed/coordinator';
import { planShards } from '../../../src/node/distributed/plan';
import { redisMissing, startRedis, startWorkerProcess, type TestRedis, type WorkerProcess } from './redis';
import { runLocally, standin } from './standin';

const WORKER = join(import.meta.dirname, 'worker.fixture.ts');
const SHARD_ROWS = 7;

/** 60 feedback rows with a few bad ones (an empty text, a bad date, a malformed CSV row), optional marker texts. */
function feedbackCsv(special: Record<number, string> = {}): string {
  const texts = ['Delivery was late again, very disappointed', 'Great price and fast shipping', 'Support never answered my ticket', 'Quality is fine, delivery slow', 'Love the new colours, great value'];
  const lines = ['id,text,date,source'];
  for (let i = 0; i < 60; i++) {
    const text = special[i] ?? texts[i % texts.length];
    if (i === 11) lines.push(`r${i},,2026-03-01,review`);
    else if (i === 23) lines.push(`r${i},"${text}",2026-02-30,survey`);
    else if (i === 37) lines.push(`r${i},"${text}",2026-03-02,survey,extra`);
    else lines.push(`r${i},"${text}",2026-03-${String((i % 28) + 1).padStart(2, '0')},${i % 3 === 0 ? 'survey' : 'review'}`);
  }
  return `${lines.join('\n')}\n`;
}

let dir: string;
async function csv(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}

describe.skipIf(redisMissing !== null)('runOnFleet(protocol, input, options, plan, fleet) with a real Redis and worker processes', () => {
  let redis: TestRedis;
  const workers: WorkerProcess[] = [];
  let queueNumber = 0;
  const nextQueue = () => `fm-test-${++queueNumber}`;
  const worker = async (queue: string, extra: string[] = [], env: Record<string, string> = {}) => {
    const w = await startWorkerProcess(WORKER, ['--redis', redis.url, '--queue', queue, ...extra], env);
    workers.push(w);
    return w;
  };
  const fleet = (queue: string, extra: Partial<FleetRunOptions> = {}): FleetRunOptions => ({ redis: redis.url, queueName: queue, pollMs: 50, backoffMs: 50, ...extra });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fm-fleet-'));
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });

  it('two workers give the one-machine report, field for field: file ranges or rows in the jobs, reduce folding all partials or streaming them', async () => {
    const path = await csv('a.csv', feedbackCsv());
    const queue = nextQueue();
    const streaming = nextQueue();
    await Promise.all([worker(queue), worker(queue), worker(streaming, ['--stream'])]);
    const plan = await planShards(path, { shardRows: SHARD_ROWS });
    expect(plan.shards.length).toBe(9);
    const local = await runLocally(path, SHARD_ROWS);
    expect(local.rejected.map((r) => r.line)).toEqual([13, 25, 39]);
    for (const [transport, q] of [['file', queue], ['rows', queue], ['file', streaming]] as const) {
      const { report, meta } = await runOnFleet(standin, {}, undefined, plan, fleet(q, { transport }));
      expect(report).toEqual(local);
      expect(meta.passes.map((p) => [p.name, p.shards])).toEqual([['counts', 9], ['byWord', 9]]);
      expect(meta.workers.length).toBe(q === queue ? 2 : 1);
      expect(meta.restarts).toBe(0);
    }
  });

  it('a worker killed (SIGKILL) in the middle of a shard: another takes the shard over, nothing counted twice', async () => {
    const path = await csv('b.csv', feedbackCsv({ 16: 'SLOW delivery again' }));
    const queue = nextQueue();
    const marker = join(dir, 'slow.log');
    const victim = await worker(queue, [], { FM_SLOW_MARKER: marker, FM_SLOW_MS: '20000' });
    const plan = await planShards(path, { shardRows: SHARD_ROWS });
    const run = runOnFleet(standin, {}, undefined, plan, fleet(queue));
    const started = Date.now();
    while (!existsSync(marker) && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
    expect(await readFile(marker, 'utf8')).toMatch(/slow shard 2 pass counts/);
    victim.child.kill('SIGKILL');
    // The survivor maps the slow shard at full speed (no marker): the lock of the dead worker expires after 1 s.
    await worker(queue);
    const { report } = await run;
    expect(report).toEqual(await runLocally(path, SHARD_ROWS));
  });

  it('Redis restarted (all data lost) between two flows: the next flow runs on the reconnected fleet', async () => {
    const path = await csv('c.csv', feedbackCsv());
    const queue = nextQueue();
    await worker(queue);
    const plan = await planShards(path, { shardRows: SHARD_ROWS });
    let restarts = 0;
    const { report, meta } = await runOnFleet(standin, {}, undefined, plan, fleet(queue, {
      afterPass: async (pass) => {
        if (pass.index === 0) {
          await redis.restart();
          restarts += 1;
        }
      },
    }));
    expect(restarts).toBe(1);
    expect(meta.passes.length).toBe(2);
    expect(report).toEqual(await runLocally(path, SHARD_ROWS));
  });

  it('a shard that fails once is retried and counted once', async () => {
    const path = await csv('f.csv', feedbackCsv({ 30: 'FLAKY delivery' }));
    const queue = nextQueue();
    const marker = join(dir, 'flaky.log');
    await worker(queue, ['--stream'], { FM_FLAKY_MARKER: marker });
    const plan = await planShards(path, { shardRows: SHARD_ROWS });
    const { report, meta } = await runOnFleet(standin, {}, undefined, plan, fleet(queue));
    expect(await readFile(marker, 'utf8')).toBe('failed once: shard 4\n');
    expect(meta.failedShards).toEqual([]);
    expect(report).toEqual(await runLocally(path, SHARD_ROWS));
  });

  it('a poison shard that always throws is reported with its shard id and first bad record; the rest completes', async () => {
    const path = await csv('d.csv', feedbackCsv({ 24: 'POISON pill', 26: 'POISON again' }));
    const queue = nextQueue();
    await worker(queue, ['--stream']);
    const plan = await planShards(path, { shardRows: SHARD_ROWS });
    const { report, meta } = await runOnFleet(standin, {}, undefined, plan, fleet(queue, { attempts: 2 }));
    // Rows 24 and 26 (0-based) are in shard 3 (rows 21-27); row 24 is on line 26 (a header line, then one line per row).
    expect(meta.failedShards.map((f) => [f.shard, f.firstBad?.line, f.firstBad?.id])).toEqual([[3, 26, 'r24']]);
    expect(meta.restarts).toBe(1);
    expect(report.warnings).toEqual([
      `shard 3 (rows 22-28 of ${path}, from line 23) failed in pass "counts" on every attempt and was left out: cannot map "POISON pill"; first bad record: line 26 (id "r24"): cannot map "POISON pill"`,
    ]);
    const expected = await runLocally(path, SHARD_ROWS, {
      exclude: [3],
      input: { rejected: [{ file: path, line: 26, field: '', reason: report.warnings[0] as string }] },
    });
    expect(report).toEqual({ ...expected, warnings: report.warnings });
  });

  it('a worker of another package version is refused with both versions named, before and during a run', async () => {
    const path = await csv('e.csv', feedbackCsv());
    const plan = await planShards(path, { shardRows: SHARD_ROWS });
    const queue = nextQueue();
    const odd = await worker(queue, ['--version', '0.0.9-other']);
    await expect(runOnFleet(standin, {}, undefined, plan, fleet(queue))).rejects.toMatchObject({
      code: 'INVALID_MODEL',
      message: expect.stringMatching(/runs feedback-miner 0\.0\.9-other .* this coordinator feedback-miner 0\.1\.0 .*results would differ/),
    });
    // A run started before the odd worker joined: the worker refuses its first job, which stops the run.
    await odd.stop();
    const queue2 = nextQueue();
    const run = runOnFleet(standin, {}, undefined, plan, fleet(queue2));
    const late = worker(queue2, ['--version', '0.0.9-other']);
    await expect(run).rejects.toMatchObject({
      code: 'INVALID_MODEL',
      message: expect.stringMatching(/the job comes from feedback-miner 0\.1\.0 .*this worker runs feedback-miner 0\.0\.9-other/),
    });
    await late;
  });
});
