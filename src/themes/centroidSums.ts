import { assertArray, assertNumberOption, fail } from '../errors';
import type { CentroidSums, DenseMatrix } from './types';

/**
 * Per-cluster vector sums and counts of rows, the mergeable summary of a clustering (the reduce step of
 * k-means run over shards: Dhillon & Modha, "A data-clustering algorithm on distributed memory
 * multiprocessors", LNCS 1759, 2000). Rows with a negative assignment are skipped.
 *
 * Cost: O(n d).
 * @throws FeedbackMinerError INVALID_ARGUMENT / INVALID_OPTION on misuse
 * @example centroidSums({ rows: 2, cols: 1, data: Float64Array.of(1, 3) }, [0, 0], 1) // => { dimension: 1, sums: [[4]], counts: [2] }
 */
export function centroidSums(points: DenseMatrix, assignments: readonly number[], k: number): CentroidSums {
  const where = 'centroidSums';
  if (points === null || typeof points !== 'object' || !(points.data instanceof Float64Array)) {
    fail('INVALID_ARGUMENT', where, 'points', 'a DenseMatrix', points);
  }
  assertArray(where, 'assignments', assignments);
  assertNumberOption(where, 'k', k, { min: 1, integer: true });
  if (assignments.length !== points.rows) fail('INVALID_ARGUMENT', where, 'assignments', `${points.rows} cluster numbers`, assignments);
  const sums = Array.from({ length: k }, () => new Array<number>(points.cols).fill(0));
  const counts = new Array<number>(k).fill(0);
  assignments.forEach((c, i) => {
    if (!Number.isInteger(c) || c >= k) fail('INVALID_ARGUMENT', where, `assignments[${i}]`, `an integer < ${k}`, c);
    if (c < 0) return;
    const sum = sums[c]!;
    counts[c] = counts[c]! + 1;
    for (let j = 0; j < points.cols; j++) sum[j] = sum[j]! + points.data[i * points.cols + j]!;
  });
  return { dimension: points.cols, sums, counts };
}

/**
 * Adds two centroid-sum summaries of the same clusters and dimension (associative, commutative).
 *
 * Cost: O(k d).
 * @throws FeedbackMinerError INVALID_ARGUMENT when the two summaries differ in k or dimension
 * @example mergeCentroidSums({ dimension: 1, sums: [[4]], counts: [2] }, { dimension: 1, sums: [[1]], counts: [1] })
 * // => { dimension: 1, sums: [[5]], counts: [3] }
 */
export function mergeCentroidSums(a: CentroidSums, b: CentroidSums): CentroidSums {
  const where = 'mergeCentroidSums';
  for (const [name, value] of [['a', a], ['b', b]] as const) {
    if (value === null || typeof value !== 'object' || !Array.isArray(value.sums) || !Array.isArray(value.counts)) {
      fail('INVALID_ARGUMENT', where, name, 'a CentroidSums object', value);
    }
  }
  if (a.dimension !== b.dimension || a.sums.length !== b.sums.length) {
    fail('INVALID_ARGUMENT', where, 'b', `sums of ${a.sums.length} clusters in dimension ${a.dimension}`, b);
  }
  return {
    dimension: a.dimension,
    sums: a.sums.map((sum, c) => sum.map((value, j) => value + (b.sums[c]?.[j] ?? 0))),
    counts: a.counts.map((count, c) => count + (b.counts[c] ?? 0)),
  };
}
