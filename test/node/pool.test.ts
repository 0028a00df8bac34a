import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { batchSizes, createPool, runTask, PoolTaskError, type WorkerPool } from '../../src/node/pool';
import { packInputs, packResults, unpackInputs, unpackResults } from '../../src/node/poolTasks';
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
    expect((error as Error).message).toBe('pool.map(feedback): input 33 failed: createFeedbackScorer: expected text to be a string, found 42');
    // The single-threaded path reports the same.
    expect(() => runTask('feedback', inputs as string[], { options: { aspects: false } })).toThrow(
      'pool.map(feedback): input 33 failed: createFeedbackScorer: expected text to be a string, found 42',
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

  it("map('tokenize', texts) equals runTask('tokenize', texts) and the token counts of the 'feedback' task", async () => {
    const parallel = await pool.map('tokenize', texts, { batchSize: 11 });
    expect(parallel).toEqual(runTask('tokenize', texts));
    const features = runTask('feedback', texts, { options: { aspects: false } });
    expect(parallel).toEqual(features.map((f) => ({ tokens: f.tokens, words: f.words, negated: f.negated })));
  });

  it('map results are the same objects as runTask down to key order (JSON text equal)', async () => {
    const some = texts.slice(0, 60);
    expect(JSON.stringify(await pool.map('feedback', some, { batchSize: 9 }))).toBe(JSON.stringify(runTask('feedback', some)));
    const series = Array.from({ length: 6 }, (_, s) => weeklySeries(s + 40));
    const options = { options: { period: 52 }, batchSize: 2 };
    expect(JSON.stringify(await pool.map('anomalies', series, options))).toBe(JSON.stringify(runTask('anomalies', series, options)));
  });

  it("map('anomalies') with ISO-date t, bad points and a series that is not an array: same results and error as runTask", async () => {
    const dated = weeklySeries(5).map((p, i) => ({ t: new Date(Date.UTC(2023, 0, 2) + i * 7 * 86_400_000).toISOString().slice(0, 10), value: p.value }));
    const bad: unknown[] = weeklySeries(6);
    bad[3] = null;
    bad[7] = { t: 7, value: '12' };
    bad[9] = { t: 'not a date', value: 3 };
    const mixedT: unknown[] = weeklySeries(7);
    mixedT[20] = { t: '2023-05-01', value: 100 };
    const series = [dated, bad, weeklySeries(8), mixedT, [], dated] as Point[][];
    const options = { options: { period: 52 }, batchSize: 4 };
    const parallel = await pool.map('anomalies', series, options);
    expect(parallel).toEqual(runTask('anomalies', series, options));
    expect(parallel[0]?.anomalies.map((a) => a.index)).toContain(65);
    expect(parallel[1]?.rejected.map((r) => r.row)).toEqual(expect.arrayContaining([3, 7, 9]));
    const withBadSeries = [weeklySeries(1), weeklySeries(2), 'not a series'] as unknown as Point[][];
    const error = await pool.map('anomalies', withBadSeries, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolTaskError);
    expect((error as PoolTaskError).index).toBe(2);
    expect((error as PoolTaskError).input).toBe('not a series');
    expect((error as Error).message).toBe('pool.map(anomalies): input 2 failed: detectAnomalies: expected points to be an array, found "not a series"');
    expect(() => runTask('anomalies', withBadSeries, options)).toThrow((error as Error).message);
  });

  it('PoolTaskError carries the failing input itself, from the pool and from runTask', async () => {
    const inputs: unknown[] = ['fine', 'also fine', { text: 'an object' }];
    const fromPool = await pool.map('tokenize', inputs as string[]).catch((e: unknown) => e);
    expect((fromPool as PoolTaskError).input).toBe(inputs[2]);
    try {
      runTask('tokenize', inputs as string[]);
      expect.unreachable();
    } catch (e) {
      expect((e as PoolTaskError).input).toBe(inputs[2]);
      expect((e as PoolTaskError).index).toBe(2);
    }
  });

  it('map([]) resolves to []', async () => {
    expect(await pool.map('feedback', [])).toEqual([]);
  });
});

describe('batchSizes(n, most, workers): guided self-scheduling', () => {
  it('batchSizes(10_000, 1024, 2): large batches first, shrinking to most / 16 at the end', () => {
    const sizes = batchSizes(10_000, 1024, 2);
    expect(sizes.slice(0, 5)).toEqual([1024, 1024, 1024, 1024, 1024]);
    expect(sizes[sizes.length - 2]).toBe(64);
    // By hand: 10,000 - 5 x 1024 = 4,880 left; ceil(4880 / 4) = 1220 > 1024, so a sixth 1024; 3,856 / 4 = 964, ...
    expect(sizes[5]).toBe(1024);
    expect(sizes[6]).toBe(964);
  });
  it('batchSizes covers every input once, in non-increasing sizes within [min(left, most / 16), most]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 16 }), (n, most, workers) => {
        const sizes = batchSizes(n, most, workers);
        let left = n;
        let ok = true;
        sizes.forEach((size, i) => {
          ok &&= size <= most && size >= Math.min(left, Math.ceil(most / 16)) && (i === 0 || size <= (sizes[i - 1] as number));
          left -= size;
        });
        return ok && left === 0;
      }),
    );
  });
});

