import { assertNumberOption, assertOptions, fail } from '../errors';
import { createRandom, type Random } from './random';
import type { DenseMatrix } from './types';

export interface MiniBatchKMeansOptions {
  /** Number of clusters (required, 1 <= k <= rows). */
  readonly k: number;
  /** Seed of every random choice (sampling, seeding, batches); default 0. */
  readonly seed?: number;
  /** Rows per mini-batch (default 1024). */
  readonly batchSize?: number;
  /** Mini-batches to run (default 100; fewer when the centroids stop moving). */
  readonly maxIterations?: number;
  /**
   * Stop when, over a batch, no centroid moved more than this (Euclidean distance; default 1e-4). 0 runs all
   * `maxIterations`.
   */
  readonly tolerance?: number;
  /** Rows sampled for the k-means++ seeding (default min(rows, max(3 * batchSize, 10 * k))). */
  readonly initSize?: number;
  /**
   * Renormalise centroids to unit length after each update and measure distance as `2 - 2 cos` (spherical
   * variant for unit-length text vectors, as in Sculley's experiments); default false (plain Euclidean).
   */
  readonly spherical?: boolean;
}

/** The state of a mini-batch k-means, plain JSON: enough to continue training on more batches. */
export interface MiniBatchState {
  /** `centroids[c]` has length `dimension`. */
  readonly centroids: readonly (readonly number[])[];
  /** Rows each centroid has absorbed so far (its per-centre learning rate is 1 / count). */
  readonly counts: readonly number[];
  readonly spherical: boolean;
}

export interface MiniBatchKMeansResult {
  /** Cluster of each row, 0..k-1 (nearest final centroid). */
  readonly assignments: Int32Array;
  readonly centroids: DenseMatrix;
  /** Sum over rows of the squared Euclidean distance to their centroid (lower is better). */
  readonly inertia: number;
  /** Mini-batches run. */
  readonly iterations: number;
  /** The state after training, to continue with `miniBatchUpdate` on new data. */
  readonly state: MiniBatchState;
}

function checkMatrix(where: string, points: unknown): asserts points is DenseMatrix {
  const m = points as Partial<DenseMatrix> | null;
  if (m === null || typeof m !== 'object' || !(m.data instanceof Float64Array) || typeof m.rows !== 'number' || typeof m.cols !== 'number' || m.data.length !== m.rows * m.cols) {
    fail('INVALID_ARGUMENT', where, 'points', 'a DenseMatrix', points);
  }
}

/**
 * Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering", WWW): each step draws a random batch of
 * rows, assigns each to its nearest centroid with the centroids of the step's start, then moves each centroid
 * towards each of its rows with the per-centre learning rate 1 / (rows absorbed so far), so each centroid is the
 * running mean of what it absorbed. Seeding by k-means++ (Arthur & Vassilvitskii, SODA 2007) on a seeded sample.
 * The cost per step does not grow with the corpus, so corpora too large for batch k-means are clustered in one
 * pass of O(iterations * batchSize * k * d) plus one final assignment pass. Seeded: same seed, same result.
 *
 * Cost: O(initSize * k * d + iterations * batchSize * k * d + n * k * d) time, O(k * d + n) extra memory.
 * @throws FeedbackMinerError INVALID_ARGUMENT when `points` is not a DenseMatrix; INVALID_OPTION for a bad option
 * @example
 * miniBatchKMeans({ rows: 4, cols: 1, data: Float64Array.of(0, 0.1, 10, 10.1) }, { k: 2, seed: 1, batchSize: 4 }).assignments
 * // => Int32Array [0, 0, 1, 1] (cluster numbers may be swapped)
 */
