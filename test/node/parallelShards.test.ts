import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze, analyzeShards, arrayShards, type ShardInput } from '../../src/analyze';
import { FeedbackMinerError } from '../../src/errors';
import { renderJson } from '../../src/report';
import { simulate } from '../../src/simulate';

// Every Worker the driver creates, and whether it has exited: "no worker left" is checked, not assumed.
const workers = vi.hoisted(() => ({ created: 0, exited: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class TrackedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      workers.created++;
      this.once('exit', () => void workers.exited++);
    }
  }
  return { ...actual, Worker: TrackedWorker, default: { ...actual, Worker: TrackedWorker } };
});

const { analyzeShardsParallel, ShardError } = await import('../../src/node/parallelShards');
const { main } = await import('../../src/node/cli');

// 104 weeks x about 60 feedback a week: over 6,000 records, two shards of SHARD_ROWS, with its sales breaks and actions.
const data = simulate({ seed: 6, weeks: 104, feedbackPerWeek: 60 });
const rest = { sales: data.sales, forecasts: data.forecasts, actions: data.actions };
const options = { generatedAt: '2026-01-01T00:00:00Z', themeSample: 800 };
// A year at about 30 a week, for the tests that run many analyses.
const small = simulate({ seed: 6, weeks: 52, feedbackPerWeek: 30 });
const smallRest = { sales: small.sales, forecasts: small.forecasts, actions: small.actions };
// The machine running the tests may be shared: these tests run whole analyses, several times each.
const SLOW = 180_000;

