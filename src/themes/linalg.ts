/**
 * Internal dense linear algebra on column-major blocks (an array of Float64Array columns): the few kernels the
 * randomized SVD needs. Not exported from the package.
 */
import type { DenseMatrix, SparseMatrix } from './types';

/** Columns of equal length. */
export type Columns = Float64Array[];

/** Y = A X for sparse A (m x n) and X (n x l, columns). O(nnz * l). */
export function multiplySparse(a: SparseMatrix, x: Columns): Columns {
  const { rows, indptr, indices, values } = a;
  return x.map((column) => {
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      const end = indptr[i + 1]!;
      for (let p = indptr[i]!; p < end; p++) sum += values[p]! * column[indices[p]!]!;
      out[i] = sum;
    }
    return out;
  });
}

/** Z = A^T Y for sparse A (m x n) and Y (m x l, columns). O(nnz * l). */
export function multiplySparseTransposed(a: SparseMatrix, y: Columns): Columns {
  const { rows, cols, indptr, indices, values } = a;
  return y.map((column) => {
    const out = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const yi = column[i]!;
      if (yi === 0) continue;
      const end = indptr[i + 1]!;
      for (let p = indptr[i]!; p < end; p++) {
        const j = indices[p]!;
        out[j] = out[j]! + values[p]! * yi;
      }
    }
    return out;
  });
}

/** Inner product of two equal-length vectors. O(n). */
export function dot(x: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * y[i]!;
  return sum;
}

/**
 * Orthonormalises columns (of a copy) by modified Gram-Schmidt (Golub & Van Loan, sec. 5.2.8), with a second
 * pass ("twice is enough", Giraud, Langou & Rozloznik 2005) when `passes` is 2. Columns that fall to (numerically) zero norm are
 * returned as zero columns: the block then has lower rank, which callers treat as zero singular values.
 * O(m l^2).
 */
export function orthonormalize(input: Columns, passes = 2): Columns {
  const q = input.map((column) => Float64Array.from(column));
  const original = q.map((column) => Math.sqrt(dot(column, column)));
  for (let pass = 0; pass < passes; pass++) {
    for (let c = 0; c < q.length; c++) {
      const column = q[c] as Float64Array;
      for (let previous = 0; previous < c; previous++) {
        const basis = q[previous] as Float64Array;
        const projection = dot(column, basis);
        if (projection === 0) continue;
        for (let i = 0; i < column.length; i++) column[i] = column[i]! - projection * basis[i]!;
      }
      const norm = Math.sqrt(dot(column, column));
      if (norm <= 1e-10 * Math.max(original[c]!, 1e-300) || norm === 0) {
        column.fill(0);
      } else {
        for (let i = 0; i < column.length; i++) column[i] = column[i]! / norm;
      }
    }
  }
  return q;
}

/**
 * Eigen-decomposition of a small symmetric matrix (row-major, size l) by the cyclic Jacobi method (Golub & Van
 * Loan, *Matrix Computations*, 4th ed., sec. 8.5). Returns eigenvalues descending and eigenvectors as columns.
 * O(l^3) per sweep, a handful of sweeps.
 */
export function symmetricEigen(matrix: Float64Array, size: number): { values: Float64Array; vectors: Columns } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  const at = (i: number, j: number): number => a[i * size + j]!;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const value = at(i, j) * at(i, j);
        total += value;
        if (i !== j) off += value;
      }
    }
    if (off <= 1e-22 * Math.max(total, 1e-300)) break;
    for (let p = 0; p < size - 1; p++) {
      for (let r = p + 1; r < size; r++) {
        const apr = at(p, r);
        if (Math.abs(apr) < 1e-300) continue;
        const theta = (at(r, r) - at(p, p)) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = at(k, p);
          const akr = at(k, r);
          a[k * size + p] = c * akp - s * akr;
          a[k * size + r] = s * akp + c * akr;
        }
        for (let k = 0; k < size; k++) {
          const apk = at(p, k);
          const ark = at(r, k);
          a[p * size + k] = c * apk - s * ark;
          a[r * size + k] = s * apk + c * ark;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p]!;
          const vkr = v[k * size + r]!;
          v[k * size + p] = c * vkp - s * vkr;
          v[k * size + r] = s * vkp + c * vkr;
        }
      }
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => at(y, y) - at(x, x));
  const values = Float64Array.from(order, (i) => at(i, i));
  const vectors = order.map((i) => {
    const column = new Float64Array(size);
    for (let k = 0; k < size; k++) column[k] = v[k * size + i]!;
    return column;
  });
  return { values, vectors };
}

/**
 * `size` rows of `points` (all of them when there are no more): every (n / size)-th row from a seeded offset. For
 * rows in a canonical (sorted) order this is an unbiased systematic sample. Cost: O(size · cols).
 */
export function strideSample(points: DenseMatrix, size: number, seed: number): DenseMatrix {
  if (points.rows <= size) return points;
  const step = points.rows / size;
  const offset = (Math.abs(seed) % 997) / 997;
  const data = new Float64Array(size * points.cols);
  for (let s = 0; s < size; s++) {
    const row = Math.min(points.rows - 1, Math.floor((s + offset) * step));
    data.set(points.data.subarray(row * points.cols, (row + 1) * points.cols), s * points.cols);
  }
  return { rows: size, cols: points.cols, data };
}
