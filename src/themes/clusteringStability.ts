import { assertNumberOption, assertOptions, fail } from '../errors';
import { adjustedRandIndex } from './clusterAgreement';
import { createRandom } from './random';
import { sphericalKMeans } from './sphericalKMeans';
import type { DenseMatrix, KSelectionScore } from './types';

export interface ClusteringStabilityOptions {
  /** Number of clusters (an integer >= 2). */
  readonly k: number;
  /** Seed of the random splits and of k-means (default 0). */
  readonly seed?: number;
  /** Random half splits (default 6); the score is their mean. */
  readonly repeats?: number;
  /** k-means++ restarts per half (default 2). */
  readonly restarts?: number;
}

export interface ClusteringStability {
  /** Mean agreement (adjusted Rand index) between transferred and own clusterings; 1 is perfectly stable. */
  readonly stability: number;
  /** Standard error of that mean over the repeats (0 with one repeat). */
  readonly standardError: number;
  /** Agreement of each repeat. */
  readonly values: readonly number[];
}

/**
 * Stability of spherical k-means with k clusters under resampling, by the transfer scheme of Lange, Roth, Braun
 * & Buhmann ("Stability-based validation of clustering solutions", Neural Computation 16, 2004): the rows are
 * split at random into two halves; each half is clustered; the clustering of the first half is transferred to
 * the second by the nearest-centroid rule, and its agreement with the second half's own clustering is measured
 * (and the same the other way round). A k that matches real structure gives the same partition whatever half it
 * was learnt on; a k that is too large splits clusters arbitrarily and a k that is too small merges them
 * arbitrarily, and either disagrees between halves (Ben-Hur, Elisseeff & Guyon, "A stability based method for
 * discovering structure in clustered data", PSB 2002). Agreement is the adjusted Rand index (Hubert & Arabie
 * 1985), which is already corrected for chance, in place of Lange et al.'s permutation-minimised disagreement
 * normalised by that of random labellings.
 *
 * Rows should be unit length (cosine geometry). Cost: O(repeats * restarts * iterations * n * k * d).
 * @throws FeedbackMinerError INVALID_ARGUMENT when `points` is not a DenseMatrix; INVALID_OPTION when k is not an
 *   integer from 2 to half the rows, or repeats/restarts are not integers >= 1
 * @example
 * // two tight, well separated groups of 10 unit vectors
 * const rows = Array.from({ length: 20 }, (_, i) => (i < 10 ? [1, 0.01 * i] : [0.01 * i, 1]));
 * const data = Float64Array.from(rows.flatMap(([x, y]) => [x! / Math.hypot(x!, y!), y! / Math.hypot(x!, y!)]));
 * clusteringStability({ rows: 20, cols: 2, data }, { k: 2, seed: 1 }).stability // => 1
 */
export function clusteringStability(points: DenseMatrix, options: ClusteringStabilityOptions): ClusteringStability {
  const where = 'clusteringStability';
  if (points === null || typeof points !== 'object' || !(points.data instanceof Float64Array)) {
    fail('INVALID_ARGUMENT', where, 'points', 'a DenseMatrix', points);
  }
  assertOptions(where, options);
  if (options === undefined) fail('INVALID_ARGUMENT', where, 'options', 'an object with k', options);
  const half = Math.floor(points.rows / 2);
  assertNumberOption(where, 'options.k', options.k, { min: 2, max: Math.max(2, half), integer: true });
  if (half < 2) fail('INSUFFICIENT_DATA', where, 'points', 'at least 4 rows', points.rows);
  const seed = options.seed ?? 0;
  const repeats = options.repeats ?? 6;
  const restarts = options.restarts ?? 2;
  assertNumberOption(where, 'options.seed', seed, { integer: true });
  assertNumberOption(where, 'options.repeats', repeats, { min: 1, integer: true });
  assertNumberOption(where, 'options.restarts', restarts, { min: 1, integer: true });
  const { k } = options;
  const random = createRandom(seed);
  const values: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const order = Int32Array.from({ length: points.rows }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    const first = rowsOf(points, order.subarray(0, half));
    const second = rowsOf(points, order.subarray(half, 2 * half));
    const runSeed = random.int(2 ** 31);
    const a = sphericalKMeans(first, { k, seed: runSeed, restarts, sampleSize: half });
    const b = sphericalKMeans(second, { k, seed: runSeed + 1, restarts, sampleSize: half });
    const forward = adjustedRandIndex(Array.from(b.assignments), nearest(second, a.centroids));
    const backward = adjustedRandIndex(Array.from(a.assignments), nearest(first, b.centroids));
    values.push((forward + backward) / 2);
  }
  const stability = values.reduce((sum, v) => sum + v, 0) / repeats;
  const variance = repeats > 1 ? values.reduce((sum, v) => sum + (v - stability) ** 2, 0) / (repeats - 1) : 0;
  return { stability, standardError: Math.sqrt(variance / repeats), values };
}

function rowsOf(points: DenseMatrix, rows: Int32Array): DenseMatrix {
  const { cols } = points;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => data.set(points.data.subarray(row * cols, (row + 1) * cols), i * cols));
  return { rows: rows.length, cols, data };
}

/** Nearest centroid (largest dot product) of each row; ties to the lower number. */
function nearest(points: DenseMatrix, centroids: DenseMatrix): number[] {
  const { rows, cols, data } = points;
  const out = new Array<number>(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let bestDot = -Infinity;
    for (let c = 0; c < centroids.rows; c++) {
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += data[i * cols + j]! * centroids.data[c * cols + j]!;
      if (dot > bestDot + 1e-12) {
        bestDot = dot;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * The k chosen among scored candidates (in increasing k). By stability, when asked and measured: the
 * one-standard-error rule (Breiman et al. 1984, as in Hastie, Tibshirani & Friedman 2009, sec. 7.10), the
 * smallest k whose stability is within one standard error of the most stable; otherwise the best silhouette (the
 * first of equals, to 1e-12). Cost: O(candidates).
 */
export function chooseK(scores: readonly KSelectionScore[], byStability: boolean): { k: number; criterion: 'stability' | 'silhouette' } {
  const rated = scores.filter((s) => s.stability !== undefined);
  if (byStability && rated.length > 0) {
    const best = rated.reduce((x, y) => (y.stability! > x.stability! + 1e-12 ? y : x));
    return { k: rated.find((s) => s.stability! >= best.stability! - best.standardError!)!.k, criterion: 'stability' };
  }
  return { k: scores.reduce((x, y) => (y.silhouette > x.silhouette + 1e-12 ? y : x)).k, criterion: 'silhouette' };
}
