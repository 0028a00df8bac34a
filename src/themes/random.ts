/**
 * Seeded pseudo-random numbers for every random step of the themes stage (SVD test matrices, k-means++ seeding,
 * silhouette samples). Nothing in feedback-miner draws unseeded randomness: the same seed gives the same output.
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4),
 * 2021), its 128-bit state filled from the seed by SplitMix32 (the 32-bit variant of SplitMix, Steele, Lea &
 * Flood, OOPSLA 2014), as the authors recommend. Normal deviates by the Box-Muller transform (Box & Muller 1958).
 */

/** A seeded source of random numbers. Internal to one call: never shared across calls. */
export interface Random {
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A standard normal deviate. */
  normal(): number;
}

function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a seeded generator. O(1) per draw.
 * @example const random = createRandom(42); random.next() // => a float in [0, 1), the same for seed 42 every time
 */
export function createRandom(seed: number): Random {
  const fill = splitMix32(Math.floor(seed) | 0);
  let s0 = fill();
  let s1 = fill();
  let s2 = fill();
  let s3 = fill();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const nextUint = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  let spare: number | undefined;
  const next = (): number => nextUint() / 4294967296;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal: () => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      let u = next();
      while (u <= 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
