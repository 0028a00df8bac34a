import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRandom, fmix32, randomFromSeed, shuffledIndices } from '../../src/internal/random';
import { createRandom as simulateCreateRandom, Random as SimulateRandom } from '../../src/simulate/random';
import { createRandom as themesCreateRandom } from '../../src/themes/random';
import { createRandom as sentimentCreateRandom, shuffledIndices as sentimentShuffledIndices } from '../../src/sentiment/random';
import { seededRandom } from '../../src/insights/internal/stats';

// Chi-square 0.999 quantiles (R: qchisq(0.999, df)): df 5 -> 20.515, df 9 -> 27.877.
const CHI2_999_DF5 = 20.515;
const CHI2_999_DF9 = 27.877;

function chiSquare(counts: readonly number[], expected: number): number {
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

describe('one generator behind the four stages', () => {
  it('the simulator, themes, sentiment and insights draw the same sfc32 sequence for the same seed', () => {
    const reference = Array.from({ length: 5 }, ((r) => () => r.next())(createRandom(42)));
    const simulator = simulateCreateRandom(42);
    const themes = themesCreateRandom(42);
    const sentiment = sentimentCreateRandom(42);
    const insights = seededRandom(42);
    expect(simulateCreateRandom).toBe(createRandom);
    expect(new SimulateRandom(42)).toBeInstanceOf(SimulateRandom);
    for (const u of reference) {
      expect(simulator.next()).toBe(u);
      expect(themes.next()).toBe(u);
      expect(sentiment.next()).toBe(u);
      expect(insights()).toBe(u);
    }
  });
  it('sentiment keeps shuffledIndices(n, random) and themes int(n) is below(n)', () => {
    expect(sentimentShuffledIndices).toBe(shuffledIndices);
    const themes = themesCreateRandom(8);
    const shared = createRandom(8);
    for (let i = 0; i < 20; i++) expect(themes.int(7)).toBe(shared.below(7));
  });
});

describe('fmix32(value)', () => {
  it('fmix32(0) is 0 (every step maps 0 to 0, by hand) and fmix32 is one-to-one on 0..65535 (a bijection)', () => {
    expect(fmix32(0)).toBe(0);
    const seen = new Set<number>();
    for (let v = 0; v < 65536; v++) seen.add(fmix32(v));
    expect(seen.size).toBe(65536);
    expect(fmix32(1)).toBe(0x514e28b7); // MurmurHash3 fmix32(1), as printed by the C reference (smhasher)
  });
});

describe('randomFromSeed(seed, stream)', () => {
  it('randomFromSeed(seed) equals createRandom(seed) on integers and accepts any number (floored, folded)', () => {
    expect(randomFromSeed(7).state()).toEqual(createRandom(7).state());
    expect(randomFromSeed(7.9).state()).toEqual(createRandom(7).state());
    expect(randomFromSeed(-2.5).state()).toEqual(createRandom(-3).state());
    expect(randomFromSeed(Number.NaN).state()).toEqual(createRandom(0).state());
    expect(randomFromSeed(Infinity).state()).toEqual(createRandom(0).state());
    expect(() => randomFromSeed(1e300).next()).not.toThrow();
  });
  it('same seed, same output; another seed or stream, another output (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        const draw = (seed: number, stream = 0): number[] => Array.from({ length: 4 }, ((r) => () => r.next())(randomFromSeed(seed, stream)));
        expect(draw(a)).toEqual(draw(a));
        if (a !== b) expect(draw(a)).not.toEqual(draw(b));
        expect(draw(a)).not.toEqual(draw(a, 1));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('random.below(n), random.shuffle(items), random.sample(items, k), shuffledIndices(n, random)', () => {
  it('random.below(10) is uniform over 0..9: chi-square of 100,000 draws below the 0.999 quantile (9 df)', () => {
    const random = createRandom(21);
    const counts = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const k = random.below(10);
      if (Number.isInteger(k) && k >= 0 && k < 10) counts[k]! += 1;
      else outside++;
    }
    expect(outside).toBe(0);
    expect(chiSquare(counts, 10_000)).toBeLessThan(CHI2_999_DF9);
  });
  it('random.shuffle([a, b, c]) gives each of the 6 orders equally often: chi-square of 60,000 shuffles (5 df)', () => {
    const random = createRandom(22);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = random.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    expect(chiSquare([...counts.values()], 10_000)).toBeLessThan(CHI2_999_DF5);
  });
  it('random.sample(items, k) draws k distinct items, each with probability k / n (chi-square, 9 df)', () => {
    const random = createRandom(23);
    const items = Object.freeze(Array.from({ length: 10 }, (_, i) => i));
    const counts = new Array<number>(10).fill(0);
    let repeats = 0;
    for (let i = 0; i < 25_000; i++) {
      const drawn = random.sample(items, 4);
      if (new Set(drawn).size !== 4) repeats++;
      for (const v of drawn) counts[v]! += 1;
    }
    expect(repeats).toBe(0);
    // Each item is in a sample with probability 4/10: expected 10,000 of the 100,000 places.
    expect(chiSquare(counts, 10_000)).toBeLessThan(CHI2_999_DF9);
    expect(random.sample(items, 0)).toEqual([]);
    expect([...random.sample(items, 99)].sort((x, y) => x - y)).toEqual([...items]);
  });
  it('shuffledIndices(n, random) is a permutation of 0..n-1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer(), (n, seed) => {
        const order = shuffledIndices(n, randomFromSeed(seed));
        expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
  it('random.normal() passes a Kolmogorov-Smirnov test against N(0, 1) at a fixed seed (n = 20,000, D < 1.95 / sqrt(n))', () => {
    // 1.95 / sqrt(n) is the asymptotic 0.001 critical value of the KS statistic (Smirnov's limit distribution).
    const random = createRandom(24);
    const n = 20_000;
    const draws = Float64Array.from({ length: n }, () => random.normal()).sort();
    // Phi by the Abramowitz & Stegun 7.1.26 erf approximation (|error| < 1.5e-7), independent of the library.
    const phi = (z: number): number => {
      const x = Math.abs(z) / Math.SQRT2;
      const t = 1 / (1 + 0.3275911 * x);
      const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
      return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    };
    let d = 0;
    draws.forEach((z, i) => {
      const f = phi(z);
      d = Math.max(d, (i + 1) / n - f, f - i / n);
    });
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });
});
