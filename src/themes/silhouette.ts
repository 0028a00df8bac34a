import { assertArray, fail } from '../errors';
import type { DenseMatrix } from './types';

/**
 * Mean silhouette width (Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of
 * cluster analysis", J. Comput. Appl. Math. 20, 1987) with the cosine dissimilarity `1 - cos` on unit-length
 * rows. Because that dissimilarity is linear in each vector, the mean dissimilarity of a row to a cluster is
 * `1 - x . S / |C|` for the cluster's vector sum S (own cluster: `1 - (x . S - 1) / (|C| - 1)`), so the exact
 * silhouette costs O(n k d) instead of the usual O(n^2 d). Rows in singleton clusters score 0 (Rousseeuw's
 * convention). Rows whose assignment is negative are skipped.
 *
 * @throws FeedbackMinerError INVALID_ARGUMENT when the assignments do not match the rows
 * @example cosineSilhouette({ rows: 4, cols: 2, data: Float64Array.of(1, 0, 1, 0, 0, 1, 0, 1) }, [0, 0, 1, 1]) // => 1
 */
export function cosineSilhouette(points: DenseMatrix, assignments: ArrayLike<number>): number {
  const where = 'cosineSilhouette';
  if (points === null || typeof points !== 'object' || !(points.data instanceof Float64Array)) {
    fail('INVALID_ARGUMENT', where, 'points', 'a DenseMatrix', points);
  }
  if (!ArrayBuffer.isView(assignments)) assertArray(where, 'assignments', assignments);
  if (assignments.length !== points.rows) {
    fail('INVALID_ARGUMENT', where, 'assignments', `${points.rows} cluster numbers`, assignments);
  }
  const { rows, cols, data } = points;
  let k = 0;
  for (let i = 0; i < rows; i++) {
    const cluster = assignments[i];
    // Cluster numbers index arrays of size k: a NaN, negative or huge one (1e308) is misuse, not data.
    if (typeof cluster !== 'number' || !Number.isInteger(cluster) || cluster < 0 || cluster >= Math.max(rows, 1)) {
      fail('INVALID_ARGUMENT', where, `assignments[${i}]`, `an integer from 0 to ${rows - 1}`, cluster);
    }
    k = Math.max(k, cluster + 1);
  }
  if (k < 2) return 0;
  const sums = new Float64Array(k * cols);
  const counts = new Int32Array(k);
  for (let i = 0; i < rows; i++) {
    const c = assignments[i]!;
    if (c < 0) continue;
    counts[c] = counts[c]! + 1;
    for (let j = 0; j < cols; j++) sums[c * cols + j] = sums[c * cols + j]! + data[i * cols + j]!;
  }
  let total = 0;
  let counted = 0;
  for (let i = 0; i < rows; i++) {
    const own = assignments[i]!;
    if (own < 0) continue;
    counted++;
    if (counts[own]! < 2) continue;
    let selfDot = 0;
    for (let j = 0; j < cols; j++) selfDot += data[i * cols + j]! * data[i * cols + j]!;
    let a = 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      let dotSum = 0;
      for (let j = 0; j < cols; j++) dotSum += data[i * cols + j]! * sums[c * cols + j]!;
      if (c === own) a = 1 - (dotSum - selfDot) / (counts[c]! - 1);
      else b = Math.min(b, 1 - dotSum / counts[c]!);
    }
    if (b === Infinity) continue;
    const scale = Math.max(a, b);
    total += scale > 0 ? (b - a) / scale : 0;
  }
  return counted === 0 ? 0 : total / counted;
}
