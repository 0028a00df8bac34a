/**
 * The one seeded pseudo-random generator of feedback-miner, and the draws its stages need. Nothing in the library
 * draws unseeded randomness: the same seed gives the same output in every runtime.
 *
 * Generator: sfc32, Chris Doty-Humphrey's "small fast chaotic" 32-bit generator from the PractRand test suite
 * (PractRand 0.94, 2014; it passes PractRand to its 2^40-byte limit and TestU01's BigCrush). Its state is four
 * 32-bit words, one of them a counter, so no seed can fall into a short cycle (period at least 2^32, 2^127 on
 * average). The three free words are filled from the seed by MurmurHash3's 32-bit finaliser (Appleby 2011, the
 * output function of SplitMix32), which spreads every seed bit over the word, and the generator is warmed up by 15
 * rounds, so that nearby seeds and streams give unrelated sequences.
 *
 * The four copies the stages had before (sfc32 in the simulator, xoshiro128** in themes, xorshift32 in sentiment,
 * mulberry32 in insights) are this one now; the simulator's was kept, so its data (the demo's) did not change.
 * Every draw costs O(1) (Poisson: O(mean) below 30; shuffles and samples O(n) and O(k)).
 */
import { assertNumberOption, fail } from '../errors';
import { logGamma } from './special';

/** The serialisable state of a {@link Random}: the four 32-bit words of sfc32. */
export type RandomState = readonly [number, number, number, number];

/**
 * MurmurHash3's 32-bit finaliser fmix32 (Appleby, 2011): a bijection on 32-bit words that spreads every input bit
 * over the whole word. O(1).
 * @example fmix32(0) // => 0
 */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded pseudo-random generator (sfc32; see the module's comment) with the draws the stages need: uniform,
 * integers, normal (Box–Muller, Box and Muller 1958), Poisson (Knuth's multiplication method for small means,
 * TAOCP vol. 2, §3.4.1; Hörmann's transformed rejection PTRS for means >= 30, Hörmann 1993, "The transformed
 * rejection method for generating Poisson random variables"), weighted picks, shuffles and samples (Fisher–Yates
 * in Durstenfeld's form, Knuth TAOCP vol. 2, §3.4.2, algorithm P).
 *
 * The generator's whole state is {@link Random.state}, four integers that can be stored as JSON and passed back
 * to {@link createRandom} to continue the same sequence.
 */
export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spareNormal: number | undefined = undefined;

  /** Use {@link createRandom}. */
  constructor(seed: number, stream = 0) {
    assertNumberOption('Random', 'seed', seed, { integer: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    assertNumberOption('Random', 'stream', stream, { integer: true, min: 0, max: 4294967295 });
    this.reseed(seed, stream);
  }

  /** Restarts the sequence from `(seed, stream)`: the same pair always gives the same sequence. O(1). */
  reseed(seed: number, stream = 0): void {
    const low = seed >>> 0;
    const high = Math.floor(seed / 4294967296) >>> 0;
    this.a = fmix32(low ^ 0x9e3779b9);
    this.b = fmix32(high ^ 0x243f6a88 ^ Math.imul(stream, 0x85ebca6b));
    this.c = fmix32((stream >>> 0) ^ 0xb7e15162 ^ low);
    this.d = 1;
    this.spareNormal = undefined;
    for (let i = 0; i < 15; i += 1) this.next();
  }

  /** The generator's state, to store and resume with `createRandom(state)`. */
  state(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }

  /** Sets the state from {@link Random.state}. */
  restore(state: RandomState): void {
    [this.a, this.b, this.c, this.d] = state.map((word) => word >>> 0) as [number, number, number, number];
    this.spareNormal = undefined;
  }

  /** A uniform draw in [0, 1) with 32 bits of resolution. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A uniform integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A uniform integer in [0, n) (n >= 1; bias below n / 2^32). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniform number in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One element drawn with probability proportional to its weight (weights >= 0, not all zero). O(n). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const weight of weights) total += weight;
    let target = this.next() * total;
    for (let i = 0; i < items.length; i += 1) {
      target -= weights[i] ?? 0;
      if (target < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** A normal draw with the given mean and standard deviation (Box–Muller, the second value kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * spare;
    }
    const u = 1 - this.next(); // (0, 1]: log(0) is never taken
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }

  /** A Poisson draw with mean `lambda` >= 0 (0 for a mean that is not > 0). */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      // Knuth: multiply uniforms until the product falls below e^-lambda.
      const limit = Math.exp(-lambda);
      let count = 0;
      let product = this.next();
      while (product > limit) {
        count += 1;
        product *= this.next();
      }
      return count;
    }
    // PTRS (Hörmann 1993).
    const root = Math.sqrt(lambda);
    const logLambda = Math.log(lambda);
    const b = 0.931 + 2.53 * root;
    const a = -0.059 + 0.02483 * b;
    const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logGamma(k + 1)) {
        return k;
      }
    }
  }

  /** Shuffles `items` in place, every order equally likely (Fisher–Yates, Durstenfeld's form), and returns it. O(n). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const held = items[i] as T;
      items[i] = items[j] as T;
      items[j] = held;
    }
    return items;
  }

  /**
   * `k` distinct elements of `items` drawn uniformly without replacement, in the order drawn (the first k steps of
   * a forward Fisher–Yates on a copy); all of them, shuffled, when k >= items.length. O(n) copy, O(k) draws.
   */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = items.slice();
    const size = Math.max(0, Math.min(Math.floor(k), pool.length));
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      const held = pool[i] as T;
      pool[i] = pool[j] as T;
      pool[j] = held;
    }
    pool.length = size;
    return pool;
  }
}

/**
 * Creates a seeded {@link Random}: from an integer seed (any safe integer, negative included) and an optional
 * stream number (independent sequences for the same seed), or from a stored {@link RandomState}.
 * Cost: O(1).
 * @throws FeedbackMinerError INVALID_OPTION when the seed is not a safe integer or the state not four integers.
 * @example
 * const random = createRandom(42);
 * random.int(1, 6) // => 2, on every run and in every runtime
 * random.next() // => 0.32660955050960183
 */
export function createRandom(seed: number | RandomState, stream = 0): Random {
  if (Array.isArray(seed)) {
    const state = seed as readonly unknown[];
    if (state.length !== 4 || !state.every((word) => Number.isInteger(word))) {
      fail('INVALID_OPTION', 'createRandom', 'seed', 'an integer or a state of 4 integers', seed);
    }
    const random = new Random(0);
    random.restore(seed as RandomState);
    return random;
  }
  assertNumberOption('createRandom', 'seed', seed, {
    min: Number.MIN_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  assertNumberOption('createRandom', 'stream', stream, { min: 0, max: 4294967295, integer: true });
  return new Random(seed as number, stream);
}

/**
 * A {@link Random} for internal callers whose seed option was validated elsewhere, or is derived (a seed plus a
 * run number): any number is accepted, floored, and folded into the safe integers (a non-finite seed counts as 0).
 * Cost: O(1). Never throws.
 */
export function randomFromSeed(seed: number, stream = 0): Random {
  const floored = Number.isFinite(seed) ? Math.floor(seed) : 0;
  const safe = Number.isSafeInteger(floored) ? floored : floored % Number.MAX_SAFE_INTEGER;
  return new Random(safe, stream);
}

/** The integers 0..n-1 in a uniformly random order (Fisher–Yates). O(n). */
export function shuffledIndices(n: number, random: Random): number[] {
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return random.shuffle(order);
}
