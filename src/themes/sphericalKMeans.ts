import { assertNumberOption, assertOptions, fail } from '../errors';
import { createRandom, type Random } from './random';
import type { DenseMatrix } from './types';

export interface SphericalKMeansOptions {
  /** Number of clusters (required, 1 <= k <= rows). */
  readonly k: number;
  readonly seed?: number;
  /** Independent k-means++ starts; the one with the highest total cosine similarity is kept (default 10). */
  readonly restarts?: number;
  /** Lloyd iterations per start (default 100). */
  readonly maxIterations?: number;
  /**
   * Run the restarts on a seeded sample of at most this many rows, then refine the best start on all rows
   * (default 4000): the cost of restarts stops growing with the data.
   */
  readonly sampleSize?: number;
}

export interface SphericalKMeansResult {
  /** Cluster of each row, in 0..k-1. */
  readonly assignments: Int32Array;
  /** Unit-length centroids, k x cols. */
  readonly centroids: DenseMatrix;
  /** Sum over rows of the cosine similarity to their centroid (higher is better). */
  readonly objective: number;
  /** Lloyd iterations of the final refinement. */
  readonly iterations: number;
  /** Times an empty cluster was reseeded. */
  readonly reseeds: number;
}

/**
 * Spherical k-means: k-means with cosine similarity on unit-length rows, centroids renormalised to unit length
 * (Dhillon & Modha, "Concept decompositions for large sparse text data using clustering", Machine Learning 42,
 * 2001). Seeding by k-means++ (Arthur & Vassilvitskii, SODA 2007) with `2 + ln k` candidates per step as in
 * greedy k-means++, several restarts keeping the best objective, and reseeding of a cluster that empties with
 * the row farthest from its centroid. Rows should be unit length; all-zero rows are allowed and go to cluster 0
 * unless something is nearer.
 *
 * Cost: O(restarts * iterations * s * k * d) on the sample of size s, plus O(iterations * n * k * d) for the
 * refinement on all n rows.
 * @throws FeedbackMinerError INVALID_OPTION when k is not an integer from 1 to the number of rows
 * @example sphericalKMeans({ rows: 4, cols: 2, data: Float64Array.of(1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9) }, { k: 2, seed: 1 }).assignments
 * // => Int32Array [0, 0, 1, 1] (cluster numbers may be swapped)
 */
export function sphericalKMeans(points: DenseMatrix, options: SphericalKMeansOptions): SphericalKMeansResult {
  const where = 'sphericalKMeans';
  if (points === null || typeof points !== 'object' || !(points.data instanceof Float64Array)) {
    fail('INVALID_ARGUMENT', where, 'points', 'a DenseMatrix', points);
  }
  if (points.data.length !== points.rows * points.cols) {
    fail('INVALID_ARGUMENT', where, 'points.data.length', `rows x cols = ${points.rows * points.cols}`, points.data.length);
  }
  // A NaN or infinite coordinate poisons every distance (k-means++ then cannot draw a seed): misuse, not bad data,
  // since vectors come from vectorize / randomizedSvd, which only make finite ones.
  for (let i = 0; i < points.data.length; i++) {
    if (!Number.isFinite(points.data[i])) fail('INVALID_ARGUMENT', where, `points.data[${i}]`, 'a finite number', points.data[i]);
  }
  assertOptions(where, options);
  if (options === undefined) fail('INVALID_ARGUMENT', where, 'options', 'an object with k', options);
  const { k } = options;
  assertNumberOption(where, 'options.k', k, { min: 1, max: Math.max(1, points.rows), integer: true });
  const seed = options.seed ?? 0;
  const restarts = options.restarts ?? 10;
  const maxIterations = options.maxIterations ?? 100;
  const sampleSize = options.sampleSize ?? 4000;
  assertNumberOption(where, 'options.seed', seed, { integer: true });
  assertNumberOption(where, 'options.restarts', restarts, { min: 1, integer: true });
  assertNumberOption(where, 'options.maxIterations', maxIterations, { min: 1, integer: true });
  assertNumberOption(where, 'options.sampleSize', sampleSize, { min: 1, integer: true });
  const random = createRandom(seed);
  const sample = points.rows > sampleSize ? sampleRows(points, sampleSize, random) : points;
  let best: SphericalKMeansResult | undefined;
  for (let start = 0; start < restarts; start++) {
    const seeds = kMeansPlusPlus(sample, k, random);
    // Starts are compared after a few cheap iterations (a loose tolerance); only the best is run to convergence.
    const result = lloyd(sample, seeds, Math.min(maxIterations, 6), 1e-3);
    if (best === undefined || result.objective > best.objective + 1e-12) best = result;
  }
  const chosen = best as SphericalKMeansResult;
  const final = lloyd(points, chosen.centroids, maxIterations, 1e-6);
  return { ...final, reseeds: final.reseeds + chosen.reseeds };
}

