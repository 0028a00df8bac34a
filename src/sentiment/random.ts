/**
 * The sentiment stage's seeded draws (the classifier's example order, cross-validation folds) come from the
 * library's one generator, src/internal/random.ts (sfc32); `createRandom` accepts any number as a seed (floored).
 */
export { randomFromSeed as createRandom, shuffledIndices } from '../internal/random';
