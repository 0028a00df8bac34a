import { assertNumberOption, assertOptions, fail } from '../errors';
import {
  type Columns,
  dot,
  multiplySparse,
  multiplySparseTransposed,
  orthonormalize,
  symmetricEigen,
} from './linalg';
import { createRandom } from './random';
import type { DenseMatrix, SparseMatrix } from './types';

export interface RandomizedSvdOptions {
  /** Number of singular triplets wanted (default 100, capped at min(rows, cols)). */
  readonly rank?: number;
  /** Extra random directions beyond `rank` (default 10). */
  readonly oversample?: number;
  /** Power (subspace) iterations, sharpening the spectrum for slowly decaying text spectra (default 2). */
  readonly powerIterations?: number;
  readonly seed?: number;
  /** Also compute the right singular vectors `vt` (default true; clustering only needs `u`). */
  readonly rightVectors?: boolean;
}

/** A truncated SVD `A ~ U diag(s) V^T`. */
export interface TruncatedSvd {
  /** Left singular vectors, rows x rank, row-major. */
  readonly u: DenseMatrix;
  /** Singular values, descending. */
  readonly singularValues: Float64Array;
  /** Right singular vectors transposed, rank x cols, row-major (fold a new row x in as `x V`); 0 rows when not asked for. */
  readonly vt: DenseMatrix;
}

/**
 * Truncated singular value decomposition of a sparse matrix by randomized subspace iteration, multiplying the
 * sparse matrix directly (never densifying it): Halko, Martinsson & Tropp, "Finding structure with randomness:
 * probabilistic algorithms for constructing approximate matrix decompositions", SIAM Review 53(2), 2011,
 * Algorithm 4.3 (randomized power iteration) run on `A^T`, so that the one orthonormalisation is of the small
 * `cols x l` block followed by
 * Algorithm 5.1 (direct SVD of the small projected matrix, here through the eigen-decomposition of `B B^T`).
 * Applied to a TF-IDF matrix this is latent semantic analysis (Deerwester et al., JASIS 41(6), 1990).
 *
 * Cost: O((2q + 2) nnz l + (m + n) l^2 + l^3) for l = rank + oversample and q power iterations; memory
 * O((m + n) l).
 * @throws FeedbackMinerError INVALID_ARGUMENT / INVALID_OPTION on misuse
 * @example
 * // [[1, 1], [0, 1]] in CSR form:
 * const m = { rows: 2, cols: 2, indptr: Int32Array.of(0, 2, 3), indices: Int32Array.of(0, 1, 1), values: Float64Array.of(1, 1, 1) };
 * randomizedSvd(m, { rank: 2, seed: 1 }).singularValues // => Float64Array [1.618..., 0.618...] (the golden ratio and its inverse)
 */
export function randomizedSvd(matrix: SparseMatrix, options?: RandomizedSvdOptions): TruncatedSvd {
  const where = 'randomizedSvd';
  if (matrix === null || typeof matrix !== 'object' || !(matrix.indptr instanceof Int32Array)) {
    fail('INVALID_ARGUMENT', where, 'matrix', 'a SparseMatrix', matrix);
  }
  assertOptions(where, options);
  const rankWanted = options?.rank ?? 100;
  const oversample = options?.oversample ?? 10;
  const powerIterations = options?.powerIterations ?? 2;
  const seed = options?.seed ?? 0;
  assertNumberOption(where, 'options.rank', rankWanted, { min: 1, integer: true });
  assertNumberOption(where, 'options.oversample', oversample, { min: 0, integer: true });
  assertNumberOption(where, 'options.powerIterations', powerIterations, { min: 0, max: 20, integer: true });
  assertNumberOption(where, 'options.seed', seed, { integer: true });
  const { rows, cols } = matrix;
  const rank = Math.min(rankWanted, rows, cols);
  const width = Math.min(rank + oversample, rows, cols);
  if (rank === 0) {
    return {
      u: { rows, cols: 0, data: new Float64Array(0) },
      singularValues: new Float64Array(0),
      vt: { rows: 0, cols, data: new Float64Array(0) },
    };
  }
  const random = createRandom(seed);
  // The range finder runs on A^T (its range is the row space of A, of dimension at most cols), so that every
  // orthonormalisation is of a cols x l block; the rows x l products are only formed, never orthonormalised.
  const omega: Columns = [];
  for (let c = 0; c < width; c++) {
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i++) column[i] = random.normal();
    omega.push(column);
  }
  // Power iterations without intermediate orthonormalisation (Halko et al., Algorithm 4.3): in double
  // precision and with q <= 3 this loses only directions below ~eps^(1/(2q+1)) of the largest singular value,
  // far under the themes' scale, and saves an O(cols l^2) orthonormalisation per step. Columns are rescaled after
  // each product to keep them in floating-point range.
  let y = rescale(multiplySparseTransposed(matrix, omega));
  for (let iteration = 0; iteration < powerIterations; iteration++) {
    y = rescale(multiplySparseTransposed(matrix, multiplySparse(matrix, y)));
  }
  // One Gram-Schmidt pass: its loss of orthogonality (~ eps * cond(Y)) stays far below what clustering resolves.
  const q = orthonormalize(y, 1);
  // A ~ (A Q) Q^T; the SVD of the tall P = A Q comes from the eigen-decomposition of the small P^T P.
  const p = multiplySparse(matrix, q);
  const gram = new Float64Array(width * width);
  for (let i = 0; i < width; i++) {
    for (let j = i; j < width; j++) {
      const value = dot(p[i]!, p[j]!);
      gram[i * width + j] = value;
      gram[j * width + i] = value;
    }
  }
  const { values, vectors } = symmetricEigen(gram, width);
  const singularValues = new Float64Array(rank);
  for (let r = 0; r < rank; r++) singularValues[r] = Math.sqrt(Math.max(0, values[r]!));
  // U = P W diag(1/s), assembled row by row (P is column-major, so gather each row of P once).
  const u = new Float64Array(rows * rank);
  const row = new Float64Array(width);
  const weights = new Float64Array(rank * width);
  for (let r = 0; r < rank; r++) {
    const sigma = singularValues[r]!;
    const inverse = sigma > 1e-12 ? 1 / sigma : 0;
    for (let c = 0; c < width; c++) weights[r * width + c] = vectors[r]![c]! * inverse;
  }
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < width; c++) row[c] = p[c]![i]!;
    for (let r = 0; r < rank; r++) {
      let sum = 0;
      const offset = r * width;
      for (let c = 0; c < width; c++) sum += row[c]! * weights[offset + c]!;
      u[i * rank + r] = sum;
    }
  }
  const wantRight = options?.rightVectors ?? true;
  const vt = new Float64Array(wantRight ? rank * cols : 0);
  if (wantRight) {
    for (let r = 0; r < rank; r++) {
      const offset = r * cols;
      for (let c = 0; c < width; c++) {
        const weight = vectors[r]![c]!;
        if (weight === 0) continue;
        const qc = q[c]!;
        for (let j = 0; j < cols; j++) vt[offset + j] = vt[offset + j]! + weight * qc[j]!;
      }
    }
  }
  return {
    u: { rows, cols: rank, data: u },
    singularValues,
    vt: { rows: wantRight ? rank : 0, cols, data: vt },
  };
}

function rescale(columns: Columns): Columns {
  for (const column of columns) {
    const norm = Math.sqrt(dot(column, column));
    if (norm > 0) for (let i = 0; i < column.length; i++) column[i] = column[i]! / norm;
  }
  return columns;
}
