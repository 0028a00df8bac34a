/**
 * The simulator's seeded generator is the library's one generator (src/internal/random.ts: sfc32 with its draws),
 * published here under the names the package has always exported.
 */
export { createRandom, Random } from '../internal/random';
export type { RandomState } from '../internal/random';
