/**
 * A small seeded generator for the classifier's example order: xorshift32 (Marsaglia 2003, "Xorshift RNGs",
 * Journal of Statistical Software 8(14)), seeded through one round of the SplitMix32 finaliser so that nearby
 * seeds give unrelated streams. Deterministic for a seed; no global state.
 */
export function createRandom(seed: number): () => number {
  let z = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  let state = (z ^ (z >>> 16)) >>> 0 || 0x6d2b79f5;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Fisher-Yates shuffle (Knuth, TAOCP vol. 2, algorithm P) of 0..n-1 with a seeded generator. */
export function shuffledIndices(n: number, random: () => number): number[] {
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
  return order;
}