export function miniBatchKMeans(points: DenseMatrix, options: MiniBatchKMeansOptions): MiniBatchKMeansResult {
  const where = 'miniBatchKMeans';
  checkMatrix(where, points);
  assertOptions(where, options);
  if (options === undefined) fail('INVALID_ARGUMENT', where, 'options', 'an object with k', options);
  const { k } = options;
  assertNumberOption(where, 'options.k', k, { min: 1, max: Math.max(1, points.rows), integer: true });
  const seed = options.seed ?? 0;
  const batchSize = options.batchSize ?? 1024;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  const spherical = options.spherical ?? false;
  assertNumberOption(where, 'options.seed', seed, { integer: true });
  assertNumberOption(where, 'options.batchSize', batchSize, { min: 1, integer: true });
  assertNumberOption(where, 'options.maxIterations', maxIterations, { min: 1, integer: true });
  assertNumberOption(where, 'options.tolerance', tolerance, { min: 0 });
  if (typeof spherical !== 'boolean') fail('INVALID_OPTION', where, 'options.spherical', 'a boolean', spherical);
  const initSize = options.initSize ?? Math.min(points.rows, Math.max(3 * batchSize, 10 * k));
  assertNumberOption(where, 'options.initSize', initSize, { min: k, integer: true });

  const { rows, cols } = points;
  const random = createRandom(seed);
  const centroids = seedPlusPlus(points, k, Math.min(initSize, rows), random);
  if (spherical) for (let c = 0; c < k; c++) normalizeRow(centroids, c, cols);
  const counts = new Float64Array(k);
  const batch = Math.min(batchSize, rows);
  const chosen = new Int32Array(batch);
  const nearestOf = new Int32Array(batch);
  const before = new Float64Array(k * cols);
  let iterations = 0;
  for (let step = 0; step < maxIterations; step++) {
    iterations++;
    for (let b = 0; b < batch; b++) chosen[b] = random.int(rows);
    // Assign the whole batch first (Sculley's algorithm caches the nearest centre before any update).
    for (let b = 0; b < batch; b++) nearestOf[b] = nearest(points.data, (chosen[b] as number) * cols, centroids, k, cols).index;
    before.set(centroids);
    for (let b = 0; b < batch; b++) {
      const c = nearestOf[b] as number;
      counts[c] = (counts[c] as number) + 1;
      const rate = 1 / (counts[c] as number);
      const row = (chosen[b] as number) * cols;
      const at = c * cols;
      for (let j = 0; j < cols; j++) centroids[at + j] = (1 - rate) * (centroids[at + j] as number) + rate * (points.data[row + j] as number);
    }
    if (spherical) for (let c = 0; c < k; c++) normalizeRow(centroids, c, cols);
    if (tolerance > 0) {
      let shift = 0;
      for (let c = 0; c < k; c++) {
        let sq = 0;
        for (let j = 0; j < cols; j++) sq += ((centroids[c * cols + j] as number) - (before[c * cols + j] as number)) ** 2;
        shift = Math.max(shift, Math.sqrt(sq));
      }
      if (shift < tolerance) break;
    }
  }
  const assignments = new Int32Array(rows);
  let inertia = 0;
  for (let i = 0; i < rows; i++) {
    const found = nearest(points.data, i * cols, centroids, k, cols);
    assignments[i] = found.index;
    inertia += found.distance;
  }
  const state: MiniBatchState = {
    centroids: Array.from({ length: k }, (_, c) => Array.from(centroids.subarray(c * cols, (c + 1) * cols))),
    counts: Array.from(counts),
    spherical,
  };
  return { assignments, centroids: { rows: k, cols, data: centroids }, inertia, iterations, state };
}

/**
 * One more mini-batch step on new rows (all of `batch`, in order), from a state returned by `miniBatchKMeans` or a
 * previous update: the streaming form of Sculley's algorithm for data that arrives in chunks or does not fit in
 * memory. Returns a new state; the input state is not changed.
 *
 * Cost: O(b * k * d) for b rows.
 * @throws FeedbackMinerError INVALID_ARGUMENT for a malformed state or a batch of another dimension
 * @example miniBatchUpdate({ centroids: [[0], [10]], counts: [1, 1], spherical: false }, { rows: 1, cols: 1, data: Float64Array.of(2) }).centroids
 * // => [[1], [10]]
 */
