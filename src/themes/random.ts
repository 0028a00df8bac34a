/**
 * Seeded pseudo-random numbers for every random step of the themes stage (SVD test matrices, k-means++ seeding,
 * silhouette samples, stability splits): the library's one generator (src/internal/random.ts, sfc32), seen
 * through the three draws the stage uses. Nothing in feedback-miner draws unseeded randomness: the same seed gives
 * the same output.
 */
import { randomFromSeed } from '../internal/random';

/** A seeded source of random numbers. Internal to one call: never shared across calls. */
export interface Random {
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A standard normal deviate (Box-Muller). */
  normal(): number;
}

/**
 * Creates a seeded generator; any number is accepted as a seed (floored). O(1) per draw.
 * @example const random = createRandom(42); random.next() // => a float in [0, 1), the same for seed 42 every time
 */
export function createRandom(seed: number): Random {
  const random = randomFromSeed(seed);
  return { next: () => random.next(), int: (n: number) => random.below(n), normal: () => random.normal() };
}