function sampleRows(points: DenseMatrix, size: number, random: Random): DenseMatrix {
  // Partial Fisher-Yates shuffle of row indices, then rows kept in original order.
  const order = Int32Array.from({ length: points.rows }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(points.rows - i);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  const chosen = Array.from(order.subarray(0, size)).sort((x, y) => x - y);
  const data = new Float64Array(size * points.cols);
  chosen.forEach((row, i) => data.set(points.data.subarray(row * points.cols, (row + 1) * points.cols), i * points.cols));
  return { rows: size, cols: points.cols, data };
}

function rowDot(points: DenseMatrix, row: number, centroids: Float64Array, centroid: number): number {
  const d = points.cols;
  const a = row * d;
  const b = centroid * d;
  let sum = 0;
  for (let j = 0; j < d; j++) sum += points.data[a + j]! * centroids[b + j]!;
  return sum;
}

/** Greedy k-means++ seeding with distance 1 - cos (half the squared Euclidean distance on unit vectors). */
export function kMeansPlusPlus(points: DenseMatrix, k: number, random: Random): DenseMatrix {
  const { rows, cols } = points;
  const centroids = new Float64Array(k * cols);
  const distance = new Float64Array(rows);
  const first = random.int(rows);
  centroids.set(points.data.subarray(first * cols, (first + 1) * cols), 0);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    distance[i] = Math.max(0, 1 - rowDot(points, i, centroids, 0));
    total += distance[i]!;
  }
  const trials = 2 + Math.floor(Math.log(k));
  const candidateDistance = new Float64Array(rows);
  for (let c = 1; c < k; c++) {
    let bestCandidate = -1;
    let bestTotal = Infinity;
    let bestDistance: Float64Array | undefined;
    for (let t = 0; t < trials; t++) {
      const candidate = total > 0 ? drawProportional(distance, total, random) : random.int(rows);
      let candidateTotal = 0;
      for (let i = 0; i < rows; i++) {
        let sum = 0;
        const a = i * cols;
        const b = candidate * cols;
        for (let j = 0; j < cols; j++) sum += points.data[a + j]! * points.data[b + j]!;
        const value = Math.min(distance[i]!, Math.max(0, 1 - sum));
        candidateDistance[i] = value;
        candidateTotal += value;
      }
      if (candidateTotal < bestTotal) {
        bestTotal = candidateTotal;
        bestCandidate = candidate;
        bestDistance = Float64Array.from(candidateDistance);
      }
    }
    centroids.set(points.data.subarray(bestCandidate * cols, (bestCandidate + 1) * cols), c * cols);
    distance.set(bestDistance as Float64Array);
    total = bestTotal;
  }
  return { rows: k, cols, data: centroids };
}

function drawProportional(weights: Float64Array, total: number, random: Random): number {
  let target = random.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

function lloyd(points: DenseMatrix, initial: DenseMatrix, maxIterations: number, tolerance: number): SphericalKMeansResult {
  const { rows, cols } = points;
  const k = initial.rows;
  const centroids = Float64Array.from(initial.data);
  const assignments = new Int32Array(rows).fill(-1);
  const similarity = new Float64Array(rows);
  let objective = -Infinity;
  let iterations = 0;
  let reseeds = 0;
  const sums = new Float64Array(k * cols);
  const counts = new Int32Array(k);
  for (; iterations < maxIterations; ) {
    iterations++;
    let changed = 0;
    let total = 0;
    const data = points.data;
    for (let i = 0; i < rows; i++) {
      let bestCluster = 0;
      let bestSimilarity = -Infinity;
      const offset = i * cols;
      for (let c = 0; c < k; c++) {
        let value = 0;
        const centroidOffset = c * cols;
        for (let j = 0; j < cols; j++) value += data[offset + j]! * centroids[centroidOffset + j]!;
        if (value > bestSimilarity) {
          bestSimilarity = value;
          bestCluster = c;
        }
      }
      if (assignments[i] !== bestCluster) changed++;
      assignments[i] = bestCluster;
      similarity[i] = bestSimilarity;
      total += bestSimilarity;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < rows; i++) {
      const c = assignments[i]!;
      counts[c] = counts[c]! + 1;
      const a = i * cols;
      const b = c * cols;
      for (let j = 0; j < cols; j++) sums[b + j] = sums[b + j]! + points.data[a + j]!;
    }
    let reseeded = false;
    for (let c = 0; c < k; c++) {
      if (counts[c]! === 0) {
        // Reseed an empty cluster with the row least similar to its own centroid, taken from a cluster of 2+.
        let worst = -1;
        let worstSimilarity = Infinity;
        for (let i = 0; i < rows; i++) {
          const own = assignments[i]!;
          if (counts[own]! > 1 && similarity[i]! < worstSimilarity) {
            worstSimilarity = similarity[i]!;
            worst = i;
          }
        }
        if (worst < 0) continue;
        const from = assignments[worst]!;
        counts[from] = counts[from]! - 1;
        for (let j = 0; j < cols; j++) {
          const value = points.data[worst * cols + j]!;
          sums[from * cols + j] = sums[from * cols + j]! - value;
          sums[c * cols + j] = value;
        }
        counts[c] = 1;
        assignments[worst] = c;
        similarity[worst] = 1;
        reseeds++;
        reseeded = true;
      }
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < cols; j++) norm += sums[c * cols + j]! ** 2;
      norm = Math.sqrt(norm);
      if (norm > 0) for (let j = 0; j < cols; j++) centroids[c * cols + j] = sums[c * cols + j]! / norm;
    }
    const improved = total - objective;
    objective = total;
    if (!reseeded && (changed === 0 || improved <= tolerance * Math.max(1, Math.abs(total)))) break;
  }
  // Final objective against the final centroids.
  let finalObjective = 0;
  for (let i = 0; i < rows; i++) finalObjective += rowDot(points, i, centroids, assignments[i]!);
  return {
    assignments,
    centroids: { rows: k, cols, data: centroids },
    objective: finalObjective,
    iterations,
    reseeds,
  };
}