export function miniBatchUpdate(state: MiniBatchState, batch: DenseMatrix): MiniBatchState {
  const where = 'miniBatchUpdate';
  checkMatrix(where, batch);
  if (
    state === null ||
    typeof state !== 'object' ||
    !Array.isArray(state.centroids) ||
    !Array.isArray(state.counts) ||
    state.centroids.length === 0 ||
    state.counts.length !== state.centroids.length ||
    state.centroids.some((c) => !Array.isArray(c) || c.length !== batch.cols)
  ) {
    fail('INVALID_ARGUMENT', where, 'state', `a MiniBatchState with centroids of dimension ${batch.cols}`, state);
  }
  const k = state.centroids.length;
  const cols = batch.cols;
  const centroids = new Float64Array(k * cols);
  state.centroids.forEach((c, i) => centroids.set(c, i * cols));
  const counts = Float64Array.from(state.counts);
  const nearestOf = Int32Array.from({ length: batch.rows }, (_, i) => nearest(batch.data, i * cols, centroids, k, cols).index);
  for (let i = 0; i < batch.rows; i++) {
    const c = nearestOf[i] as number;
    counts[c] = (counts[c] as number) + 1;
    const rate = 1 / (counts[c] as number);
    for (let j = 0; j < cols; j++) centroids[c * cols + j] = (1 - rate) * (centroids[c * cols + j] as number) + rate * (batch.data[i * cols + j] as number);
  }
  if (state.spherical) for (let c = 0; c < k; c++) normalizeRow(centroids, c, cols);
  return {
    centroids: Array.from({ length: k }, (_, c) => Array.from(centroids.subarray(c * cols, (c + 1) * cols))),
    counts: Array.from(counts),
    spherical: state.spherical === true,
  };
}

function nearest(data: Float64Array, at: number, centroids: Float64Array, k: number, cols: number): { index: number; distance: number } {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    let sum = 0;
    const base = c * cols;
    for (let j = 0; j < cols; j++) {
      const diff = (data[at + j] as number) - (centroids[base + j] as number);
      sum += diff * diff;
    }
    if (sum < bestDistance) {
      bestDistance = sum;
      best = c;
    }
  }
  return { index: best, distance: bestDistance };
}

function normalizeRow(matrix: Float64Array, row: number, cols: number): void {
  let sq = 0;
  for (let j = 0; j < cols; j++) sq += (matrix[row * cols + j] as number) ** 2;
  if (sq === 0) return;
  const scale = 1 / Math.sqrt(sq);
  for (let j = 0; j < cols; j++) matrix[row * cols + j] = (matrix[row * cols + j] as number) * scale;
}

/** k-means++ (D^2 sampling) on a seeded sample of `size` rows; returns k x cols centroids. */
function seedPlusPlus(points: DenseMatrix, k: number, size: number, random: Random): Float64Array {
  const { rows, cols } = points;
  const sample = new Int32Array(size);
  if (size === rows) for (let i = 0; i < rows; i++) sample[i] = i;
  else for (let i = 0; i < size; i++) sample[i] = random.int(rows);
  const centroids = new Float64Array(k * cols);
  const first = sample[random.int(size)] as number;
  centroids.set(points.data.subarray(first * cols, (first + 1) * cols), 0);
  const distance = new Float64Array(size);
  for (let s = 0; s < size; s++) distance[s] = nearest(points.data, (sample[s] as number) * cols, centroids, 1, cols).distance;
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let s = 0; s < size; s++) total += distance[s] as number;
    let pick = random.int(size);
    if (total > 0) {
      let target = random.next() * total;
      for (let s = 0; s < size; s++) {
        target -= distance[s] as number;
        if (target < 0) {
          pick = s;
          break;
        }
      }
    }
    const row = sample[pick] as number;
    centroids.set(points.data.subarray(row * cols, (row + 1) * cols), c * cols);
    const view = centroids.subarray(c * cols, (c + 1) * cols);
    for (let s = 0; s < size; s++) {
      const d = nearest(points.data, (sample[s] as number) * cols, view, 1, cols).distance;
      if (d < (distance[s] as number)) distance[s] = d;
    }
  }
  return centroids;
}