describe('analyzeShardsParallel(input, shards, options, { threads })', () => {
  it('gives the JSON of analyze() and of threads 1, byte for byte, with shards of SHARD_ROWS', async () => {
    const expected = renderJson(analyze({ feedback: data.feedback, ...rest }, options));
    const one = renderJson(await analyzeShardsParallel(rest, [...arrayShards(data.feedback)], options, { threads: 1 }));
    const two = renderJson(await analyzeShardsParallel(rest, [...arrayShards(data.feedback)], options, { threads: 2 }));
    expect(one).toBe(expected);
    expect(two).toBe(expected);
  }, SLOW);

  it('folds small shards in shard order whatever order they finish in (threads 2 and 3 equal threads 1)', async () => {
    const shards = [...arrayShards(small.feedback, 50)];
    expect(shards.length).toBeGreaterThan(20);
    const rest = smallRest;
    const expected = renderJson(await analyzeShards(rest, shards, options));
    const seen: number[] = [];
    const two = await analyzeShardsParallel(rest, shards, options, { threads: 2, workerPasses: ['scan', 'assign'], onShard: (pass, s) => pass.index === 1 && seen.push(s.shard) });
    expect(renderJson(two)).toBe(expected);
    expect(seen).toEqual(shards.map((s) => s.shard));
    const three = await analyzeShardsParallel(rest, async function* () {
      yield* shards;
    }, options, { threads: 3, inFlight: 4 });
    expect(renderJson(three)).toBe(expected);
  }, SLOW);

  it('reads the input again for each pass when given a factory, holding at most inFlight shards out', async () => {
    const shards = [...arrayShards(small.feedback, 100)];
    const rest = smallRest;
    let out = 0;
    let most = 0;
    let reads = 0;
    const report = await analyzeShardsParallel(
      rest,
      async function* () {
        reads++;
        for (const s of shards) {
          out++;
          most = Math.max(most, out);
          yield s;
        }
      },
      options,
      { threads: 2, inFlight: 3, onShard: () => void out-- },
    );
    expect(reads).toBe(2);
    // The reader is one shard ahead of those sent: at most inFlight + 1 read and not yet folded.
    expect(most).toBeLessThanOrEqual(4);
    expect(renderJson(report)).toBe(renderJson(await analyzeShards(rest, shards, options)));
  }, SLOW);

  it('surfaces the error of a worker with its shard number and pass, and leaves no worker running', async () => {
    const shards: ShardInput[] = [...arrayShards(data.feedback, 500)];
    // rowsRead below the records' count: mapShard rejects the shard (INVALID_ARGUMENT), in the worker.
    shards[7] = { ...shards[7]!, rowsRead: 3 };
    const before = { ...workers };
    const error = await analyzeShardsParallel(rest, shards, options, { threads: 2, workerPasses: ['scan', 'assign'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedbackMinerError);
    expect(error).toBeInstanceOf(ShardError);
    expect((error as InstanceType<typeof ShardError>).shard).toBe(7);
    expect((error as FeedbackMinerError).code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toMatch(/^analyzeShardsParallel: shard 7 failed in pass "scan": mapShard: expected shard\.rowsRead to be at least the 500 records, found 3/);
    expect(workers.created - before.created).toBe(2);
    expect(workers.exited - before.exited).toBe(2);
  });

  it('names the shard when the map step fails in this thread too (the scan, by default)', async () => {
    const shards: ShardInput[] = [...arrayShards(data.feedback, 500)];
    shards[2] = { ...shards[2]!, rowsRead: 1 };
    const before = { ...workers };
    await expect(analyzeShardsParallel(rest, shards, options, { threads: 2 })).rejects.toThrow(/^analyzeShardsParallel: shard 2 failed in pass "scan"/);
    // The scan runs here: no worker was started before the error.
    expect(workers.created - before.created).toBe(0);
  });

  it('rejects shards out of order and bad options (FeedbackMinerError), stopping its workers', async () => {
    const shards = [...arrayShards(data.feedback, 500)];
    const before = { ...workers };
    const swapped = [shards[0]!, shards[2]!, shards[1]!, ...shards.slice(3)];
    await expect(analyzeShardsParallel(rest, swapped, options, { threads: 2, workerPasses: ['scan'] })).rejects.toThrow(
      'analyzeShardsParallel: expected shards to be shards in increasing shard order (after 2), found 1',
    );
    expect(workers.exited - before.exited).toBe(workers.created - before.created);
    await expect(analyzeShardsParallel(rest, shards, options, { threads: 0 })).rejects.toThrow(/parallel\.threads/);
    await expect(analyzeShardsParallel(rest, shards, options, { threads: 1.5 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(analyzeShardsParallel(rest, shards, options, { threads: 2, inFlight: 0 })).rejects.toThrow(/parallel\.inFlight/);
  });

  it('does not modify its input shards', async () => {
    const shards = [...arrayShards(small.feedback.slice(0, 600), 150)].map((s) => Object.freeze({ ...s, records: Object.freeze(s.records.map((r) => Object.freeze({ ...r }))) }));
    await expect(analyzeShardsParallel(smallRest, shards, options, { threads: 2 })).resolves.toBeDefined();
  }, SLOW);
});

describe('feedback-miner analyze --threads N', () => {
  let err: string[] = [];
  beforeEach(() => {
    err = [];
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  const csv = (value: string | number | undefined): string => {
    const text = value === undefined ? '' : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };

  it('writes the same report.json with --threads 1, 2 and 3, and rejects --threads 0 (usage, exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fm-threads-'));
    const feedback = ['id,text,date,source,rating,product,region'];
    // Over SHARD_ROWS rows: two shards, the second with an empty text and an id repeated from the first shard
    // (which the workers, reading their own byte ranges, must reject as the scan did).
    const records = data.feedback;
    expect(records.length).toBeGreaterThan(5000);
    for (const r of records) feedback.push([r.id, r.text, r.date, r.source, r.rating, r.product, r.region].map(csv).join(','));
    feedback.push('bad-1,,2026-01-01,survey,,A,North');
    feedback.push(`${csv(records[0]!.id)},Repeated id with another text,2026-01-02,review,4,A,North`);
    const sales = ['date,product,region,channel,units,revenue'];
    for (const s of data.sales) sales.push([s.date, s.product, s.region, s.channel, s.units, s.revenue].map(csv).join(','));
    await writeFile(join(dir, 'f.csv'), feedback.join('\n'));
    await writeFile(join(dir, 's.csv'), sales.join('\n'));
    const run = async (threads: string): Promise<string> => {
      const out = join(dir, `r${threads}`);
      const code = await main(['analyze', '--feedback', join(dir, 'f.csv'), '--sales', join(dir, 's.csv'), '--out', out, '--format', 'json', '--quiet', '--threads', threads]);
      expect(code).toBe(0);
      return readFile(join(out, 'report.json'), 'utf8');
    };
    const one = await run('1');
    const source = JSON.parse(one).dataQuality.sources[0];
    expect(source).toMatchObject({ rowsRead: records.length + 2, rowsAccepted: records.length, rejectedCount: 2 });
    expect(source.rejected.map((r: { reason: string }) => r.reason)).toContain(`duplicate id ${JSON.stringify(records[0]!.id)} (seen earlier in the file)`);
    expect(await run('2')).toBe(one);
    expect(await run('3')).toBe(one);
    // Every worker started (2 + 3 here, and all the earlier tests') has exited.
    expect(workers.created).toBeGreaterThanOrEqual(5);
    expect(workers.exited).toBe(workers.created);
    expect(await main(['analyze', '--feedback', join(dir, 'f.csv'), '--sales', join(dir, 's.csv'), '--out', dir, '--threads', '0'])).toBe(2);
    expect(err.some((l) => l.includes('--threads: expected an integer from 1 to 256, found "0"'))).toBe(true);
  }, SLOW);
});
