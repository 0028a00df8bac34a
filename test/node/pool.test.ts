import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPool, runTask, PoolTaskError, type WorkerPool } from '../../src/node/pool';
import { FeedbackMinerError } from '../../src/errors';
import { generateFeedbackTexts } from '../../src/simulate/texts';
import { createRandom } from '../../src/themes/random';
import type { Point } from '../../src/timeseries/types';

let pool: WorkerPool;
beforeAll(() => {
  pool = createPool({ size: 2, batchSize: 16 });
});
afterAll(async () => {
  await pool.close();
});

const texts = Object.freeze(generateFeedbackTexts(300, { seed: 7 }));

function weeklySeries(seed: number): Point[] {
  const random = createRandom(seed);
  return Array.from({ length: 156 }, (_, i) => ({
    t: i,
    value: 100 + 10 * Math.sin((2 * Math.PI * i) / 52) + random.next() * 5 + (i === 60 + (seed % 20) ? 100 : 0),
  }));
}

describe('createPool(options).map(task, inputs)', () => {
  it("map('feedback', texts) equals runTask('feedback', texts), in input order", async () => {
    const options = { options: { aspects: false as const }, batchSize: 7 };
    const parallel = await pool.map('feedback', texts, options);
    const serial = runTask('feedback', texts, options);
    expect(parallel).toHaveLength(texts.length);
    expect(parallel).toEqual(serial);
    // Not trivially equal: the texts differ, so order mistakes would show.
    expect(new Set(parallel.map((r) => r.score)).size).toBeGreaterThan(20);
  });

  it("map('feedback', texts) with the default aspects equals the single-threaded path", async () => {
    const some = texts.slice(0, 24);
    const parallel = await pool.map('feedback', some, { batchSize: 5 });
    expect(parallel).toEqual(runTask('feedback', some));
    expect(parallel.some((r) => r.aspects.length > 0)).toBe(true);
  });

  it("map('anomalies', series) equals runTask and finds the planted spike", async () => {
    const series = Array.from({ length: 12 }, (_, s) => weeklySeries(s));
    const options = { options: { period: 52 }, batchSize: 3 };
    const parallel = await pool.map('anomalies', series, options);
    expect(parallel).toEqual(runTask('anomalies', series, options));
    parallel.forEach((result, s) => expect(result.anomalies.map((a) => a.index)).toContain(60 + (s % 20)));
  });

  it('map surfaces the failing input with its index and the original code', async () => {
    const inputs: unknown[] = [...texts.slice(0, 40)];
    inputs[33] = 42;
    const error = await pool.map('feedback', inputs as string[], { options: { aspects: false } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolTaskError);
    expect(error).toBeInstanceOf(FeedbackMinerError);
    expect((error as PoolTaskError).index).toBe(33);
    expect((error as PoolTaskError).code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toBe('pool.map(feedback): input 33 failed: tokenize: expected text to be a string, found 42');
    // The single-threaded path reports the same.
    expect(() => runTask('feedback', inputs as string[], { options: { aspects: false } })).toThrow(
      'pool.map(feedback): input 33 failed: tokenize: expected text to be a string, found 42',
    );
    // The pool keeps working after a failed call.
    expect(await pool.map('feedback', ['fine'], { options: { aspects: false } })).toHaveLength(1);
  });

  it('map of bad data (empty text, NaN values) does not throw; it is reported on the result', async () => {
    const [empty] = await pool.map('feedback', [''], { options: { aspects: false } });
    expect(empty).toEqual({ tokens: 0, words: 0, negated: 0, score: 0, label: 'neutral', positive: 0, negative: 0, aspects: [] });
    const withNaN = weeklySeries(3).map((p, i) => (i === 10 ? { ...p, value: Number.NaN } : p));
    const [report] = await pool.map('anomalies', [withNaN], { options: { period: 52 } });
    expect(report?.rejected.map((r) => r.row)).toContain(10);
  });

  it('map([]) resolves to []', async () => {
    expect(await pool.map('feedback', [])).toEqual([]);
  });
});

describe('misuse', () => {
  it('createPool({ size: 0 }) throws INVALID_OPTION', () => {
    const error = (() => {
      try {
        createPool({ size: 0 });
      } catch (e) {
        return e as FeedbackMinerError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('INVALID_OPTION');
    expect(error?.message).toBe('createPool: expected options.size to be an integer from 1 to 1024, found 0');
  });
  it("runTask('translate', []) throws INVALID_OPTION", () => {
    expect(() => runTask('translate' as never, [])).toThrow("runTask: expected task to be 'feedback' or 'anomalies', found \"translate\"");
  });
  it("pool.map('feedback', 'text') rejects with INVALID_ARGUMENT", async () => {
    await expect(pool.map('feedback', 'text' as never)).rejects.toThrow('pool.map: expected inputs to be an array, found "text"');
  });
  it("pool.map('anomalies', series, { options: { events: [function] } }) rejects: not cloneable", async () => {
    const series = [[{ t: 0, value: 1 }]];
    const error = await pool.map('anomalies', series, { options: { events: [() => 1] as never } }).catch((e: unknown) => e);
    expect((error as FeedbackMinerError).code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toMatch(/^pool\.map: expected inputs and options\.options to be structured-cloneable, found /);
    expect(await pool.map('feedback', ['still fine'], { options: { aspects: false } })).toHaveLength(1);
  });
  it('close() then map() rejects; close() twice is fine', async () => {
    const small = createPool({ size: 1 });
    await small.close();
    await small.close();
    await expect(small.map('feedback', ['a'])).rejects.toThrow('pool.map: expected the pool to be open, found "a closed pool"');
  });
});

describe('shutdown', () => {
  it('a script that never calls close() still exits (idle workers are unreferenced)', async () => {
    const script = fileURLToPath(new URL('./pool-unclosed.fixture.mts', import.meta.url));
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', script], { timeout: 60_000, cwd: fileURLToPath(new URL('../..', import.meta.url)) }, (error, stdout) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout }),
      );
      void child;
    });
    expect(result.stdout.trim()).toBe('2 results');
    expect(result.code).toBe(0);
  });
});