/** Deep equality with numbers compared by Object.is (so -0 differs from 0 and NaN equals NaN) and keys in order. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) return false;
  return keysA.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

describe('wire formats (packInputs / unpackInputs, packResults / unpackResults)', () => {
  const finite = fc.double({ noNaN: true });
  const label = fc.constantFrom('positive' as const, 'neutral' as const, 'negative' as const);
  const features = fc.record({
    tokens: fc.nat({ max: 1e6 }),
    words: fc.nat({ max: 1e6 }),
    negated: fc.nat({ max: 1e6 }),
    score: finite,
    label,
    positive: finite,
    negative: finite,
    aspects: fc.array(fc.record({ aspect: fc.constantFrom('price', 'delivery', 'quality', 'stock'), score: finite, label, mentions: fc.nat({ max: 100 }) }), { maxLength: 4 }),
  });
  it('unpackResults(packResults(feedback results)) gives the same objects, -0 and key order included', () => {
    fc.assert(
      fc.property(fc.array(features, { maxLength: 30 }), fc.nat({ max: 5 }), (results, offset) => {
        const packed = packResults('feedback', results);
        expect(packed).toBeDefined();
        const out = new Array<unknown>(offset);
        unpackResults(packed!.packed, out, offset);
        expect(same(out.slice(offset), results)).toBe(true);
      }),
    );
  });
  it('unpackInputs(packInputs(series)) gives the points back; unpackable series travel as they are', () => {
    const point = fc.record({ t: fc.oneof(fc.double(), fc.constantFrom('2024-01-01', '2024-01-08')), value: fc.double() });
    const series = fc.oneof(fc.array(point, { maxLength: 20 }), fc.constant('x'), fc.array(fc.constantFrom(null, 3, { t: 1 }), { maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(series, { maxLength: 12 }), (inputs) => {
        const packed = packInputs('anomalies', inputs);
        expect(packed).toBeDefined();
        const back = unpackInputs(structuredClone(packed!.packed));
        expect(same(back, inputs)).toBe(true);
      }),
    );
  });
  it("unpackResults(packResults('anomalies', results)) gives the same results: string and numeric t, events, gaps, warnings", () => {
    const dated = weeklySeries(11).map((p, i) => ({ t: new Date(Date.UTC(2023, 0, 2) + i * 7 * 86_400_000).toISOString().slice(0, 10), value: p.value }));
    const withGap = weeklySeries(12).map((p, i) => (i === 30 ? { ...p, value: Number.NaN } : p));
    const series = [weeklySeries(10), dated, withGap, [], weeklySeries(13).slice(0, 40)];
    const events = [{ name: 'spring promotion', start: '2024-03-01', end: '2024-03-31' }, { name: 'week 70', start: 70, end: 72 }];
    for (const options of [{ period: 52 }, { period: 52, events }, { period: 'none' as const, method: 'robust-z' as const }]) {
      const results = runTask('anomalies', series, { options });
      const packed = packResults('anomalies', results);
      expect(packed).toBeDefined();
      const out = new Array<unknown>(3);
      unpackResults(structuredClone(packed!.packed), out, 3);
      expect(same(out.slice(3), results)).toBe(true);
    }
    // The cases are not empty: anomalies with string t, with an event, a rejected gap, a warning.
    const results = runTask('anomalies', series, { options: { period: 52, events } });
    expect(results[1]?.anomalies.some((a) => typeof a.t === 'string')).toBe(true);
    expect(results.some((r) => r.anomalies.some((a) => a.event !== undefined))).toBe(true);
    expect(results[2]?.rejected.length).toBe(1);
    expect(results[4]?.warnings.length).toBeGreaterThan(0);
  });
  it("packResults('anomalies') leaves results of another shape as they are; packInputs('feedback') too (undefined)", () => {
    const [result] = runTask('anomalies', [weeklySeries(10)], { options: { period: 52 } });
    const odd = { ...result!, anomalies: result!.anomalies.map((a) => ({ ...a, extra: 1 })) };
    expect(packResults('anomalies', [odd])).toBeUndefined();
    expect(packInputs('feedback', ['a'])).toBeUndefined();
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
    expect(() => runTask('translate' as never, [])).toThrow("runTask: expected task to be 'feedback', 'anomalies' or 'tokenize', found \"translate\"");
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
