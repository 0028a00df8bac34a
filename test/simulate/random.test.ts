import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FeedbackMinerError } from '../../src/errors';
import { createRandom } from '../../src/simulate/random';

describe('createRandom(seed)', () => {
  it('createRandom(state).next() follows the sfc32 recurrence (worked by hand from the PractRand reference)', () => {
    // state (a, b, c, counter) = (0, 0, 0, 1): tmp = a + b + counter++; a = b ^ b >> 9; b = c + (c << 3);
    // c = rotl(c, 21) + tmp. Outputs, by hand: 1, 2, 12, 18874399.
    const random = createRandom([0, 0, 0, 1]);
    const outputs = [random.next(), random.next(), random.next(), random.next()].map((u) => u * 2 ** 32);
    expect(outputs).toEqual([1, 2, 12, 18874399]);
  });

  it('createRandom(seed) gives the same sequence for the same seed and another for another seed or stream', () => {
    const draw = (seed: number, stream = 0): number[] => {
      const random = createRandom(seed, stream);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42)).not.toEqual(draw(42, 1));
    expect(draw(-1)).not.toEqual(draw(2 ** 32 - 1));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
  });

  it('createRandom(random.state()) continues the same sequence', () => {
    const random = createRandom(9);
    random.next();
    const state = random.state();
    const resumed = createRandom(JSON.parse(JSON.stringify(state)) as typeof state);
    expect([resumed.next(), resumed.next()]).toEqual([random.next(), random.next()]);
  });

  it('createRandom(bad seed) throws INVALID_OPTION', () => {
    const attempt = (run: () => unknown): FeedbackMinerError => {
      try {
        run();
      } catch (error) {
        return error as FeedbackMinerError;
      }
      throw new Error('no error');
    };
    expect(attempt(() => createRandom(1.5)).message).toBe('createRandom: expected seed to be an integer from -9007199254740991 to 9007199254740991, found 1.5');
    expect(attempt(() => createRandom(NaN)).code).toBe('INVALID_OPTION');
    expect(attempt(() => createRandom([1, 2] as never)).message).toBe(
      'createRandom: expected seed to be an integer or a state of 4 integers, found an array of 2',
    );
    expect(attempt(() => createRandom(1, -1)).message).toBe('createRandom: expected stream to be an integer from 0 to 4294967295, found -1');
  });

  it('random.next() stays in [0, 1) (property)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = createRandom(seed);
        for (let i = 0; i < 50; i += 1) {
          const u = random.next();
          if (!(u >= 0 && u < 1)) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('random.int(1, 6) is uniform: chi-square over 60,000 rolls below the 0.999 quantile 20.52 (5 df)', () => {
    const random = createRandom(3);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i += 1) counts[random.int(1, 6) - 1]! += 1;
    const chiSquare = counts.reduce((sum, count) => sum + (count - 10_000) ** 2 / 10_000, 0);
    expect(chiSquare).toBeLessThan(20.52);
  });

  it('random.normal(mean, sd) has the requested mean and spread (100,000 draws, 5 standard errors)', () => {
    const random = createRandom(5);
    let sum = 0;
    let squares = 0;
    let inside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i += 1) {
      const x = random.normal(10, 2);
      sum += x;
      squares += x * x;
      if (Math.abs(x - 10) < 2) inside += 1;
    }
    const mean = sum / n;
    const sd = Math.sqrt(squares / n - mean * mean);
    expect(Math.abs(mean - 10)).toBeLessThan((5 * 2) / Math.sqrt(n));
    expect(Math.abs(sd - 2)).toBeLessThan(0.03);
    // P(|Z| < 1) = 0.6826895 (R: pnorm(1) - pnorm(-1))
    expect(Math.abs(inside / n - 0.6826895)).toBeLessThan(0.008);
  });

  it('random.poisson(3) matches R dpois(0:5, 3) (Knuth method)', () => {
    const expected = [0.04978707, 0.14936121, 0.22404181, 0.22404181, 0.16803136, 0.10081881];
    const random = createRandom(11);
    const n = 100_000;
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < n; i += 1) {
      const k = random.poisson(3);
      if (k < 6) counts[k]! += 1;
    }
    counts.forEach((count, k) => expect(Math.abs(count / n - expected[k]!)).toBeLessThan(0.006));
  });

  it('random.poisson(100) has mean and variance 100 and P(X <= 90) = 0.1714 (R: ppois(90, 100)) (PTRS)', () => {
    const random = createRandom(12);
    const n = 50_000;
    let sum = 0;
    let squares = 0;
    let low = 0;
    let allCounts = true;
    for (let i = 0; i < n; i += 1) {
      const k = random.poisson(100);
      allCounts &&= Number.isInteger(k) && k >= 0;
      sum += k;
      squares += k * k;
      if (k <= 90) low += 1;
    }
    const mean = sum / n;
    expect(allCounts).toBe(true);
    expect(Math.abs(mean - 100)).toBeLessThan(0.25);
    expect(Math.abs(squares / n - mean * mean - 100)).toBeLessThan(3);
    expect(Math.abs(low / n - 0.1714)).toBeLessThan(0.01);
    expect(random.poisson(0)).toBe(0);
    expect(random.poisson(-1)).toBe(0);
    expect(random.poisson(NaN)).toBe(0);
  });

  it('random.weighted(items, weights) draws in proportion to the weights, never a zero weight', () => {
    const random = createRandom(2);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i += 1) counts[random.weighted(['a', 'b', 'c'] as const, [1, 0, 3])] += 1;
    expect(counts.b).toBe(0);
    expect(Math.abs(counts.a / 30_000 - 0.25)).toBeLessThan(0.015);
  });
});
